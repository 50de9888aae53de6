// The email verifiers: the offline one (every reason, and a whole upload's worth of addresses), and the
// MillionVerifier client against an msw fake of its single and bulk APIs (test/millionverifier-fake.ts):
// result mapping, batching and concurrency, account and transport failures (without leaking the key),
// timeouts and aborts.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MillionVerifierFake } from '../../../../test/millionverifier-fake.js';
import { LocalVerifier, verifyEmailOffline } from './local.verifier.js';
import { MillionVerifierError, MillionVerifierVerifier, type MillionVerifierOptions } from './millionverifier.verifier.js';
import { createVerifier, type EmailVerifier, type VerificationOutcome } from './verifier.js';

const API_KEY = 'mv-test-Sup3rSecretKey+/=';
const fake = new MillionVerifierFake(API_KEY);

beforeAll(() => fake.listen());
afterEach(() => fake.reset());
afterAll(() => fake.close());

const mv = (options: Partial<MillionVerifierOptions> = {}) =>
  new MillionVerifierVerifier({ apiKey: API_KEY, pollIntervalMs: 1, requestTimeoutMs: 2_000, ...options });

/** Calls verify the way the upload job does: in batches of the verifier's batchSize. */
async function verifyInBatches(
  verifier: EmailVerifier,
  emails: readonly string[],
): Promise<{ outcomes: VerificationOutcome[]; batches: number[] }> {
  const outcomes: VerificationOutcome[] = [];
  const batches: number[] = [];
  for (let i = 0; i < emails.length; i += verifier.batchSize) {
    const batch = emails.slice(i, i + verifier.batchSize);
    batches.push(batch.length);
    outcomes.push(...(await verifier.verify(batch)));
  }
  return { outcomes, batches };
}

