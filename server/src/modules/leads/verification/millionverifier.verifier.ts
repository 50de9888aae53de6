// MillionVerifier (https://developer.millionverifier.com), a paid service that talks to the mail servers
// and so can tell a real mailbox from a missing one and spot catch-all domains.
//
// Single API (default): GET https://api.millionverifier.com/api/v3/?api=KEY&email=…&timeout=10, one
// email per request, answered with JSON { email, quality, result, resultcode, subresult, free, role,
// didyoumean, credits, executiontime, error, livemode }; result is ok | catch_all | unknown | error |
// disposable | invalid (resultcode 1–6). Account problems come back as HTTP 200 too, with result
// 'error' and `error` saying why ("Apikey not found", insufficient credits, …).
//
// Bulk API (MILLIONVERIFIER_BULK): POST https://bulkapi.millionverifier.com/bulkapi/v2/upload?key=KEY
// (multipart, the list in the `file_contents` field) answers the file record { file_id, file_name,
// status, percent, total_rows, unique_emails, verified, ok, catch_all, …, error }; GET fileinfo?file_id=
// returns the same record (status in_queue_to_start | in_progress | paused | finished | canceled | error
// | unknown); GET download?file_id=&filter=all returns the report as CSV ("email","quality","result",
// "free","role"; free/role yes|no). Failures are JSON { error } (e.g. "insufficient_credits") on HTTP 200.
//
// The API key is a secret: it travels only in request URLs and never appears in an error message.
import { parse } from 'csv-parse/sync';
import type { EmailVerifier, VerificationOutcome } from './verifier.js';

export const MILLIONVERIFIER_SINGLE_URL = 'https://api.millionverifier.com/api/v3/';
export const MILLIONVERIFIER_BULK_URL = 'https://bulkapi.millionverifier.com/bulkapi/v2';

export interface MillionVerifierOptions {
  apiKey: string;
  /** Use the bulk (file) API instead of one request per email. */
  bulk?: boolean;
  /** Requests in flight at once (single API: emails; bulk API: files). Default 10. */
  concurrency?: number;
  /** Seconds MillionVerifier may wait for the recipient's mail server (2–60). Default 10. */
  smtpTimeoutSeconds?: number;
  /** Our own limit per HTTP request, including reading the body. Default: smtpTimeoutSeconds + 10 s (single), 60 s (bulk). */
  requestTimeoutMs?: number;
  /** Bulk: pause between fileinfo polls. Default 5 s. */
  pollIntervalMs?: number;
  /** Bulk: longest wait for a file to finish before giving up (the job retries). Default 15 min. */
  maxWaitMs?: number;
  fetch?: typeof fetch;
}

export type MillionVerifierErrorKind = 'account' | 'http' | 'network' | 'timeout' | 'protocol' | 'bulk';

/** A failure of the provider or of the account (never of one email). Its message never contains the API key. */
export class MillionVerifierError extends Error {
  override readonly name = 'MillionVerifierError';
  constructor(
    message: string,
    readonly kind: MillionVerifierErrorKind,
    /** Whether trying again later may succeed (a bad key or an empty account will not). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

type Result = 'ok' | 'catch_all' | 'unknown' | 'error' | 'disposable' | 'invalid';
const RESULT_CODES: Record<number, Result> = { 1: 'ok', 2: 'catch_all', 3: 'unknown', 4: 'error', 5: 'disposable', 6: 'invalid' };

interface SingleResponse {
  email?: string;
  quality?: string;
  result?: string;
  resultcode?: number;
  subresult?: string;
  free?: boolean;
  role?: boolean;
  didyoumean?: string;
  credits?: number;
  executiontime?: number;
  error?: string;
  livemode?: boolean;
}

interface FileInfo {
  file_id?: string | number;
  status?: string;
  percent?: number;
  error?: string;
}

/** An `error` about the account rather than the email: bad/missing key, no credits, blocked IP. */
const ACCOUNT_ERROR = /api\s*key|apikey|credit|ip\s*address|blocked|unauthori[sz]ed|forbidden|suspended|banned|account/i;

function invalidReason(subresult: string | undefined): string {
  switch (subresult) {
    case 'invalid_syntax':
      return 'syntax';
    case 'dns_no_mx':
    case 'dns_no_a':
    case 'dns_no_domain':
    case 'bad_domain':
    case 'host_not_accept_incoming_mail':
      return 'bad_domain';
    case 'mailbox_disabled':
    case 'mailbox_full':
      return subresult;
    default:
      return 'mailbox_not_found';
  }
}

/** ok → VALID (role/free flags do not change that), disposable → INVALID, error → UNKNOWN 'provider_error'. */
export function mapMillionVerifierResult(result: string | undefined, subresult?: string): VerificationOutcome {
  switch (result) {
    case 'ok':
      return { status: 'VALID', reason: 'ok' };
    case 'catch_all':
      return { status: 'CATCH_ALL', reason: 'catch_all' };
    case 'unknown':
      return { status: 'UNKNOWN', reason: 'unknown' };
    case 'invalid':
      return { status: 'INVALID', reason: invalidReason(subresult) };
    case 'disposable':
      return { status: 'INVALID', reason: 'disposable' };
    default:
      return { status: 'UNKNOWN', reason: 'provider_error' };
  }
}

const normalize = (email: string) => email.trim().toLowerCase();

/** Sleeps, rejecting with the signal's reason if it aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `task` over `items`, at most `limit` at once; the first failure stops the rest (via `stop`). */
async function pool<T, R>(items: readonly T[], limit: number, stop: AbortController, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop.signal.aborted) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        stop.abort();
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  stop.signal.throwIfAborted();
  return results;
}

export class MillionVerifierVerifier implements EmailVerifier {
  readonly name = 'millionverifier' as const;
  readonly batchSize = 100;
  readonly paid = true;

