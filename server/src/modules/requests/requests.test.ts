// The end user's side against a real database and HTTP: the public form (validation, consent, rate
// limit, no account enumeration), the confirmation (account, sign-in, routing; without the opt-in no
// account and visible contact details), the first password, closing a request, isolation between end
// users, and the right to be forgotten. The ledger is checked after every test.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../platform/auth/principal.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { eventually, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildSignedIn, buildWorkspace, TEST_PASSWORD } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';
import { buildConfirmedRequest, buildNiche, buildProvider } from '../../../test/routing.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { workspaceParty } from '../relay/relay.events.js';
import { CONSENT, SUBMIT_RATE_LIMIT } from './requests.constants.js';
import { requireThreadClosedWithAssignment } from './requests.testing.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

const HOUR = 3_600_000;
const SUBMIT = `mutation($input: ServiceRequestInput!) { serviceRequestSubmit(input: $input) { accepted maskedEmail } }`;
const CONFIRM = `mutation($token: String!) { serviceRequestConfirm(token: $token) { signedIn needsPassword
  request { id status hideEmail details niche { slug } matches { assignmentId providerName status } } } }`;
const MY_REQUESTS = `{ myServiceRequests { id status feedback feedbackNote closedAt matches { providerName status } } }`;
const CLOSE = `mutation($id: ID!, $feedback: ServiceRequestFeedback, $note: String) {
  serviceRequestClose(id: $id, feedback: $feedback, note: $note) { id status feedback feedbackNote closedAt matches { status } } }`;

const email = () => `person-${randomBytes(4).toString('hex')}@example.test`;
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

function input(nicheSlug: string, overrides: Record<string, unknown> = {}) {
  return {
    nicheSlug,
    name: 'Pat Homeowner',
    email: email(),
    phone: '(415) 555-0199',
    country: 'us',
    region: 'CA',
    city: 'Oakland',
    postalCode: '94610',
    details: 'The bathroom sink drains very slowly and gurgles.',
    hideEmail: true,
    consentVersion: CONSENT.version,
    ...overrides,
  };
}

/** A niche with one provider that takes everything in the US. */
async function market() {
  const niche = await buildNiche(app);
  const provider = await buildProvider(app, { nicheIds: [niche.id], credits: '200' });
  return { niche, provider };
}

/** Submits through the service (its own IP, so the form's rate limit is not shared) and reads the emailed token. */
async function submitAndToken(values: ReturnType<typeof input>) {
  await app.api.services.requests.submit(ANONYMOUS, values as never, { ip: ip(), userAgent: 'vitest' });
  const mail = await waitForMail(app, values.email, 'Confirm your');
  return { token: mail.token!, link: mail.link! };
}

const cookieOf = (headers: Headers) => /hotlead_session=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];

