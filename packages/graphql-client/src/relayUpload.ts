// Attachments of relayed messages do not go through GraphQL: each file is posted raw to
// `POST /relay/uploads`, which scans it at once and answers a token for `threadMessageSend`.
// Shared by the provider console (web-admin) and the end-user area (web-buyer).
import { NETWORK_ERROR_MESSAGE } from './errors';
import { resolveHttpUrl } from './createApolloClient';

/** The API's CSRF guard for uploads: a cross-site form cannot send a custom header. */
export const UPLOAD_CSRF_HEADER = 'x-hotlead-upload';

/** What the relay answers for a scanned, accepted file. */
export interface UploadedAttachment {
  token: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** The relay refused the file (too large, blocked by the scanner, …) or could not be reached; `message` is for people. */
export class UploadRefusedError extends Error {
  constructor(
    message: string,
    readonly filename: string,
    /** HTTP status; 0 without an answer. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadRefusedError';
  }
}

function isUploaded(value: unknown): value is UploadedAttachment {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['token'] === 'string' && typeof v['filename'] === 'string' && typeof v['sizeBytes'] === 'number';
}

/** The server's reason (`{ error: { message } }`), or one that says what went wrong. */
function refusalMessage(status: number, body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  if (typeof error?.message === 'string' && error.message) return error.message;
  if (status === 413) return 'The file is larger than the attachment limit.';
  if (status === 401) return 'Your session has ended. Please log in again.';
  return `The upload failed (HTTP ${status}). Please try again.`;
}

/** Uploads one attachment: its bytes as the body, its type as Content-Type, its name in the query string, the session cookie for auth. */
export async function uploadRelayAttachment(file: File, signal?: AbortSignal): Promise<UploadedAttachment> {
  const url = resolveHttpUrl(`/relay/uploads?filename=${encodeURIComponent(file.name)}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      // The bytes rather than the File: every fetch implementation sends an ArrayBuffer as is.
      body: await file.arrayBuffer(),
      credentials: 'include',
      headers: { 'Content-Type': file.type || 'application/octet-stream', [UPLOAD_CSRF_HEADER]: '1' },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UploadRefusedError(NETWORK_ERROR_MESSAGE, file.name, 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new UploadRefusedError(refusalMessage(response.status, body), file.name, response.status);
  if (!isUploaded(body))
    throw new UploadRefusedError('The server answered the upload in a way this page does not understand.', file.name, response.status);
  return body;
}
