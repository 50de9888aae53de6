// Lead files do not go through GraphQL: they are streamed to `POST /uploads/leads` (multipart, one
// `file` field). XMLHttpRequest rather than fetch, for its upload progress events (files up to 200 MB).
import { NETWORK_ERROR_MESSAGE, UPLOAD_CSRF_HEADER } from '@hotlead/graphql-client';

/** Absolute from the origin: the API serves it next to /graphql, not under the app's /partner/ base. */
export const UPLOAD_ENDPOINT = '/uploads/leads';
export { UPLOAD_CSRF_HEADER };
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/** The stored file, as the endpoint answers it (201). */
export interface UploadedFile {
  id: string;
  fileName: string;
  sizeBytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
}

/** A refused or failed upload; `message` is meant for people (the server writes it so). */
export class UploadError extends Error {
  constructor(
    message: string,
    /** The server's code (EMPTY_FILE, FILE_TOO_LARGE, UPLOADS_SUSPENDED, …); null without an answer. */
    readonly code: string | null,
    /** HTTP status; 0 when the server could not be reached or the upload was stopped. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export const UPLOAD_ABORTED = 'ABORTED';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle {
  /** Resolves with the stored file; rejects with an UploadError. */
  done: Promise<UploadedFile>;
  /** Stops sending; `done` rejects with code ABORTED. */
  abort: () => void;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isUploadedFile(value: unknown): value is UploadedFile {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['id'] === 'string' && typeof v['fileName'] === 'string' && Array.isArray(v['headers']);
}

/** The error an answer without a usable `{ error: { code, message } }` stands for (e.g. a proxy's page). */
function fallbackError(status: number): UploadError {
  if (status === 413) return new UploadError(`The file is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB.`, 'FILE_TOO_LARGE', status);
  if (status === 401) return new UploadError('Your session has ended. Please log in again.', 'UNAUTHENTICATED', status);
  if (status >= 500) return new UploadError('Something went wrong on our side. Please try again.', null, status);
  return new UploadError(`The upload failed (HTTP ${status}). Please try again.`, null, status);
}

function resultOf(status: number, body: unknown): UploadedFile | UploadError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (status >= 200 && status < 300) {
    const upload = record['upload'];
    return isUploadedFile(upload) ? upload : new UploadError('The server’s answer was not understood. Please try again.', null, status);
  }
  const error = record['error'];
  if (error && typeof error === 'object') {
    const { code, message } = error as Record<string, unknown>;
    if (typeof message === 'string' && message !== '') return new UploadError(message, typeof code === 'string' ? code : null, status);
  }
  return fallbackError(status);
}

/**
 * Sends `file` for the partner org `partnerOrgId` (its global id) with the session cookie
 * (same-origin) and reports the bytes sent through `onProgress`.
 */
export function uploadLeadsFile(partnerOrgId: string, file: File, onProgress?: (progress: UploadProgress) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', `${UPLOAD_ENDPOINT}?partnerOrgId=${encodeURIComponent(partnerOrgId)}`);
    xhr.setRequestHeader(UPLOAD_CSRF_HEADER, '1');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      const result = resultOf(xhr.status, parseJson(xhr.responseText));
      if (result instanceof UploadError) reject(result);
      else resolve(result);
    });
    xhr.addEventListener('error', () => reject(new UploadError(NETWORK_ERROR_MESSAGE, null, 0)));
    xhr.addEventListener('timeout', () => reject(new UploadError(NETWORK_ERROR_MESSAGE, null, 0)));
    xhr.addEventListener('abort', () => reject(new UploadError('The upload was stopped.', UPLOAD_ABORTED, 0)));

    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
