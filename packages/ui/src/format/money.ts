// Money and credits arrive as Decimal strings ("1234.5000"). Intl formats the string itself (no
// conversion to a float), so what is shown is exactly what the ledger holds, rounded for display.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const credits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

type DecimalFormat = { format(value: string): string };

/** "$1,234.50" for "1234.5000". */
export function formatUsd(value: string | null | undefined): string {
  return value == null ? '—' : (usd as unknown as DecimalFormat).format(value);
}

/** "$75.00" for 7500 cents. */
export function formatCents(cents: number): string {
  return formatUsd((cents / 100).toFixed(2));
}

/** "12,500" or "850.5" credits for "12500.0000" / "850.5000". */
export function formatCredits(value: string | null | undefined): string {
  return value == null ? '—' : (credits as unknown as DecimalFormat).format(value);
}

/** Saves a file the API returned inline (CSV and JSON statements). */
export function downloadFile(file: { filename: string; contentType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
