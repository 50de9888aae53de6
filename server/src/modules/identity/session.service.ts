// Sessions: an opaque random token (cookie for the SPAs, Bearer for API clients), stored as SHA-256,
// revocable, listed in account settings. Resolving a token is on every request's path, so it is one
// indexed SQL statement and the last-seen time is written at most every few minutes.
import { ANONYMOUS, type Principal } from '../../platform/auth/principal.js';
import type { Platform } from '../../platform/platform.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { newToken, sha256, TOKEN_PREFIX } from './secrets.js';

const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;
const API_KEY_LAST_USED_RESOLUTION_MS = 60_000;

/** The signed-in person's own profile, read together with the session (USER_SELECT's shape). */
export interface ViewerRow {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: Date | null;
  platformRole: 'ADMIN' | null;
  createdAt: Date;
  endUserProfile: { userId: string } | null;
}

export interface ResolvedCredential {
  principal: Principal;
  /** Present for a session: lets `me` answer without another query. */
  viewer: ViewerRow | null;
}

export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

export class SessionService {
  constructor(private readonly platform: Platform) {}

  async create(userId: string, request: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
    const token = newToken(TOKEN_PREFIX.session);
    const expiresAt = new Date(Date.now() + this.platform.config.SESSION_TTL_DAYS * 86_400_000);
    const session = await this.platform.prisma.session.create({
      data: {
        userId,
        tokenHash: sha256(token),
        expiresAt,
        ipAddress: request.ip,
        userAgent: request.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true },
    });
    return { id: session.id, token, expiresAt };
  }

  /** The principal for a bearer credential: a session token or an API key; anonymous when neither. */
  async resolve(credential: string | undefined): Promise<Principal> {
    return (await this.resolveWithViewer(credential)).principal;
  }

  /** Like resolve(), and for a session also the person's profile, read in the same statement. */
  async resolveWithViewer(credential: string | undefined): Promise<ResolvedCredential> {
    if (credential?.startsWith(TOKEN_PREFIX.session)) return this.resolveSession(credential);
    if (credential?.startsWith(TOKEN_PREFIX.apiKey)) return { principal: await this.resolveApiKey(credential), viewer: null };
    return { principal: ANONYMOUS, viewer: null };
  }

  // Every request with a session runs this: one indexed statement, no ORM (it dominated the profile).
  private async resolveSession(token: string): Promise<ResolvedCredential> {
    const { rows } = await this.platform.database.pool.query<{
      session_id: string;
      last_seen_at: Date;
      id: string;
      email: string;
      name: string;
      email_verified_at: Date | null;
      platform_role: 'ADMIN' | null;
      created_at: Date;
      end_user: boolean;
    }>(
      `SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.name, u.email_verified_at, u.platform_role, u.created_at,
              EXISTS (SELECT 1 FROM end_user_profiles e WHERE e.user_id = u.id) AS end_user
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'ACTIVE'`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) return { principal: ANONYMOUS, viewer: null };
    if (Date.now() - row.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS) {
      this.platform.database.pool.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]).catch(() => {});
    }
    return {
      principal: { kind: 'user', userId: row.id, sessionId: row.session_id, platformRole: row.platform_role },
      viewer: {
        id: row.id,
        email: row.email,
        name: row.name,
        emailVerifiedAt: row.email_verified_at,
        platformRole: row.platform_role,
        createdAt: row.created_at,
        endUserProfile: row.end_user ? { userId: row.id } : null,
      },
    };
  }

  private async resolveApiKey(key: string): Promise<Principal> {
    const { rows } = await this.platform.database.pool.query<{
      id: string;
      workspace_id: string;
      scopes: string[];
      tier: 'STANDARD' | 'PRO' | 'ENTERPRISE';
      last_used_at: Date | null;
    }>(
      `SELECT k.id, k.workspace_id, k.scopes, k.tier, k.last_used_at
         FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND w.status = 'ACTIVE'`,
      [sha256(key)],
    );
    const row = rows[0];
    if (!row) return ANONYMOUS;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > API_KEY_LAST_USED_RESOLUTION_MS) {
      this.platform.database.pool.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]).catch(() => {});
    }
    return { kind: 'apiKey', apiKeyId: row.id, workspaceId: row.workspace_id, scopes: row.scopes, tier: row.tier };
  }

  /** Revokes one session of a user; returns false when it is not theirs or already revoked. */
  async revoke(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const { count } = await this.platform.prisma.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count) this.platform.pubsub.publish(Topic.SESSION_REVOKED, { userId, sessionId, reason });
    return count > 0;
  }

  /** Revokes every session of a user (after a password reset), except `keep` when given. */
  async revokeAll(userId: string, reason: string, keep?: string): Promise<void> {
    const sessions = await this.platform.prisma.session.findMany({
      where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
      select: { id: true },
    });
    if (!sessions.length) return;
    await this.platform.prisma.session.updateMany({
      where: { id: { in: sessions.map((s) => s.id) }, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    for (const s of sessions) this.platform.pubsub.publish(Topic.SESSION_REVOKED, { userId, sessionId: s.id, reason });
  }

  listActive(userId: string) {
    return this.platform.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { lastSeenAt: 'desc' },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
      take: 100,
    });
  }
}