describe('the public form', () => {
  it('lists active niches and the consent text', async () => {
    const { niche } = await market();
    const hidden = await buildNiche(app);
    await app.prisma.niche.update({ where: { id: hidden.id }, data: { active: false } });
    const result = await app.http(
      `query($slug: String!) { niches { slug } niche(slug: $slug) { name defaultPrice } requestConsent { version wording } }`,
      {
        slug: niche.slug,
      },
    );
    const data = result.body.data as { niches: { slug: string }[]; niche: unknown; requestConsent: { version: string; wording: string } };
    expect(data.niches.map((n) => n.slug)).toContain(niche.slug);
    expect(data.niches.map((n) => n.slug)).not.toContain(hidden.slug);
    expect(data.niche).toEqual({ name: niche.name, defaultPrice: '25.0000' });
    expect(data.requestConsent.version).toBe('2026-11-01');
    expect(data.requestConsent.wording).toMatch(/^Hide my email from service providers and communicate securely through the platform\. \S/);
  });

  it('refuses bad input field by field and stores nothing', async () => {
    const { niche } = await market();
    const before = await app.prisma.serviceRequest.count();
    const result = await app.http(SUBMIT, {
      input: input(niche.slug, {
        name: ' ',
        email: 'not-an-email',
        phone: '12',
        country: 'XX',
        details: 'short',
        consentVersion: '2020-01-01',
      }),
    });
    const error = result.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: ['input', 'name'] });
    const fields = (error?.extensions?.['fieldErrors'] as { field: string[] }[]).map((e) => e.field[1]);
    expect(fields).toEqual(['name', 'email', 'country', 'phone', 'details', 'consentVersion']);
    const phone = await app.http(SUBMIT, { input: input(niche.slug, { phone: '12' }) });
    expect(phone.body.errors?.[0]?.extensions).toMatchObject({ field: ['input', 'phone'] });
    const inactive = await buildNiche(app);
    await app.prisma.niche.update({ where: { id: inactive.id }, data: { active: false } });
    const unknown = await app.http(SUBMIT, { input: input(inactive.slug) });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ field: ['input', 'nicheSlug'] });
    expect(await app.prisma.serviceRequest.count()).toBe(before);
  });

  it('stores the consent and sends a confirmation; the answer is the same with or without an account', async () => {
    const { niche } = await market();
    const existing = await buildSignedIn(app, { endUser: true });
    const fresh = input(niche.slug);
    const known = input(niche.slug, { email: existing.user.email.toUpperCase() });
    const a = await app.api.services.requests.submit(ANONYMOUS, fresh as never, { ip: ip(), userAgent: null });
    const b = await app.api.services.requests.submit(ANONYMOUS, known as never, { ip: '203.0.113.7', userAgent: null });
    expect(a).toEqual({ accepted: true, maskedEmail: `p***@example.test` });
    expect(b.accepted).toBe(true);
    const stored = await app.prisma.serviceRequest.findFirstOrThrow({ where: { email: fresh.email } });
    expect(stored).toMatchObject({
      status: 'PENDING_CONFIRMATION',
      name: 'Pat Homeowner',
      phone: '+14155550199',
      country: 'US',
      consentWording: CONSENT.wording,
      consentVersion: CONSENT.version,
      consentIp: expect.any(String),
      userId: null,
    });
    const { token, link } = await submitAndTokenFor(fresh.email);
    expect(link).toBe(`http://localhost:3999/buyer/requests/confirm?token=${token}`);
    expect(token).toHaveLength(43);
    expect(stored.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.confirmTokenHash).not.toContain(token);
    await waitForMail(app, existing.user.email, 'Confirm your');
  });

  it('takes 5 requests per IP per hour', async () => {
    const { niche } = await market();
    await app.api.platform.limiter.reset(SUBMIT_RATE_LIMIT, '127.0.0.1');
    for (let i = 0; i < 5; i += 1) {
      const ok = await app.http(SUBMIT, { input: input(niche.slug) });
      expect(ok.body.errors).toBeUndefined();
    }
    const limited = await app.http(SUBMIT, { input: input(niche.slug) });
    expect(limited.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    await app.api.platform.limiter.reset(SUBMIT_RATE_LIMIT, '127.0.0.1');
  });
});

async function submitAndTokenFor(address: string) {
  const mail = await waitForMail(app, address, 'Confirm your');
  return { token: mail.token!, link: mail.link! };
}

