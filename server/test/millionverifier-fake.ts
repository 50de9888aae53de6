// A stand-in for MillionVerifier's API, served through msw, with the request and response shapes of
// https://developer.millionverifier.com: the single API (GET api.millionverifier.com/api/v3/?api=&email=
// &timeout=, JSON with result/resultcode/subresult/free/role/…, account errors as HTTP 200 with result
// 'error' and an `error` text) and the bulk API (multipart upload in `file_contents`, the file record
// from upload and fileinfo, the CSV report from download, JSON `{ error }` on failure). Results are kept
// in memory and chosen per email by the test; the default is 'ok'.
import { randomInt } from 'node:crypto';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export type FakeResult = 'ok' | 'catch_all' | 'unknown' | 'error' | 'disposable' | 'invalid';
export interface FakeVerdict {
  result: FakeResult;
  subresult?: string;
  free?: boolean;
  role?: boolean;
  /** The `error` text of a per-email error (result 'error'). */
  error?: string;
}
/** What the next requests meet instead of an answer. */
export type FakeFailure = 'http_500' | 'http_503' | 'network' | 'hang';

export interface FakeRequest {
  api: 'single' | 'upload' | 'fileinfo' | 'download';
  email?: string;
  fileId?: string;
}

interface FakeFile {
  id: string;
  name: string;
  emails: string[];
  polls: number;
  status: string;
}

const RESULT_CODE: Record<FakeResult, number> = { ok: 1, catch_all: 2, unknown: 3, error: 4, disposable: 5, invalid: 6 };
const QUALITY: Record<FakeResult, string | undefined> = {
  ok: 'good',
  catch_all: 'risky',
  unknown: 'risky',
  error: undefined,
  disposable: 'bad',
  invalid: 'bad',
};
const SUBRESULT: Record<FakeResult, string> = {
  ok: 'ok',
  catch_all: 'ok',
  unknown: 'unknown',
  error: '',
  disposable: 'ok',
  invalid: 'no_mailbox',
};

const timestamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

export class MillionVerifierFake {
  static readonly SINGLE_URL = 'https://api.millionverifier.com/api/v3/';
  static readonly BULK_URL = 'https://bulkapi.millionverifier.com/bulkapi/v2';

  /** The one key the fake accepts. */
  apiKey: string;
  /** Credits left; at 0 the single API answers "Insufficient credits" and upload "insufficient_credits". */
  credits = 1_000_000;
  /** Verdicts by lower-cased email; the rest are 'ok'. */
  readonly verdicts = new Map<string, FakeVerdict>();
  /** Every request received, for assertions on what we sent. */
  readonly requests: FakeRequest[] = [];
  readonly files = new Map<string, FakeFile>();
  /** fileinfo polls before a bulk file is finished (Infinity: never). */
  pollsToFinish = 1;
  /** Milliseconds the single API takes for an email (lets answers arrive out of order). */
  latency: (email: string) => number = () => 0;
  /** Single-API requests in flight now, and the most seen at once. */
  inFlight = 0;
  maxInFlight = 0;
  private failures: { failure: FakeFailure; api: FakeRequest['api'] | undefined; times: number }[] = [];
  readonly server: ReturnType<typeof setupServer>;