  /** An ES private field: not enumerable, so a logged or serialized verifier does not show it. */
  readonly #apiKey: string;
  private readonly bulk: boolean;
  private readonly concurrency: number;
  private readonly smtpTimeoutSeconds: number;
  private readonly requestTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly maxWaitMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: MillionVerifierOptions) {
    if (!options.apiKey) throw new Error('MillionVerifier needs an API key');
    this.#apiKey = options.apiKey;
    this.bulk = options.bulk ?? false;
    this.concurrency = Math.max(1, options.concurrency ?? 10);
    this.smtpTimeoutSeconds = Math.min(60, Math.max(2, Math.round(options.smtpTimeoutSeconds ?? 10)));
    this.requestTimeoutMs = options.requestTimeoutMs ?? (this.bulk ? 60_000 : (this.smtpTimeoutSeconds + 10) * 1000);
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async verify(emails: readonly string[], signal?: AbortSignal): Promise<VerificationOutcome[]> {
    signal?.throwIfAborted();
    if (emails.length === 0) return [];
    // Stops the remaining requests once one fails or the caller aborts.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (!this.bulk) return await pool(emails, this.concurrency, stop, (email) => this.verifyOne(email, stop.signal));
      // One file per batch of ≤ batchSize (the caller normally passes one batch).
      const batches: string[][] = [];
      for (let i = 0; i < emails.length; i += this.batchSize) batches.push(emails.slice(i, i + this.batchSize));
      return (await pool(batches, this.concurrency, stop, (batch) => this.verifyFile(batch, stop.signal))).flat();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  // ───────────── single API ─────────────

  private async verifyOne(email: string, signal: AbortSignal): Promise<VerificationOutcome> {
    const url = new URL(MILLIONVERIFIER_SINGLE_URL);
    url.searchParams.set('api', this.#apiKey);
    url.searchParams.set('email', email.trim());
    url.searchParams.set('timeout', String(this.smtpTimeoutSeconds));
    const body = await this.request(url, undefined, signal, 'verification request', 'json');
    if (!body || typeof body !== 'object')
      throw new MillionVerifierError('MillionVerifier verification request: unexpected response', 'protocol', true);
    const response = body as SingleResponse;
    this.throwIfAccountError(response.error);
    const result = response.result ?? (response.resultcode !== undefined ? RESULT_CODES[response.resultcode] : undefined);
    return mapMillionVerifierResult(result, response.subresult);
  }

  // ───────────── bulk API ─────────────

  private async verifyFile(batch: readonly string[], signal: AbortSignal): Promise<VerificationOutcome[]> {
    const form = new FormData();
    const lines = batch.map((email) => email.replace(/[\r\n]+/g, ' ').trim());
    form.append('file_contents', new Blob([`${lines.join('\n')}\n`], { type: 'text/plain' }), `hotlead-${Date.now()}.txt`);
    const uploaded = (await this.request(
      this.bulkUrl('upload'),
      { method: 'POST', body: form },
      signal,
      'bulk upload',
      'json',
    )) as FileInfo;
    this.throwIfBulkError(uploaded, 'bulk upload');
    if (uploaded.file_id === undefined || uploaded.file_id === null || uploaded.file_id === '')
      throw new MillionVerifierError('MillionVerifier bulk upload: no file_id in the response', 'protocol', true);
    const fileId = String(uploaded.file_id);

    const deadline = Date.now() + this.maxWaitMs;
    let info = uploaded;
    while (info.status !== 'finished') {
      if (info.status === 'error' || info.status === 'canceled')
        throw new MillionVerifierError(`MillionVerifier bulk file ${fileId} ended with status '${info.status}'`, 'bulk', true);
      if (Date.now() + this.pollIntervalMs > deadline)
        throw new MillionVerifierError(`MillionVerifier bulk file ${fileId} did not finish within ${this.maxWaitMs} ms`, 'timeout', true);
      await sleep(this.pollIntervalMs, signal);
      info = (await this.request(this.bulkUrl('fileinfo', { file_id: fileId }), undefined, signal, 'bulk fileinfo', 'json')) as FileInfo;
      this.throwIfBulkError(info, 'bulk fileinfo');
    }

    const report = await this.request(
      this.bulkUrl('download', { file_id: fileId, filter: 'all' }),
      undefined,
      signal,
      'bulk download',
      'text',
    );
    const byEmail = this.parseReport(report as string);
    return batch.map((email) => byEmail.get(normalize(email)) ?? { status: 'UNKNOWN', reason: 'provider_error' });
  }

  /** The download report, keyed by normalized email. A JSON body instead of CSV is an error. */
  private parseReport(text: string): Map<string, VerificationOutcome> {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        throw new MillionVerifierError('MillionVerifier bulk download: unreadable report', 'protocol', true);
      }
      this.throwIfBulkError(parsed as FileInfo, 'bulk download');
      throw new MillionVerifierError('MillionVerifier bulk download: unexpected response', 'protocol', true);
    }
    let rows: string[][];
    try {
      rows = parse(trimmed, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
    } catch {
      throw new MillionVerifierError('MillionVerifier bulk download: unreadable report', 'protocol', true);
    }
    const header = (rows[0] ?? []).map((column) => column.trim().toLowerCase());
    const emailColumn = header.indexOf('email');
    const resultColumn = header.indexOf('result');
    if (emailColumn < 0 || resultColumn < 0)
      throw new MillionVerifierError('MillionVerifier bulk download: report has no email/result columns', 'protocol', true);
    const byEmail = new Map<string, VerificationOutcome>();
    for (const row of rows.slice(1)) {
      const email = row[emailColumn];
      if (email) byEmail.set(normalize(email), mapMillionVerifierResult(row[resultColumn]?.trim().toLowerCase()));
    }
    return byEmail;
  }

  private bulkUrl(endpoint: 'upload' | 'fileinfo' | 'download', params: Record<string, string> = {}): URL {
    const url = new URL(`${MILLIONVERIFIER_BULK_URL}/${endpoint}`);
    url.searchParams.set('key', this.#apiKey);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  private throwIfBulkError(info: FileInfo | null, what: string): void {
    if (!info || typeof info !== 'object') throw new MillionVerifierError(`MillionVerifier ${what}: unexpected response`, 'protocol', true);
    this.throwIfAccountError(info.error);
    if (typeof info.error === 'string' && info.error.trim())
      throw new MillionVerifierError(`MillionVerifier ${what} failed: ${this.safe(info.error)}`, 'bulk', true);
  }

  // ───────────── HTTP ─────────────

  /** An `error` naming the key, the credits or the caller's IP fails the whole call. */
  private throwIfAccountError(error: unknown): void {
    if (typeof error === 'string' && ACCOUNT_ERROR.test(error))
      throw new MillionVerifierError(`MillionVerifier refused the request: ${this.safe(error)}`, 'account', false);
  }

  /** Provider text made safe for a message: the key removed, short. */
  private safe(text: string): string {
    let out = text;
    const key = this.#apiKey;
    for (const secret of new Set([key, encodeURIComponent(key), new URLSearchParams({ key }).toString().slice(4)]))
      out = out.split(secret).join('[redacted]');
    return out.replace(/\s+/g, ' ').trim().slice(0, 120);
  }

  /** One HTTP exchange with our own timeout; errors are rebuilt so that nothing carries the URL (and with it the key). */
  private async request(url: URL, init: RequestInit | undefined, signal: AbortSignal, what: string, as: 'json' | 'text'): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    let status = 0;
    try {
      const response = await this.fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
      status = response.status;
      if (!response.ok) {
        // Not awaited: cancelling some bodies (msw's, for one) never settles.
        response.body?.cancel().catch(() => undefined);
        throw new MillionVerifierError(
          `MillionVerifier ${what} failed: HTTP ${response.status}`,
          'http',
          response.status >= 500 || response.status === 429 || response.status === 408,
        );
      }
      const text = await response.text();
      if (as === 'text') return text;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new MillionVerifierError(`MillionVerifier ${what}: response is not JSON (HTTP ${status})`, 'protocol', true);
      }
    } catch (error) {
      if (error instanceof MillionVerifierError) throw error;
      if (signal.aborted) throw signal.reason;
      if (timeout.aborted)
        throw new MillionVerifierError(`MillionVerifier ${what} timed out after ${this.requestTimeoutMs} ms`, 'timeout', true);
      const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
      const detail = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : '';
      throw new MillionVerifierError(`MillionVerifier ${what} failed: network error${detail}`, 'network', true);
    }
  }
}
