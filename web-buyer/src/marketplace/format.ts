const integer = new Intl.NumberFormat('en-US');

/** "1,234". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** Credits for a USD Decimal string (1 credit = $0.10), as a Decimal string: "12.5" → "125". */
export function usdToCredits(usd: string): string {
  const negative = usd.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? usd.slice(1) : usd).split('.');
  const shifted = `${whole}${fraction.slice(0, 1).padEnd(1, '0')}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(1);
  return `${negative ? '-' : ''}${shifted}${rest ? `.${rest}` : ''}`;
}

/** "Ada L." for a lead whose last name is masked to its initial. */
export function leadName(lead: { firstName: string; lastName: string }): string {
  const last = lead.lastName.length === 1 ? `${lead.lastName}.` : lead.lastName;
  return `${lead.firstName} ${last}`.trim();
}

/** "Austin, TX, US". */
export function leadLocation(lead: { city?: string | null; state?: string | null; country: string }): string {
  return [lead.city, lead.state, lead.country].filter(Boolean).join(', ');
}
