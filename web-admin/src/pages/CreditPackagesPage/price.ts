// Prices are typed in dollars and sent in integer cents. Conversion works on the digits of the
// string, never through a float (79.99 * 100 is 7998.999999999999).

const DOLLARS = /^(\d{1,7})(?:\.(\d{0,2}))?$/;

/** 7999 for "79.99", 7990 for "79.9", 7900 for "79" or "$79.00"; null when it is not a dollar amount with at most two decimals. */
export function dollarsToCents(input: string): number | null {
  const match = DOLLARS.exec(input.trim().replace(/^\$/, '').replace(/,/g, ''));
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** "79.99" for 7999 cents (for editing; display uses formatUsd / formatCents). */
export function centsToDollars(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