describe('confirmation', () => {
  it('creates the account, signs the person in, routes the request and asks for a password', async () => {
    const { niche, provider } = await market();
    const values = input(niche.slug);
    const { token } = await submitAndToken(values);

    const confirmed = await app.http(CONFIRM, { token });
    expect(confirmed.body.errors).toBeUndefined();
    const payload = confirmed.body.data?.['serviceRequestConfirm'] as {
      signedIn: boolean;
      needsPassword: boolean;
      request: { id: string; status: string };
    };
    expect(payload).toMatchObject({ signedIn: true, needsPassword: true, request: { status: 'ROUTING' } });
    const cookie = cookieOf(confirmed.headers);
    expect(cookie).toBeDefined();

    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: values.email }, include: { endUserProfile: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.endUserProfile).toMatchObject({ phone: '+14155550199' });
    const request = await app.prisma.serviceRequest.findFirstOrThrow({ where: { email: values.email } });
    expect(request.userId).toBe(user.id);

    // Routed by the job, after the answer.
    await eventually(
      async () => (await app.prisma.requestAssignment.findFirst({ where: { requestId: request.id } })) ?? null,
      20_000,
      'routing',
    );
    const headers = { cookie: `hotlead_session=${cookie}` };
    const mine = await app.http(MY_REQUESTS, {}, { headers });
    expect(mine.body.data?.['myServiceRequests']).toEqual([
      {
        id: payload.request.id,
        status: 'ROUTED',
        feedback: null,
        feedbackNote: null,
        closedAt: null,
        matches: [{ providerName: provider.workspace.name, status: 'ACTIVE' }],
      },
    ]);
    await waitForMail(app, (await app.prisma.user.findUniqueOrThrow({ where: { id: provider.sales.user.id } })).email, 'New lead');

    // The first password, once; then the account signs in with it.
    const weak = await app.http(`mutation { setInitialPassword(password: "short") }`, {}, { headers });
    expect(weak.body.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT', field: ['password'] });
    const set = await app.http(`mutation { setInitialPassword(password: "a-long-enough-password") }`, {}, { headers });
    expect(set.body.data).toEqual({ setInitialPassword: true });
    const again = await app.http(`mutation { setInitialPassword(password: "another-long-password") }`, {}, { headers });
    expect(again.body.errors?.[0]?.extensions?.['reason']).toBe('PASSWORD_ALREADY_SET');
    const login = await app.http(`mutation($i: SessionLoginInput!) { sessionLogin(input: $i) { user { email } userErrors { message } } }`, {
      i: { email: values.email, password: 'a-long-enough-password' },
    });
    expect(login.body.data?.['sessionLogin']).toEqual({ user: { email: values.email }, userErrors: [] });

    // The link again: the same request, nobody signed in.
    const second = await app.http(CONFIRM, { token });
    expect(second.body.data?.['serviceRequestConfirm']).toMatchObject({
      signedIn: false,
      needsPassword: false,
      request: { id: payload.request.id },
    });
    expect(cookieOf(second.headers)).toBeUndefined();
  });

  it('without the opt-in creates no account and shows the provider the contact details', async () => {
    const { niche, provider } = await market();
    const values = input(niche.slug, { hideEmail: false });
    const { token } = await submitAndToken(values);
    const confirmed = await app.http(CONFIRM, { token });
    expect(confirmed.body.data?.['serviceRequestConfirm']).toMatchObject({
      signedIn: false,
      needsPassword: false,
      request: { hideEmail: false },
    });
    expect(cookieOf(confirmed.headers)).toBeUndefined();
    expect(await app.prisma.user.count({ where: { email: values.email } })).toBe(0);
    const request = await app.prisma.serviceRequest.findFirstOrThrow({ where: { email: values.email } });
    const assignment = await eventually(
      async () => (await app.prisma.requestAssignment.findFirst({ where: { requestId: request.id } })) ?? null,
      20_000,
      'routing',
    );
    const view = await app.api.services.routing.assignmentForViewer(provider.sales.principal, assignment.id);
    expect(view!.lead).toMatchObject({ hideEmail: false, email: values.email, phone: '+14155550199', name: 'Pat Homeowner' });
  });

  it('links an existing staff account without signing it in by link', async () => {
    const { niche } = await market();
    const staff = await buildSignedIn(app);
    await buildWorkspace(app, { members: [{ userId: staff.user.id, role: 'OWNER' }] });
    const { token } = await submitAndToken(input(niche.slug, { email: staff.user.email }));
    const confirmed = await app.http(CONFIRM, { token });
    expect(confirmed.body.data?.['serviceRequestConfirm']).toMatchObject({ signedIn: false, needsPassword: false });
    expect(cookieOf(confirmed.headers)).toBeUndefined();
    const request = await app.prisma.serviceRequest.findFirstOrThrow({ where: { email: staff.user.email } });
    expect(request.userId).toBe(staff.user.id);
  });

  it('refuses unknown and expired links', async () => {
    const { niche } = await market();
    const invalid = await app.http(CONFIRM, { token: 'not-a-token' });
    expect(invalid.body.errors?.[0]?.extensions?.['reason']).toBe('TOKEN_INVALID');
    const values = input(niche.slug);
    const { token } = await submitAndToken(values);
    await app.prisma.serviceRequest.updateMany({
      where: { email: values.email },
      data: { createdAt: new Date(Date.now() - 7 * 24 * HOUR - 60_000) },
    });
    const expired = await app.http(CONFIRM, { token });
    expect(expired.body.errors?.[0]?.extensions?.['reason']).toBe('TOKEN_EXPIRED');
    expect(await app.prisma.serviceRequest.findFirstOrThrow({ where: { email: values.email } })).toMatchObject({
      status: 'PENDING_CONFIRMATION',
      userId: null,
    });
    expect(await app.prisma.user.count({ where: { email: values.email } })).toBe(0);
  });
});