  constructor(apiKey: string) {
    this.apiKey = apiKey;
    const bulk = MillionVerifierFake.BULK_URL;
    this.server = setupServer(
      http.get(MillionVerifierFake.SINGLE_URL, async ({ request }) => {
        const url = new URL(request.url);
        const email = url.searchParams.get('email') ?? '';
        this.requests.push({ api: 'single', email });
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          const failed = await this.failure('single');
          if (failed) return failed;
          await delay(this.latency(email));
          return HttpResponse.json(this.single(url.searchParams.get('api'), email));
        } finally {
          this.inFlight -= 1;
        }
      }),
      http.post(`${bulk}/upload`, async ({ request }) => {
        this.requests.push({ api: 'upload' });
        const failed = await this.failure('upload');
        if (failed) return failed;
        const form = await request.formData();
        const key = new URL(request.url).searchParams.get('key') ?? form.get('key');
        if (key !== this.apiKey) return HttpResponse.json({ error: 'Apikey not found' });
        const file = form.get('file_contents');
        if (!file || typeof file === 'string') return HttpResponse.json({ error: 'file_contents is missing' });
        const emails = (await file.text())
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean);
        const unique = new Set(emails.map((e) => e.toLowerCase())).size;
        if (this.credits < unique)
          return HttpResponse.json({ error: 'insufficient_credits', unique_emails: unique, credits: this.credits });
        this.credits -= unique;
        const record: FakeFile = {
          id: String(randomInt(10_000_000, 99_999_999)),
          name: file.name,
          emails,
          polls: 0,
          status: 'in_progress',
        };
        this.files.set(record.id, record);
        return HttpResponse.json(this.fileInfo(record));
      }),
      http.get(`${bulk}/fileinfo`, async ({ request }) => {
        const url = new URL(request.url);
        const fileId = url.searchParams.get('file_id') ?? '';
        this.requests.push({ api: 'fileinfo', fileId });
        const failed = await this.failure('fileinfo');
        if (failed) return failed;
        if (url.searchParams.get('key') !== this.apiKey) return HttpResponse.json({ error: 'Apikey not found' });
        const file = this.files.get(fileId);
        if (!file) return HttpResponse.json({ error: 'file_not_found' });
        file.polls += 1;
        if (file.status === 'in_progress' && file.polls >= this.pollsToFinish) file.status = 'finished';
        return HttpResponse.json(this.fileInfo(file));
      }),
      http.get(`${bulk}/download`, async ({ request }) => {
        const url = new URL(request.url);
        const fileId = url.searchParams.get('file_id') ?? '';
        this.requests.push({ api: 'download', fileId });
        const failed = await this.failure('download');
        if (failed) return failed;
        if (url.searchParams.get('key') !== this.apiKey) return HttpResponse.json({ error: 'Apikey not found' });
        const file = this.files.get(fileId);
        if (!file) return HttpResponse.json({ error: 'file_not_found' });
        if (file.status !== 'finished') return HttpResponse.json({ error: 'file_not_finished' });
        // filter=all: every unique address once, with the verdict columns MillionVerifier adds.
        const rows = [['email', 'quality', 'result', 'free', 'role']];
        const seen = new Set<string>();
        for (const email of file.emails) {
          if (seen.has(email.toLowerCase())) continue;
          seen.add(email.toLowerCase());
          const verdict = this.verdictFor(email);
          // The bulk report has no 'error' result: those come out as unknown.
          const result = verdict.result === 'error' ? 'unknown' : verdict.result;
          rows.push([email, QUALITY[result] ?? 'risky', result, verdict.free ? 'yes' : 'no', verdict.role ? 'yes' : 'no']);
        }
        const csv = rows.map((row) => row.map(csvCell).join(',')).join('\n');
        return new HttpResponse(`${csv}\n`, {
          headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${file.name}"` },
        });
      }),
    );
  }

  listen(): void {
    this.server.listen({ onUnhandledRequest: 'error' });
  }

  close(): void {
    this.server.close();
  }

  /** Forget requests, files, failures and verdicts (keeps the key and the listener). */
  reset(): void {
    this.requests.length = 0;
    this.files.clear();
    this.verdicts.clear();
    this.failures = [];
    this.pollsToFinish = 1;
    this.latency = () => 0;
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.credits = 1_000_000;
  }

  setVerdict(email: string, verdict: FakeVerdict): void {
    this.verdicts.set(email.toLowerCase(), verdict);
  }

  /** The next `times` requests (to `api`, or to any endpoint) fail this way; 'always' until reset. */
  fail(failure: FakeFailure, times: number | 'always' = 1, api?: FakeRequest['api']): void {
    this.failures.push({ failure, api, times: times === 'always' ? Infinity : times });
  }

  requestsTo(api: FakeRequest['api']): FakeRequest[] {
    return this.requests.filter((r) => r.api === api);
  }

  // ───────────── MillionVerifier's side ─────────────

  private verdictFor(email: string): FakeVerdict {
    return this.verdicts.get(email.toLowerCase()) ?? { result: 'ok' };
  }

  private async failure(api: FakeRequest['api']): Promise<Response | null> {
    const planned = this.failures.find((f) => f.times > 0 && (f.api === undefined || f.api === api));
    if (planned) planned.times -= 1;
    switch (planned?.failure) {
      case undefined:
        return null;
      case 'http_500':
        return new HttpResponse('Internal Server Error', { status: 500 });
      case 'http_503':
        return new HttpResponse('<html><body>503 Service Temporarily Unavailable</body></html>', {
          status: 503,
          headers: { 'content-type': 'text/html' },
        });
      case 'network':
        return HttpResponse.error();
      case 'hang':
        await delay('infinite');
        return null;
    }
  }

  /** The single API's answer: HTTP 200 always, account problems included. */
  private single(key: string | null, email: string): Record<string, unknown> {
    const base = { email, free: false, role: false, didyoumean: '', executiontime: 0, livemode: true };
    const accountError = (error: string) => ({ ...base, result: 'error', resultcode: 4, subresult: '', credits: 0, error });
    if (!key) return accountError('No api key specified');
    if (key !== this.apiKey) return accountError('Apikey not found');
    if (!email) return { ...accountError('No email specified'), credits: this.credits };
    if (this.credits <= 0) return accountError('Insufficient credits');
    const verdict = this.verdictFor(email);
    if (verdict.result !== 'error') this.credits -= 1;
    const quality = QUALITY[verdict.result];
    return {
      ...base,
      ...(quality ? { quality } : {}),
      result: verdict.result,
      resultcode: RESULT_CODE[verdict.result],
      subresult: verdict.subresult ?? SUBRESULT[verdict.result],
      free: verdict.free ?? false,
      role: verdict.role ?? false,
      credits: this.credits,
      executiontime: 1,
      error: verdict.result === 'error' ? (verdict.error ?? 'Internal error') : '',
    };
  }

  /** The file record upload and fileinfo answer with. */
  private fileInfo(file: FakeFile): Record<string, unknown> {
    const finished = file.status === 'finished';
    const unique = [...new Map(file.emails.map((e) => [e.toLowerCase(), e])).values()];
    const count = (result: FakeResult) => (finished ? unique.filter((e) => this.verdictFor(e).result === result).length : 0);
    return {
      file_id: file.id,
      file_name: file.name,
      status: file.status,
      unique_emails: unique.length,
      updated_at: timestamp(),
      createdate: timestamp(),
      percent: finished ? 100 : 0,
      total_rows: file.emails.length,
      verified: finished ? unique.length : 0,
      unverified: finished ? 0 : unique.length,
      ok: count('ok'),
      catch_all: count('catch_all'),
      disposable: count('disposable'),
      invalid: count('invalid'),
      unknown: count('unknown') + count('error'),
      reverify: 0,
      credit: finished ? unique.length : 0,
      estimated_time_sec: finished ? 0 : 5,
      error: '',
    };
  }
}
