// Sign-up, sign-in, verification and password reset over real HTTP, with emails delivered through the
// real job queue into the dev mailbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildSignedIn, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { LOCKOUT } from './auth.service.js';
import { sha256 } from './secrets.js';

const SIGNUP = `mutation($input: AccountSignupInput!) { accountSignup(input: $input) { user { email emailVerified } userErrors { field message code } } }`;
const LOGIN = `mutation($input: SessionLoginInput!) { sessionLogin(input: $input) { user { email } userErrors { field message code } } }`;
const ME = `{ me { email emailVerified currentSession { id current } sessions { id current } } }`;

function sessionToken(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('hotlead_session='));
  return cookie?.split(';')[0]?.split('=')[1] || undefined;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('sign-up and email verification', () => {
  it('creates the account, signs in with an HttpOnly cookie, and verifies the address from the emailed link', async () => {
    const res = await app.http(SIGNUP, { input: { email: '  New.Person@Example.TEST ', password: 'a-long-password', name: 'New Person' } });
    expect(res.body.data?.['accountSignup']).toMatchObject({
      user: { email: 'new.person@example.test', emailVerified: false },
      userErrors: [],
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('hotlead_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = sessionToken(res.headers)!;
    // Only a hash of the session token is stored.
    expect(await app.prisma.session.count({ where: { tokenHash: sha256(token) } })).toBe(1);
    expect(await app.prisma.session.count({ where: { tokenHash: token } })).toBe(0);

    const mail = await waitForMail(app, 'new.person@example.test', 'Confirm your email');
    expect(mail.link).toContain('/buyer/verify-email?token=');
    const verify = await app.http(
      `mutation($t: String!) { emailVerify(input: { token: $t }) { user { emailVerified } userErrors { code } } }`,
      { t: mail.token },
      { token },
    );
    expect(verify.body.data?.['emailVerify']).toEqual({ user: { emailVerified: true }, userErrors: [] });

    // The token is single-use.
    const again = await app.http(`mutation($t: String!) { emailVerify(input: { token: $t }) { userErrors { code field } } }`, {
      t: mail.token,
    });
    expect(again.body.data?.['emailVerify']).toEqual({ userErrors: [{ code: 'TOKEN_USED', field: ['input', 'token'] }] });
  });

  it('refuses a taken email and a short password, and writes nothing', async () => {
    const existing = await buildUser(app);
    const before = await app.prisma.user.count();
    const taken = await app.http(SIGNUP, { input: { email: existing.email.toUpperCase(), password: 'a-long-password', name: 'X' } });
    expect(taken.body.data?.['accountSignup']).toMatchObject({
      user: null,
      userErrors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'] }],
    });
    const weak = await app.http(SIGNUP, { input: { email: 'weak@example.test', password: 'short', name: 'Weak' } });
    expect(weak.body.data?.['accountSignup']).toMatchObject({
      user: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'password'] }],
    });
    expect(await app.prisma.user.count()).toBe(before);
    expect(weak.headers.getSetCookie()).toEqual([]);
  });
});

