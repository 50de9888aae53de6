/** "OWNER" → "Owner", "SALES_USER" → "Sales user". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().split('_');
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
