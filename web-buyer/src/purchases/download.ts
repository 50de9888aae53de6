/** The CSV endpoint refused the download (409 while the export is prepared, 429 over the daily limit…). */
export class DownloadRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'DownloadRefusedError';
  }
}

/** The endpoint's `{ error: { code, message } }` body, or a generic message for anything else. */
async function refusal(response: Response): Promise<DownloadRefusedError> {
  let code: string | null = null;
  let message = `The download failed (HTTP ${response.status}). Please try again.`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
    if (typeof body.error?.code === 'string') code = body.error.code;
  } catch {
    // Not JSON: keep the generic message.
  }
  return new DownloadRefusedError(message, response.status, code);
}

/** `hotlead-leads-1a2b3c4d.csv` from `attachment; filename="hotlead-leads-1a2b3c4d.csv"`. */
export function filenameFrom(contentDisposition: string | null, fallback: string): string {
  const match = contentDisposition ? /filename="?([^";]+)"?/i.exec(contentDisposition) : null;
  return match?.[1] ?? fallback;
}

/**
 * Downloads a purchase's CSV (same-origin GET with the session cookie) and saves it, so a refusal
 * (409 EXPORT_PREPARING, 429 RATE_LIMITED…) can be shown as a message instead of a JSON page.
 * Throws a DownloadRefusedError when the server refuses.
 */
export async function downloadPurchaseCsv(downloadUrl: string): Promise<void> {
  const response = await fetch(new URL(downloadUrl, window.location.href), { credentials: 'same-origin' });
  if (!response.ok) throw await refusal(response);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = href;
    link.download = filenameFrom(response.headers.get('content-disposition'), 'hotlead-leads.csv');
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(href);
  }
}