describe("the end user's requests", () => {
  it('closes the whole request: threads closed, assignments closed, feedback kept; idempotent; own requests only', async () => {
    const niche = await buildNiche(app);
    const a = await buildProvider(app, { nicheIds: [niche.id], credits: '100' });
    const b = await buildProvider(app, { nicheIds: [niche.id], credits: '100' });
    const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
    await app.api.services.routing.route(request.id, 'CONFIRMED');
    const id = toGlobalId('ServiceRequest', request.id);

    const stranger = await buildSignedIn(app, { endUser: true });
    expect((await app.execAs(stranger.principal, `query($id: ID!) { myServiceRequest(id: $id) { id } }`, { id })).data).toEqual({
      myServiceRequest: null,
    });
    const foreign = await app.execAs(stranger.principal, CLOSE, { id });
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await app.execAs(a.manager.principal, CLOSE, { id })).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    const closed = await app.execAs(endUser!.principal, CLOSE, { id, feedback: 'CHOSE_PROVIDER_ON_PLATFORM', note: 'Thanks!' });
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.['serviceRequestClose']).toMatchObject({
      id,
      status: 'CLOSED',
      feedback: 'CHOSE_PROVIDER_ON_PLATFORM',
      feedbackNote: 'Thanks!',
      matches: [{ status: 'CLOSED' }, { status: 'CLOSED' }],
    });
    const threads = await app.prisma.relayThread.findMany({ where: { requestId: request.id } });
    expect(threads.map((t) => [t.status, t.closedBy])).toEqual([
      ['CLOSED', 'USER'],
      ['CLOSED', 'USER'],
    ]);
    const again = await app.execAs(endUser!.principal, CLOSE, { id });
    expect(again.data?.['serviceRequestClose']).toMatchObject({ status: 'CLOSED', feedback: 'CHOSE_PROVIDER_ON_PLATFORM' });
    // Closing is not a refund: both providers keep their charge.
    expect(await app.api.services.credits.balance(a.workspace.id)).toBe('75.0000');
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('75.0000');
    const view = await app.api.services.routing.assignmentForViewer(
      a.sales.principal,
      (await app.prisma.requestAssignment.findFirstOrThrow({ where: { requestId: request.id, workspaceId: a.workspace.id } })).id,
    );
    expect(view!.lead.requestClosed).toBe(true);
  });
});

describe('closing a request', () => {
  it('closes the threads in the same transaction as the assignments, then tells the providers', async () => {
    const stopChecking = await requireThreadClosedWithAssignment(app);
    try {
      const niche = await buildNiche(app);
      const p = await buildProvider(app, { nicheIds: [niche.id], credits: '100' });
      await app.prisma.webhookEndpoint.create({
        data: { workspaceId: p.workspace.id, url: 'http://127.0.0.1:9/hook', secret: 'whsec_test', events: ['thread.status_changed'] },
      });
      const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
      await app.api.services.routing.route(request.id, 'CONFIRMED');
      const thread = await app.prisma.relayThread.findFirstOrThrow({ where: { requestId: request.id } });
      const events = app.api.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, workspaceParty(p.workspace.id));
      const heard: { kind: string; threadId: string | null }[] = [];
      const listening = (async () => {
        for await (const event of events) {
          heard.push(event);
          if (event.kind === 'THREAD_UPDATED') return;
        }
      })();

      const closed = await app.execAs(endUser!.principal, CLOSE, { id: toGlobalId('ServiceRequest', request.id) });
      expect(closed.errors).toBeUndefined();
      await listening;
      expect(await app.prisma.relayThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
        status: 'CLOSED',
        closedBy: 'USER',
      });
      expect(heard).toContainEqual(expect.objectContaining({ kind: 'THREAD_UPDATED', threadId: thread.id }));
      const webhook = await app.prisma.webhookDelivery.findFirstOrThrow({
        where: { event: 'thread.status_changed', endpoint: { workspaceId: p.workspace.id } },
      });
      expect(webhook.payload).toMatchObject({ id: `evt_thread_closed_${thread.id}`, data: { status: 'CLOSED', closedBy: 'USER' } });
    } finally {
      await stopChecking();
    }
  });
});

