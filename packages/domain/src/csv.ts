// CSV as spreadsheets read it (RFC 4180): a field with a comma, quote or line break is quoted, and its
// quotes doubled.

/** One CSV field; null is an empty field. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