/** The rejection of `promise`, asserting that neither it nor its cause chain mentions the key. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  let link: unknown = error;
  while (link instanceof Error) {
    for (const text of [link.message, link.stack ?? '', String(link), JSON.stringify(link)]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(encodeURIComponent(API_KEY));
      expect(text).not.toContain('Sup3rSecretKey');
    }
    link = link.cause;
  }
  return error as Error;
}

describe('createVerifier', () => {
  it('is the offline verifier without a key, MillionVerifier with one', () => {
    for (const key of [undefined, '', '   ']) {
      const verifier = createVerifier({ MILLIONVERIFIER_API_KEY: key });
      expect(verifier).toBeInstanceOf(LocalVerifier);
      expect(verifier).toMatchObject({ name: 'local', batchSize: 1000, paid: false });
    }
    const paid = createVerifier({ MILLIONVERIFIER_API_KEY: API_KEY, MILLIONVERIFIER_BULK: true });
    expect(paid).toBeInstanceOf(MillionVerifierVerifier);
    expect(paid).toMatchObject({ name: 'millionverifier', batchSize: 100, paid: true });
    // The key is not an enumerable field that a logged verifier would print.
    expect(JSON.stringify(paid)).not.toContain(API_KEY);
    expect(inspect(paid, { showHidden: true })).not.toContain(API_KEY);
  });
});

describe('local verifier', () => {
  const table: [string, VerificationOutcome['status'], string][] = [
    ['jane.doe@acme-corp.io', 'VALID', 'ok'],
    ['  Jane.Doe+leads@Acme-Corp.IO ', 'VALID', 'ok'],
    ["o'brien@sub.acme.co.uk", 'VALID', 'ok'],
    ['x@xn--mller-kva.de', 'VALID', 'ok'],
    ['', 'INVALID', 'syntax'],
    ['not-an-email', 'INVALID', 'syntax'],
    ['@acme.io', 'INVALID', 'syntax'],
    ['jane@', 'INVALID', 'syntax'],
    ['jane@acme', 'INVALID', 'syntax'],
    ['jane..doe@acme.io', 'INVALID', 'syntax'],
    ['.jane@acme.io', 'INVALID', 'syntax'],
    ['jane.@acme.io', 'INVALID', 'syntax'],
    ['jane doe@acme.io', 'INVALID', 'syntax'],
    ['jane@acme..io', 'INVALID', 'syntax'],
    ['jane@-acme.io', 'INVALID', 'syntax'],
    ['jane@acme-.io', 'INVALID', 'syntax'],
    ['jane@acme.i', 'INVALID', 'syntax'],
    ['jane@acme.123', 'INVALID', 'syntax'],
    ['jane@[192.168.0.1]', 'INVALID', 'syntax'],
    ['"jane doe"@acme.io', 'INVALID', 'syntax'],
    ['jöhn@acme.io', 'INVALID', 'syntax'],
    [`${'a'.repeat(65)}@acme.io`, 'INVALID', 'syntax'],
    [`jane@${'a'.repeat(64)}.io`, 'INVALID', 'syntax'],
    ['someone@mailinator.com', 'INVALID', 'disposable'],
    ['someone@YOPMAIL.COM', 'INVALID', 'disposable'],
    ['info@mailinator.com', 'INVALID', 'disposable'],
    ['someone@inbox.mailinator.com', 'INVALID', 'disposable'],
    ['jane@example.com', 'INVALID', 'reserved_domain'],
    ['jane@example.net', 'INVALID', 'reserved_domain'],
    ['jane@example.org', 'INVALID', 'reserved_domain'],
    ['jane@mail.example.com', 'INVALID', 'reserved_domain'],
    ['jane@acme.example', 'INVALID', 'reserved_domain'],
    ['jane@acme.invalid', 'INVALID', 'reserved_domain'],
    ['jane@shop.test', 'INVALID', 'reserved_domain'],
    ['jane@dev.localhost', 'INVALID', 'reserved_domain'],
    ['info@example.com', 'INVALID', 'reserved_domain'],
    ['info@acme-corp.io', 'RISKY', 'role'],
    ['Sales@Acme-Corp.io', 'RISKY', 'role'],
    ['support+eu@acme-corp.io', 'RISKY', 'role'],
    ['noreply@acme-corp.io', 'RISKY', 'role'],
    ['info@gmail.com', 'RISKY', 'role'],
    ['jane.doe@gmail.com', 'RISKY', 'free_mail'],
    ['jane.doe@Outlook.com', 'RISKY', 'free_mail'],
    ['jane.doe@myexample.com', 'VALID', 'ok'],
    ['jane.doe@testing.io', 'VALID', 'ok'],
  ];

  it.each(table)('%j → %s %s', (email, status, reason) => {
    expect(verifyEmailOffline(email)).toEqual({ status, reason });
  });

  it('answers one outcome per email, in order, offline and free', async () => {
    const verifier = new LocalVerifier();
    expect(verifier).toMatchObject({ name: 'local', batchSize: 1000, paid: false });
    const outcomes = await verifier.verify(table.map(([email]) => email));
    expect(outcomes).toEqual(table.map(([, status, reason]) => ({ status, reason })));
    expect(await verifier.verify([])).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new LocalVerifier().verify(['jane@acme.io'], controller.signal)).rejects.toThrow(/abort/i);
  });

  it('verifies 100,000 emails correctly in one pass', async () => {
    const kinds: [string, (i: number) => string, string][] = [
      ['ok', (i) => `person${i}@company${i % 977}.com`, 'VALID'],
      ['syntax', (i) => `person${i}@@company.com`, 'INVALID'],
      ['disposable', (i) => `person${i}@mailinator.com`, 'INVALID'],
      ['reserved_domain', (i) => `person${i}@example.org`, 'INVALID'],
      ['role', (i) => `sales@company${i}.com`, 'RISKY'],
      ['free_mail', (i) => `person${i}@gmail.com`, 'RISKY'],
    ];
    const emails = Array.from({ length: 100_000 }, (_, i) => kinds[i % kinds.length]![1](i));
    const started = performance.now();
    const outcomes = await new LocalVerifier().verify(emails);
    const seconds = (performance.now() - started) / 1000;
    expect(outcomes).toHaveLength(emails.length);
    outcomes.forEach((outcome, i) => {
      const [reason, , status] = kinds[i % kinds.length]!;
      if (outcome.reason !== reason || outcome.status !== status) expect({ email: emails[i], outcome }).toEqual({ reason, status });
    });
    console.log(`local verifier: ${Math.round(emails.length / seconds).toLocaleString('en')} emails/s`);
  });
});

describe('MillionVerifier single API', () => {
  it('maps every result, keeping input order when answers arrive out of order', async () => {
    const cases: [string, Parameters<MillionVerifierFake['setVerdict']>[1], VerificationOutcome][] = [
      ['jane@acme.io', { result: 'ok' }, { status: 'VALID', reason: 'ok' }],
      ['info@acme.io', { result: 'ok', role: true }, { status: 'VALID', reason: 'ok' }],
      ['jane@gmail.com', { result: 'ok', free: true }, { status: 'VALID', reason: 'ok' }],
      ['anyone@catchall.io', { result: 'catch_all' }, { status: 'CATCH_ALL', reason: 'catch_all' }],
      ['slow@greylist.io', { result: 'unknown', subresult: 'greylisted' }, { status: 'UNKNOWN', reason: 'unknown' }],
      ['gone@acme.io', { result: 'invalid', subresult: 'no_mailbox' }, { status: 'INVALID', reason: 'mailbox_not_found' }],
      ['jane@nomx.io', { result: 'invalid', subresult: 'dns_no_mx' }, { status: 'INVALID', reason: 'bad_domain' }],
      ['jane@@acme.io', { result: 'invalid', subresult: 'invalid_syntax' }, { status: 'INVALID', reason: 'syntax' }],
      ['full@acme.io', { result: 'invalid', subresult: 'mailbox_full' }, { status: 'INVALID', reason: 'mailbox_full' }],
      ['temp@mailinator.com', { result: 'disposable' }, { status: 'INVALID', reason: 'disposable' }],
      ['broken@acme.io', { result: 'error', error: 'Internal error' }, { status: 'UNKNOWN', reason: 'provider_error' }],
    ];
    for (const [email, verdict] of cases) fake.setVerdict(email, verdict);
    // Earlier emails answer later.
    fake.latency = (email) => 30 - cases.findIndex(([e]) => e === email) * 3;
    const outcomes = await mv().verify(cases.map(([email]) => email));
    expect(outcomes).toEqual(cases.map(([, , outcome]) => outcome));
    expect(fake.requestsTo('single').map((r) => r.email)).toEqual(expect.arrayContaining(cases.map(([email]) => email)));
  });

  it('sends the documented query: api, the encoded email, timeout', async () => {
    const seen: string[] = [];
    fake.server.events.on('request:start', ({ request }) => {
      seen.push(request.url);
    });
    await mv({ smtpTimeoutSeconds: 10 }).verify(['jane+leads@acme.io']);
    fake.server.events.removeAllListeners();
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0]!);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.millionverifier.com/api/v3/');
    expect(url.search).toContain('email=jane%2Bleads%40acme.io');
    expect(Object.fromEntries(url.searchParams)).toEqual({ api: API_KEY, email: 'jane+leads@acme.io', timeout: '10' });
  });

  it('verifies 250 emails as 3 batches of ≤ 100, one request per email, at most 10 at once', async () => {
    fake.latency = () => 5;
    const emails = Array.from({ length: 250 }, (_, i) => `person${i}@acme.io`);
    const verifier = mv();
    const { outcomes, batches } = await verifyInBatches(verifier, emails);
    expect(batches).toEqual([100, 100, 50]);
    expect(outcomes).toHaveLength(250);
    expect(outcomes.every((o) => o.status === 'VALID')).toBe(true);
    const requested = fake.requestsTo('single').map((r) => r.email);
    expect(requested).toHaveLength(250);
    expect(new Set(requested)).toEqual(new Set(emails));
    expect(fake.maxInFlight).toBeLessThanOrEqual(10);
    expect(fake.maxInFlight).toBeGreaterThan(1);
  });

  it('an unknown API key throws (HTTP 200 with an error), without the key in the error', async () => {
    fake.apiKey = 'some-other-key';
    try {
      const error = await rejection(mv().verify(['jane@acme.io', 'joe@acme.io']));
      expect(error).toBeInstanceOf(MillionVerifierError);
      expect(error.message).toMatch(/Apikey not found/);
      expect((error as MillionVerifierError).kind).toBe('account');
    } finally {
      fake.apiKey = API_KEY;
    }
  });

  it('an exhausted account throws', async () => {
    fake.credits = 0;
    const error = await rejection(mv().verify(['jane@acme.io']));
    expect(error.message).toMatch(/Insufficient credits/);
    expect((error as MillionVerifierError).retryable).toBe(false);
  });

  it('stops sending once a request fails', async () => {
    fake.fail('http_500');
    fake.latency = () => 5;
    const emails = Array.from({ length: 100 }, (_, i) => `p${i}@acme.io`);
    const error = await rejection(mv({ concurrency: 1 }).verify(emails));
    expect(error.message).toMatch(/HTTP 500/);
    expect(fake.requestsTo('single')).toHaveLength(1);
  });

  it.each([
    ['http_500', /HTTP 500/],
    ['http_503', /HTTP 503/],
    ['network', /network error/],
  ] as const)('%s throws a retryable error without the key', async (failure, message) => {
    fake.fail(failure, 'always');
    const error = await rejection(mv().verify(['jane@acme.io', 'joe@acme.io']));
    expect(error).toBeInstanceOf(MillionVerifierError);
    expect(error.message).toMatch(message);
    expect((error as MillionVerifierError).retryable).toBe(true);
  });

  it('a provider that does not answer times out', async () => {
    fake.fail('hang', 'always');
    const started = Date.now();
    const error = await rejection(mv({ requestTimeoutMs: 100 }).verify(['jane@acme.io']));
    expect(error.message).toMatch(/timed out after 100 ms/);
    expect((error as MillionVerifierError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an abort cancels the requests in flight and sends no more', async () => {
    fake.fail('hang', 'always');
    const controller = new AbortController();
    const emails = Array.from({ length: 100 }, (_, i) => `p${i}@acme.io`);
    const pending = mv({ requestTimeoutMs: 10_000 }).verify(emails, controller.signal);
    await expect.poll(() => fake.requestsTo('single').length).toBe(10);
    controller.abort();
    const error = await rejection(pending);
    expect(error.name).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.requestsTo('single')).toHaveLength(10);
    // Already aborted: nothing is sent.
    await expect(mv().verify(['jane@acme.io'], controller.signal)).rejects.toThrow(/abort/i);
    expect(fake.requestsTo('single')).toHaveLength(10);
  });
});

describe('MillionVerifier bulk API', () => {
  it('uploads one file per batch, polls until finished, and maps the CSV report', async () => {
    fake.pollsToFinish = 3;
    const special: [string, Parameters<MillionVerifierFake['setVerdict']>[1], VerificationOutcome][] = [
      ['any@catchall.io', { result: 'catch_all' }, { status: 'CATCH_ALL', reason: 'catch_all' }],
      ['maybe@greylist.io', { result: 'unknown' }, { status: 'UNKNOWN', reason: 'unknown' }],
      ['gone@acme.io', { result: 'invalid' }, { status: 'INVALID', reason: 'mailbox_not_found' }],
      ['temp@mailinator.com', { result: 'disposable' }, { status: 'INVALID', reason: 'disposable' }],
      ['info@acme.io', { result: 'ok', role: true, free: false }, { status: 'VALID', reason: 'ok' }],
      ['jane@gmail.com', { result: 'ok', free: true }, { status: 'VALID', reason: 'ok' }],
    ];
    for (const [email, verdict] of special) fake.setVerdict(email, verdict);
    const emails = Array.from({ length: 250 }, (_, i) => special[i]?.[0] ?? `person${i}@acme.io`);
    // Same address twice, differently cased: MillionVerifier reports it once; both get the verdict.
    emails[249] = 'ANY@Catchall.io';

    const verifier = mv({ bulk: true });
    const { outcomes, batches } = await verifyInBatches(verifier, emails);
    expect(batches).toEqual([100, 100, 50]);
    expect(fake.files.size).toBe(3);
    expect([...fake.files.values()].map((f) => f.emails.length)).toEqual([100, 100, 50]);
    expect(fake.requestsTo('upload')).toHaveLength(3);
    expect(fake.requestsTo('fileinfo')).toHaveLength(9);
    expect(fake.requestsTo('download')).toHaveLength(3);
    expect(fake.requestsTo('single')).toHaveLength(0);
    const expected = emails.map((email, i) => special[i]?.[2] ?? (i === 249 ? special[0]![2] : { status: 'VALID', reason: 'ok' }));
    expect(outcomes).toEqual(expected);
  });

  it('one call with more than 100 emails still uploads files of ≤ 100', async () => {
    const emails = Array.from({ length: 250 }, (_, i) => `person${i}@acme.io`);
    const outcomes = await mv({ bulk: true }).verify(emails);
    expect(outcomes).toHaveLength(250);
    expect([...fake.files.values()].map((f) => f.emails.length).sort()).toEqual([100, 100, 50].sort());
  });

  it('an unknown key or an empty account throws without the key', async () => {
    fake.apiKey = 'some-other-key';
    try {
      const error = await rejection(mv({ bulk: true }).verify(['jane@acme.io']));
      expect(error.message).toMatch(/Apikey not found/);
    } finally {
      fake.apiKey = API_KEY;
    }
    fake.credits = 5;
    const error = await rejection(mv({ bulk: true }).verify(Array.from({ length: 10 }, (_, i) => `p${i}@acme.io`)));
    expect(error.message).toMatch(/insufficient_credits/);
    expect(fake.files.size).toBe(0);
  });

  it.each([
    ['http_503', 'upload', /bulk upload failed: HTTP 503/],
    ['network', 'upload', /bulk upload failed: network error/],
    ['network', 'fileinfo', /bulk fileinfo failed: network error/],
    ['http_500', 'download', /bulk download failed: HTTP 500/],
  ] as const)('%s at %s throws without the key', async (failure, api, message) => {
    fake.fail(failure, 1, api);
    const error = await rejection(mv({ bulk: true }).verify(['jane@acme.io']));
    expect(error.message).toMatch(message);
    expect((error as MillionVerifierError).retryable).toBe(true);
  });

  it('a file that ends in error throws', async () => {
    fake.pollsToFinish = Infinity;
    const pending = mv({ bulk: true, pollIntervalMs: 5 }).verify(['jane@acme.io']);
    await expect.poll(() => fake.files.size).toBe(1);
    for (const file of fake.files.values()) file.status = 'canceled';
    expect((await rejection(pending)).message).toMatch(/ended with status 'canceled'/);
  });

  it('a file that never finishes is given up after the bounded wait', async () => {
    fake.pollsToFinish = Infinity;
    // Wide enough that a busy CI machine still polls several times before the bound.
    const error = await rejection(mv({ bulk: true, pollIntervalMs: 10, maxWaitMs: 300 }).verify(['jane@acme.io']));
    expect(error.message).toMatch(/did not finish within 300 ms/);
    expect(fake.requestsTo('fileinfo').length).toBeGreaterThanOrEqual(3);
  });

  it('an abort while polling stops at once', async () => {
    fake.pollsToFinish = Infinity;
    const controller = new AbortController();
    const pending = mv({ bulk: true, pollIntervalMs: 50 }).verify(['jane@acme.io'], controller.signal);
    await expect.poll(() => fake.requestsTo('fileinfo').length).toBeGreaterThan(0);
    controller.abort();
    expect((await rejection(pending)).name).toBe('AbortError');
    const polls = fake.requestsTo('fileinfo').length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(fake.requestsTo('fileinfo')).toHaveLength(polls);
  });
});
