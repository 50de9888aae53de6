// Marketplace rules shared by the server and the buyer app: what a lead costs at checkout and how its
// contact details look before they are bought.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { multiply } from './money.js';

/** Exclusive purchase is a premium option (seed 000 Decision 3): list price × this factor. */
export const EXCLUSIVE_PRICE_FACTOR = '5';

/** The price a workspace pays for one lead, in USD (4 places). */
export function purchasePrice(listPrice: string, exclusive: boolean): string {
  return exclusive ? multiply(listPrice, EXCLUSIVE_PRICE_FACTOR) : multiply(listPrice, '1');
}

/** `jane.doe@acme.com` → `j***@acme.com`: the domain stays (it says which company), the person does not. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***@${email.slice(at + 1)}`;
}

/** `+14155552671` → `+1 ***-***-2671`: the country code and the last four digits only. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const callingCode = parsePhoneNumberFromString(phone)?.countryCallingCode;
  return `${callingCode ? `+${callingCode} ` : ''}***-***-${digits.slice(-4)}`;
}