describe('right to be forgotten', () => {
  it('removes the copies of the address in mail records, bounces, quarantine and the dev mailbox, in one transaction', async () => {
    const stopChecking = await requireThreadClosedWithAssignment(app);
    try {
      const niche = await buildNiche(app);
      const p = await buildProvider(app, { nicheIds: [niche.id], credits: '100' });
      const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
      await app.api.services.routing.route(request.id, 'CONFIRMED');
      const thread = await app.prisma.relayThread.findFirstOrThrow({ where: { requestId: request.id } });
      const address = endUser!.user.email;
      const pool = app.api.platform.database.pool;
      await app.prisma.serviceRequest.update({ where: { id: request.id }, data: { feedbackNote: `Reach me at ${address}` } });
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, subject, text_body, raw_mime, size_bytes)
         VALUES ($1, $2, $3, $4, $5, 'PROVIDER_TO_USER', 'CONSOLE', 'Quote', 'Hello', 'raw', 3) RETURNING id`,
        [thread.id, request.id, p.workspace.id, endUser!.user.id, niche.id],
      );
      await pool.query(
        `INSERT INTO relay_deliveries (message_id, thread_id, status, bounce_reason, last_error)
         VALUES ($1, $2, 'NOT_DELIVERED', $3, $4)`,
        [rows[0]!.id, thread.id, `550 5.1.1 <${address}>: mailbox unavailable`, `RCPT TO:<${address}> refused`],
      );
      await pool.query(`INSERT INTO relay_quarantine (thread_id, reason, raw_mime, size_bytes) VALUES ($1, 'loop', $2, 10)`, [
        thread.id,
        `From: ${address}\r\n\r\nauto`,
      ]);
      await pool.query(
        `INSERT INTO outbound_emails (idempotency_key, template, to_address, subject, last_error) VALUES ($1, 'serviceRequestConfirm', $2, 'Confirm', $3)`,
        [`test:${randomBytes(4).toString('hex')}`, address.toUpperCase(), `450 <${address}> greylisted`],
      );
      await app.prisma.devMailboxMessage.create({
        data: {
          messageId: '<a@test>',
          fromAddress: 'relay@hotlead.local',
          toAddresses: [address],
          subject: 'Quote',
          rawMime: `To: ${address}`,
        },
      });
      const otherAddress = email();
      await app.prisma.devMailboxMessage.create({
        data: { messageId: '<b@test>', fromAddress: 'relay@hotlead.local', toAddresses: [otherAddress], subject: 'Other', rawMime: 'x' },
      });

      expect(await app.api.services.requests.forgetEndUser(endUser!.user.id, 'SYSTEM')).toEqual({ requests: 1, threads: 1 });
      const replacement = (await app.prisma.user.findUniqueOrThrow({ where: { id: endUser!.user.id } })).email;
      const dump = JSON.stringify([
        (await pool.query(`SELECT * FROM outbound_emails WHERE to_address IN ($1, $2)`, [address, replacement])).rows,
        (await pool.query(`SELECT * FROM relay_deliveries WHERE thread_id = $1`, [thread.id])).rows,
        (await pool.query(`SELECT * FROM relay_quarantine WHERE thread_id = $1`, [thread.id])).rows,
        (await pool.query(`SELECT * FROM dev_mailbox_messages`)).rows,
        (await pool.query(`SELECT * FROM service_requests WHERE id = $1`, [request.id])).rows,
      ]).toLowerCase();
      expect(dump).not.toContain(address.toLowerCase());
      expect((await pool.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE to_address = $1`, [replacement])).rows[0]).toEqual({
        n: 1,
      });
      expect(await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: rows[0]!.id } })).toMatchObject({
        status: 'NOT_DELIVERED',
        bounceReason: null,
        lastError: null,
      });
      expect(await app.prisma.relayQuarantine.count({ where: { threadId: thread.id } })).toBe(0);
      expect(await app.prisma.devMailboxMessage.count({ where: { toAddresses: { has: otherAddress } } })).toBe(1);
      expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).feedbackNote).toBeNull();
      expect(await app.prisma.relayThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
        status: 'CLOSED',
        closedBy: 'SYSTEM',
      });
    } finally {
      await stopChecking();
    }
  });

  it('anonymizes the account, requests and threads, keeps message bodies, and needs the password', async () => {
    const niche = await buildNiche(app);
    const p = await buildProvider(app, { nicheIds: [niche.id], credits: '100' });
    const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
    await app.api.services.routing.route(request.id, 'CONFIRMED');
    const assignment = await app.prisma.requestAssignment.findFirstOrThrow({ where: { requestId: request.id }, include: { thread: true } });
    const thread = assignment.thread!;
    const pool = app.api.platform.database.pool;
    await pool.query(
      `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, subject, text_body, raw_mime, size_bytes)
       VALUES ($1, $2, $3, $4, $5, 'USER_TO_PROVIDER', 'CONSOLE', 'Re: sink', 'Call me on 415 555 0142', 'raw', 3)`,
      [thread.id, request.id, p.workspace.id, endUser!.user.id, niche.id],
    );
    await app.prisma.userToken.create({
      data: {
        userId: endUser!.user.id,
        purpose: 'RESET_PASSWORD',
        tokenHash: randomBytes(16).toString('hex'),
        email: endUser!.user.email,
        expiresAt: new Date(Date.now() + HOUR),
      },
    });

    const wrong = await app.execAs(endUser!.principal, `mutation { endUserAccountDelete(password: "not-my-password") }`);
    expect(wrong.errors?.[0]?.extensions?.['reason']).toBe('INVALID_CREDENTIALS');
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: endUser!.user.id } })).status).toBe('ACTIVE');

    const deleted = await app.http(
      `mutation($p: String!) { endUserAccountDelete(password: $p) }`,
      { p: TEST_PASSWORD },
      { token: endUser!.token },
    );
    expect(deleted.body.data).toEqual({ endUserAccountDelete: true });

    const user = await app.prisma.user.findUniqueOrThrow({
      where: { id: endUser!.user.id },
      include: { endUserProfile: true, tokens: true },
    });
    expect(user).toMatchObject({ name: 'Anonymized user', passwordHash: null, status: 'DELETED', endUserProfile: null, tokens: [] });
    expect(user.email).toMatch(/^deleted-[0-9a-f-]{36}@anonymized\.invalid$/);
    expect(await app.prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const me = await app.http(`{ me { id } }`, {}, { token: endUser!.token });
    expect(me.body.data).toEqual({ me: null });

    const anonymized = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(anonymized).toMatchObject({
      name: 'Anonymized user',
      email: user.email,
      phone: null,
      city: null,
      postalCode: null,
      status: 'CLOSED',
    });
    expect(anonymized.anonymizedAt).not.toBeNull();
    expect(await app.prisma.relayThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      status: 'CLOSED',
      closedBy: 'SYSTEM',
    });
    const [message] = (await pool.query(`SELECT text_body FROM relay_messages WHERE thread_id = $1`, [thread.id])).rows;
    expect(message).toEqual({ text_body: 'Call me on 415 555 0142' });

    const view = await app.api.services.routing.assignmentForViewer(p.sales.principal, assignment.id);
    expect(view!.lead).toMatchObject({ name: 'Anonymized user', city: null, postalCode: null, requestClosed: true });
    expect(view!.status).toBe('CLOSED');

    const audit = await app.prisma.auditLogEntry.findFirstOrThrow({ where: { action: 'end_user.forget', targetId: user.id } });
    expect(audit.details).toMatchObject({ by: 'SELF', requestsAnonymized: 1 });
    expect(JSON.stringify(audit.details)).not.toContain(endUser!.user.email);

    // Forgetting again changes nothing.
    expect(await app.api.services.requests.forgetEndUser(user.id, 'SYSTEM')).toEqual({ requests: 0, threads: 0 });
  });

  it('is for end-user accounts only', async () => {
    const staff = await buildSignedIn(app);
    await buildWorkspace(app, { kind: 'PROVIDER', members: [{ userId: staff.user.id, role: 'OWNER' }] });
    const result = await app.execAs(staff.principal, `mutation($p: String!) { endUserAccountDelete(password: $p) }`, { p: TEST_PASSWORD });
    expect(result.errors?.[0]?.extensions?.['reason']).toBe('NOT_ALLOWED');
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: staff.user.id } })).status).toBe('ACTIVE');
  });
});