describe('sign-in', () => {
  it('signs in, shows the session as current, and signs out', async () => {
    const user = await buildUser(app);
    const res = await app.http(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } });
    expect(res.body.data?.['sessionLogin']).toEqual({ user: { email: user.email }, userErrors: [] });
    const token = sessionToken(res.headers)!;
    const me = await app.http(ME, {}, { token });
    expect(me.body.data?.['me']).toMatchObject({ email: user.email, currentSession: { current: true } });

    const logout = await app.http(`mutation { sessionLogout { userErrors { code } } }`, {}, { token });
    expect(logout.body.data?.['sessionLogout']).toEqual({ userErrors: [] });
    expect(logout.headers.getSetCookie().join()).toMatch(/hotlead_session=;/);
    const after = await app.http(ME, {}, { token });
    expect(after.body.data?.['me']).toBeNull();
  });

  it('gives the same error for a wrong password, an unknown email and a locked account', async () => {
    const user = await buildUser(app);
    const wrong = await app.http(LOGIN, { input: { email: user.email, password: 'not-the-password' } });
    const unknown = await app.http(LOGIN, { input: { email: 'nobody@example.test', password: 'not-the-password' } });
    await app.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    const locked = await app.http(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } });
    const expected = { user: null, userErrors: [{ field: null, message: 'Email or password is incorrect.', code: 'INVALID_CREDENTIALS' }] };
    expect(wrong.body.data?.['sessionLogin']).toEqual(expected);
    expect(unknown.body.data?.['sessionLogin']).toEqual(expected);
    expect(locked.body.data?.['sessionLogin']).toEqual(expected);
    expect(sessionToken(locked.headers)).toBeUndefined();
  });

  it(`locks the account after ${LOCKOUT.failures} consecutive wrong passwords`, async () => {
    const user = await buildUser(app);
    for (let i = 0; i < LOCKOUT.failures; i++) {
      await app.api.services.auth.login({ email: user.email, password: 'wrong-password!' }, { ip: `10.0.0.${i}`, userAgent: null });
    }
    const row = await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLoginCount).toBe(LOCKOUT.failures);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const result = await app.api.services.auth.login({ email: user.email, password: TEST_PASSWORD }, { ip: '10.0.1.1', userAgent: null });
    expect(result.ok).toBe(false);
  });

  it('rate-limits attempts per account with HTTP 429 and RateLimit headers', async () => {
    const user = await buildUser(app);
    let last;
    for (let i = 0; i < 11; i++) last = await app.http(LOGIN, { input: { email: user.email, password: 'wrong-password!' } });
    expect(last!.status).toBe(429);
    expect(errorCodes(last!.body)).toEqual(['RATE_LIMITED']);
    expect(last!.headers.get('ratelimit-limit')).toBe('10');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('lists sessions and revokes another one, which stops working at once', async () => {
    const { user, token } = await buildSignedIn(app);
    const other = await app.api.services.sessions.create(user.id, { ip: '10.9.9.9', userAgent: 'phone' });
    const list = await app.http(ME, {}, { token });
    const sessions = (list.body.data?.['me'] as { sessions: { id: string; current: boolean }[] }).sessions;
    expect(sessions).toHaveLength(2);
    const target = sessions.find((s) => !s.current)!;
    const revoke = await app.http(
      `mutation($id: ID!) { sessionRevoke(input: { sessionId: $id }) { userErrors { code } } }`,
      { id: target.id },
      { token },
    );
    expect(revoke.body.data?.['sessionRevoke']).toEqual({ userErrors: [] });
    expect((await app.http(ME, {}, { token: other.token })).body.data?.['me']).toBeNull();
    expect((await app.http(ME, {}, { token })).body.data?.['me']).not.toBeNull();
  });

  it("cannot revoke someone else's session", async () => {
    const a = await buildSignedIn(app);
    const b = await buildSignedIn(app);
    const { toGlobalId } = await import('../../platform/graphql/ids.js');
    const res = await app.http(
      `mutation($id: ID!) { sessionRevoke(input: { sessionId: $id }) { userErrors { code } } }`,
      { id: toGlobalId('Session', b.sessionId) },
      { token: a.token },
    );
    expect(res.body.data?.['sessionRevoke']).toEqual({ userErrors: [{ code: 'NOT_FOUND' }] });
    expect((await app.http(ME, {}, { token: b.token })).body.data?.['me']).not.toBeNull();
  });
});

describe('password reset', () => {
  const REQUEST = `mutation($email: String!) { passwordResetRequest(input: { email: $email }) { userErrors { code } } }`;
  const RESET = `mutation($token: String!, $password: String!) { passwordReset(input: { token: $token, password: $password }) { user { email } userErrors { code field message } } }`;

  it('emails a single-use link that sets a new password and signs out every other session', async () => {
    const { user, token: oldSession } = await buildSignedIn(app);
    expect((await app.http(REQUEST, { email: user.email })).body.data?.['passwordResetRequest']).toEqual({ userErrors: [] });
    const mail = await waitForMail(app, user.email, 'Reset your Hotlead password');
    expect(mail.link).toContain('/buyer/reset-password?token=');

    const reset = await app.http(RESET, { token: mail.token, password: 'brand-new-password' });
    expect(reset.body.data?.['passwordReset']).toMatchObject({ user: { email: user.email }, userErrors: [] });
    expect(sessionToken(reset.headers)).toBeDefined();
    expect((await app.http(ME, {}, { token: oldSession })).body.data?.['me']).toBeNull();
    const login = await app.http(LOGIN, { input: { email: user.email, password: 'brand-new-password' } });
    expect(login.body.data?.['sessionLogin']).toMatchObject({ userErrors: [] });

    const reused = await app.http(RESET, { token: mail.token, password: 'another-password!' });
    expect(reused.body.data?.['passwordReset']).toMatchObject({
      user: null,
      userErrors: [{ code: 'TOKEN_USED', field: ['input', 'token'] }],
    });
  });

  it('reports expired and unknown tokens clearly, and changes nothing', async () => {
    const user = await buildUser(app);
    await app.http(REQUEST, { email: user.email });
    const mail = await waitForMail(app, user.email, 'Reset your Hotlead password');
    await app.prisma.userToken.updateMany({
      where: { userId: user.id, purpose: 'RESET_PASSWORD' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const before = await app.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });

    const expired = await app.http(RESET, { token: mail.token, password: 'brand-new-password' });
    expect(expired.body.data?.['passwordReset']).toMatchObject({
      user: null,
      userErrors: [{ code: 'TOKEN_EXPIRED', field: ['input', 'token'] }],
    });
    const unknown = await app.http(RESET, { token: 'hlr_not-a-token', password: 'brand-new-password' });
    expect(unknown.body.data?.['passwordReset']).toMatchObject({ user: null, userErrors: [{ code: 'TOKEN_INVALID' }] });
    const after = await app.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = await app.prisma.outboundEmail.count();
    const res = await app.http(REQUEST, { email: 'ghost@example.test' });
    expect(res.body.data?.['passwordResetRequest']).toEqual({ userErrors: [] });
    expect(await app.prisma.outboundEmail.count()).toBe(before);
  });
});
