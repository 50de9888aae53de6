// Sign-up, sign-in, email verification and password reset. Every failure a person can cause comes
// back as a user error; nothing is written when the input is refused.
import { emailSchema, loginSchema, normalizeEmail, passwordSchema, signupSchema } from '@hotlead/domain';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { rateLimited } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import { recordAudit } from '../../platform/audit.js';
import { IdentityErrorCode, zodToUserErrors, type IdentityError } from './identity.errors.js';
import type { Outcome } from './membership.js';
import { burnPasswordCheck, hashPassword, newToken, sha256, TOKEN_PREFIX, verifyPassword } from './secrets.js';
import type { NewSession, SessionService } from './session.service.js';

export const LOGIN_RULES = {
  perAccount: { name: 'login:account', limit: 10, windowMs: 15 * 60_000 },
  perIp: { name: 'login:ip', limit: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitRule>;
const SIGNUP_PER_IP: RateLimitRule = { name: 'signup:ip', limit: 20, windowMs: 60 * 60_000 };
const RESET_PER_EMAIL: RateLimitRule = { name: 'reset:email', limit: 5, windowMs: 60 * 60_000 };
const RESET_PER_IP: RateLimitRule = { name: 'reset:ip', limit: 20, windowMs: 60 * 60_000 };
const VERIFY_SEND_PER_USER: RateLimitRule = { name: 'verify-send:user', limit: 5, windowMs: 60 * 60_000 };

/** Consecutive wrong passwords that lock an account, and for how long. */
export const LOCKOUT = { failures: 8, durationMs: 30 * 60_000 };
const VERIFY_TTL_MS = 24 * 60 * 60_000;
const RESET_TTL_MS = 60 * 60_000;

const INVALID_CREDENTIALS: IdentityError = {
  code: IdentityErrorCode.INVALID_CREDENTIALS,
  message: 'Email or password is incorrect.',
  field: null,
};

const fail = <T>(...errors: IdentityError[]): Outcome<T> => ({ ok: false, errors });

interface UsableToken {
  id: string;
  userId: string;
  email: string;
}

interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
  requestId?: string;
}

export class AuthService {
  constructor(
    private readonly platform: Platform,
    private readonly sessions: SessionService,
  ) {}

  private async limit(rule: RateLimitRule, key: string): Promise<void> {
    const result = await this.platform.limiter.hit(rule, key);
    if (!result.allowed) throw rateLimited(result);
  }

  async signup(
    input: { email: string; password: string; name: string },
    request: RequestFacts,
  ): Promise<Outcome<{ userId: string; session: NewSession }>> {
    const parsed = signupSchema.safeParse(input);
    if (!parsed.success) return fail(...zodToUserErrors(parsed.error.issues));
    await this.limit(SIGNUP_PER_IP, request.ip ?? 'unknown');
    const { email, password, name } = parsed.data;
    const passwordHash = await hashPassword(password);
    const created = await this.platform.prisma.user.createManyAndReturn({
      data: [{ email, name, passwordHash }],
      skipDuplicates: true,
      select: { id: true },
    });
    const user = created[0];
    if (!user) {
      return fail({
        code: IdentityErrorCode.EMAIL_TAKEN,
        message: 'An account with this email already exists. Sign in instead.',
        field: ['input', 'email'],
      });
    }
    await this.sendVerification(user.id, email, name);
    const session = await this.sessions.create(user.id, request);
    return { ok: true, value: { userId: user.id, session } };
  }

  async login(
    input: { email: string; password: string },
    request: RequestFacts,
  ): Promise<Outcome<{ userId: string; session: NewSession }>> {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) return fail(INVALID_CREDENTIALS);
    const email = normalizeEmail(parsed.data.email);
    await this.limit(LOGIN_RULES.perIp, request.ip ?? 'unknown');
    await this.limit(LOGIN_RULES.perAccount, sha256(email));

    const user = await this.platform.prisma.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true, status: true, lockedUntil: true, failedLoginCount: true },
    });
    if (!user || !user.passwordHash) {
      await burnPasswordCheck(parsed.data.password);
      return fail(INVALID_CREDENTIALS);
    }
    const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
    const matches = await verifyPassword(user.passwordHash, parsed.data.password);
    if (locked || user.status !== 'ACTIVE') return fail(INVALID_CREDENTIALS);
    if (!matches) {
      // Counted in one statement, so concurrent wrong guesses cannot slip past the lock.
      await this.platform.database.pool.query(
        `UPDATE users SET failed_login_count = failed_login_count + 1,
                locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + ($3 || ' milliseconds')::interval ELSE locked_until END
          WHERE id = $1`,
        [user.id, LOCKOUT.failures, String(LOCKOUT.durationMs)],
      );
      return fail(INVALID_CREDENTIALS);
    }
    await this.platform.prisma.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
    });
    await this.platform.limiter.reset(LOGIN_RULES.perAccount, sha256(email));
    const session = await this.sessions.create(user.id, request);
    return { ok: true, value: { userId: user.id, session } };
  }

  logout(principal: UserPrincipal): Promise<boolean> {
    return this.sessions.revoke(principal.userId, principal.sessionId, 'logout');
  }

  private async sendVerification(userId: string, email: string, name: string): Promise<void> {
    const token = newToken(TOKEN_PREFIX.emailVerification);
    const row = await this.platform.prisma.userToken.create({
      data: { userId, purpose: 'VERIFY_EMAIL', tokenHash: sha256(token), email, expiresAt: new Date(Date.now() + VERIFY_TTL_MS) },
      select: { id: true },
    });
    await this.platform.mail.send({
      idempotencyKey: `verify-email:${row.id}`,
      to: email,
      template: 'verifyEmail',
      data: { name, url: `${this.platform.config.publicUrl}/buyer/verify-email?token=${encodeURIComponent(token)}` },
    });
  }

  async resendVerification(principal: UserPrincipal): Promise<Outcome<true>> {
    const user = await this.platform.prisma.user.findUniqueOrThrow({
      where: { id: principal.userId },
      select: { email: true, name: true, emailVerifiedAt: true },
    });
    if (user.emailVerifiedAt)
      return fail({ code: IdentityErrorCode.ALREADY_VERIFIED, message: 'Your email address is already confirmed.', field: null });
    await this.limit(VERIFY_SEND_PER_USER, principal.userId);
    await this.sendVerification(principal.userId, user.email, user.name);
    return { ok: true, value: true };
  }

  /** Checks a single-use token; returns its row or the user error saying why it cannot be used. */
  private async usableToken(token: string, purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD'): Promise<Outcome<UsableToken>> {
    const row =
      token.length <= 200
        ? await this.platform.prisma.userToken.findUnique({
            where: { tokenHash: sha256(token) },
            select: { id: true, userId: true, purpose: true, email: true, expiresAt: true, usedAt: true },
          })
        : null;
    const field = ['input', 'token'];
    if (!row || row.purpose !== purpose)
      return fail({ code: IdentityErrorCode.TOKEN_INVALID, message: 'This link is not valid. Ask for a new one.', field });
    if (row.usedAt) return fail({ code: IdentityErrorCode.TOKEN_USED, message: 'This link was already used. Ask for a new one.', field });
    if (row.expiresAt <= new Date())
      return fail({ code: IdentityErrorCode.TOKEN_EXPIRED, message: 'This link has expired. Ask for a new one.', field });
    return { ok: true, value: { id: row.id, userId: row.userId, email: row.email } };
  }

  async verifyEmail(input: { token: string }): Promise<Outcome<{ userId: string }>> {
    const checked = await this.usableToken(input.token, 'VERIFY_EMAIL');
    if (!checked.ok) return checked;
    const token = checked.value;
    const applied = await this.platform.prisma.$transaction(async (tx) => {
      // Claiming the token and confirming the address happen together or not at all.
      const claimed = await tx.userToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: new Date() } });
      if (claimed.count === 0) return false;
      await tx.user.updateMany({
        where: { id: token.userId, email: token.email, emailVerifiedAt: null },
        data: { emailVerifiedAt: new Date() },
      });
      return true;
    });
    if (!applied)
      return fail({
        code: IdentityErrorCode.TOKEN_USED,
        message: 'This link was already used. Ask for a new one.',
        field: ['input', 'token'],
      });
    return { ok: true, value: { userId: token.userId } };
  }

  /** Always succeeds for the caller, whether or not the address has an account (no enumeration). */
  async requestPasswordReset(input: { email: string }, request: RequestFacts): Promise<Outcome<true>> {
    const parsed = emailSchema.safeParse(input.email);
    if (!parsed.success) return fail(...zodToUserErrors(parsed.error.issues.map((i) => ({ ...i, path: ['email'] }))));
    await this.limit(RESET_PER_IP, request.ip ?? 'unknown');
    await this.limit(RESET_PER_EMAIL, sha256(parsed.data));
    const user = await this.platform.prisma.user.findUnique({
      where: { email: parsed.data },
      select: { id: true, name: true, email: true, status: true },
    });
    if (!user || user.status !== 'ACTIVE') return { ok: true, value: true };
    const token = newToken(TOKEN_PREFIX.passwordReset);
    const row = await this.platform.prisma.userToken.create({
      data: {
        userId: user.id,
        purpose: 'RESET_PASSWORD',
        tokenHash: sha256(token),
        email: user.email,
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      },
      select: { id: true },
    });
    await this.platform.mail.send({
      idempotencyKey: `password-reset:${row.id}`,
      to: user.email,
      template: 'passwordReset',
      data: { name: user.name, url: `${this.platform.config.publicUrl}/buyer/reset-password?token=${encodeURIComponent(token)}` },
    });
    return { ok: true, value: true };
  }

  async resetPassword(
    input: { token: string; password: string },
    request: RequestFacts,
  ): Promise<Outcome<{ userId: string; session: NewSession }>> {
    const password = passwordSchema.safeParse(input.password);
    if (!password.success) return fail(...zodToUserErrors(password.error.issues.map((i) => ({ ...i, path: ['password'] }))));
    const checked = await this.usableToken(input.token, 'RESET_PASSWORD');
    if (!checked.ok) return checked;
    const token = checked.value;
    const passwordHash = await hashPassword(password.data);
    const applied = await this.platform.prisma.$transaction(async (tx) => {
      const claimed = await tx.userToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: new Date() } });
      if (claimed.count === 0) return false;
      // The reset link proves control of the address, so it also confirms it and lifts a lock.
      await tx.user.update({
        where: { id: token.userId },
        data: { passwordHash, failedLoginCount: 0, lockedUntil: null, emailVerifiedAt: new Date() },
      });
      await recordAudit(tx, 'SYSTEM', { action: 'user.password_reset', targetType: 'User', targetId: token.userId }, request.requestId);
      return true;
    });
    if (!applied)
      return fail({
        code: IdentityErrorCode.TOKEN_USED,
        message: 'This link was already used. Ask for a new one.',
        field: ['input', 'token'],
      });
    await this.sessions.revokeAll(token.userId, 'password_reset');
    const session = await this.sessions.create(token.userId, request);
    return { ok: true, value: { userId: token.userId, session } };
  }
}
