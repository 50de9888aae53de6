// Service requests from the end user's side: niches and the public form with recorded consent, the
// confirmation email that verifies the address and (with the opt-in) creates the global end-user
// account and signs the person in, the end user's own requests, closing them, admin listing, and the
// right to be forgotten (contact data replaced, message bodies kept).
import { randomBytes, randomUUID } from 'node:crypto';
import { emailSchema, maskEmail, normalizeContact, passwordSchema } from '@hotlead/domain';
import type pg from 'pg';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import { COUNT_CAP, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import { notFound, rateLimited } from '../../platform/graphql/errors.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import { hashPassword, sha256, verifyPassword } from '../identity/secrets.js';
import type { NewSession, SessionService } from '../identity/session.service.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import {
  ACCOUNT_DELETE_RATE_LIMIT,
  ANONYMIZED_NAME,
  CONFIRM_TTL_MS,
  CONSENT,
  ISO_COUNTRIES,
  ROUTING_RETRY_MS,
  SUBMIT_RATE_LIMIT,
} from './requests.constants.js';
import { decodeTimeIdCursor } from './cursor.js';
import { FieldErrors, refused } from './requests.errors.js';
import {
  type AdminServiceRequest,
  type Niche,
  type ServiceRequest,
  type ServiceRequestFeedbackEnum,
  type ServiceRequestInput,
  type ServiceRequestStatusEnum,
} from './requests.types.js';
import {
  ASSIGNMENT_SQL,
  NICHE_COLUMNS,
  REQUEST_SQL,
  loadRequests,
  toAdminServiceRequest,
  toNiche,
  toServiceRequest,
  type AssignmentRow,
  type NicheRow,
  type RequestRow,
} from './requests.views.js';
import type { RoutingService } from './routing.service.js';
import type { RequestThreads } from './threads.js';

interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
  requestId?: string;
}

type CountryCode = NonNullable<Parameters<typeof normalizeContact>[0]['country']>;

export interface ConfirmResult {
  request: ServiceRequest;
  needsPassword: boolean;
  /** A new session to set as the cookie, when the confirmation signed the person in. */
  session: NewSession | null;
}

export class RequestsService {
  constructor(
    private readonly platform: Platform,
    private readonly sessions: SessionService,
    private readonly webhooks: WebhooksService,
    private readonly routing: RoutingService,
    private readonly threads: RequestThreads,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  // ───────────── niches and consent ─────────────

  async niches(): Promise<Niche[]> {
    const { rows } = await this.pool.query<NicheRow>(`SELECT ${NICHE_COLUMNS} FROM niches n WHERE n.active ORDER BY n.name`);
    return rows.map(toNiche);
  }

  async niche(slug: string): Promise<Niche | null> {
    if (slug.length > 100) return null;
    const { rows } = await this.pool.query<NicheRow>(`SELECT ${NICHE_COLUMNS} FROM niches n WHERE n.slug = $1 AND n.active`, [slug]);
    return rows[0] ? toNiche(rows[0]) : null;
  }

  consent(): { version: string; wording: string } {
    return { ...CONSENT };
  }

  // ───────────── the public form ─────────────

  /**
   * Records the request (PENDING_CONFIRMATION, with the consent as shown) and emails the confirmation
   * link. The answer is the same whether or not the address has an account.
   */
  async submit(principal: Principal, input: ServiceRequestInput, request: RequestFacts): Promise<{ accepted: true; maskedEmail: string }> {
    const errors = new FieldErrors();
    const f = (name: string) => ['input', name];
    const text = (value: string | null | undefined) => {
      const t = value?.trim() ?? '';
      return t === '' ? null : t;
    };
    const nicheSlug = input.nicheSlug.trim();
    const { rows: nicheRows } =
      nicheSlug.length > 0 && nicheSlug.length <= 100
        ? await this.pool.query<{ id: string; name: string }>('SELECT id, name FROM niches WHERE slug = $1 AND active', [nicheSlug])
        : { rows: [] };
    const niche = nicheRows[0];
    if (!niche) errors.add(f('nicheSlug'), 'This service is not available; choose another one.');
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) errors.add(f('name'), 'Enter your name (up to 200 characters).');
    const email = emailSchema.safeParse(input.email);
    if (!email.success) errors.add(f('email'), email.error.issues[0]?.message ?? 'Enter a valid email address');
    const country = input.country.trim().toUpperCase();
    if (!ISO_COUNTRIES.has(country)) errors.add(f('country'), 'Choose a country (ISO 3166-1 alpha-2 code, e.g. US).');
    const contact = normalizeContact({
      phone: input.phone,
      country: ISO_COUNTRIES.has(country) ? (country as CountryCode) : undefined,
    });
    const phoneProblem = contact.problems.find((p) => p.field === 'phone');
    if (phoneProblem) errors.add(f('phone'), phoneProblem.message);
    const region = text(input.region);
    if (region && region.length > 100) errors.add(f('region'), 'Use at most 100 characters.');
    const city = text(input.city);
    if (city && city.length > 100) errors.add(f('city'), 'Use at most 100 characters.');
    const postalCode = text(input.postalCode)?.toUpperCase() ?? null;
    if (postalCode && (postalCode.length > 20 || !/^[A-Z0-9][A-Z0-9 -]*$/.test(postalCode))) {
      errors.add(f('postalCode'), 'Enter a postal code of letters and digits (up to 20).');
    }
    const details = input.details.trim();
    if (details.length < 10 || details.length > 5000) errors.add(f('details'), 'Describe what you need in 10 to 5,000 characters.');
    if (input.consentVersion !== CONSENT.version) {
      errors.add(f('consentVersion'), 'The consent text has changed since the form was loaded; reload the page and submit again.');
    }
    errors.throwIfAny();

    // Counted after validation: a person correcting typos is not throttled, a script is.
    const limit = await this.platform.limiter.hit(SUBMIT_RATE_LIMIT, request.ip ?? 'unknown');
    if (!limit.allowed) throw rateLimited(limit);

    const token = randomBytes(32).toString('base64url');
    const normalizedEmail = email.success ? email.data : '';
    const id = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO service_requests (niche_id, name, email, phone, country, region, city, postal_code, details, hide_email,
                                       consent_at, consent_wording, consent_version, consent_ip, confirm_token_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11, $12, $13, $14) RETURNING id`,
        [
          niche!.id,
          name,
          normalizedEmail,
          contact.phone,
          country,
          region,
          city,
          postalCode,
          details,
          input.hideEmail,
          CONSENT.wording,
          CONSENT.version,
          request.ip,
          sha256(token),
        ],
      );
      const created = rows[0]!.id;
      await recordAuditSql(
        tx,
        principal,
        {
          action: 'service_request.submit',
          targetType: 'ServiceRequest',
          targetId: created,
          details: { nicheId: niche!.id, country, hideEmail: input.hideEmail, consentVersion: CONSENT.version },
        },
        request.requestId,
      );
      return created;
    });
    await this.platform.mail.send({
      idempotencyKey: `service-request-confirm:${id}`,
      to: normalizedEmail,
      template: 'serviceRequestConfirm',
      data: {
        name,
        nicheName: niche!.name,
        hideEmail: input.hideEmail,
        url: `${this.platform.config.publicUrl}/buyer/requests/confirm?token=${encodeURIComponent(token)}`,
      },
    });
    return { accepted: true, maskedEmail: maskEmail(normalizedEmail) ?? '***' };
  }

  // ───────────── confirmation ─────────────

  /**
   * Verifies the address and queues routing. With the opt-in, finds or creates the global end-user
   * account, links the request and signs the person in. A second confirmation answers with the same
   * request and signs nobody in.
   */
  async confirm(tokenInput: string, request: RequestFacts, now = new Date()): Promise<ConfirmResult> {
    const token = tokenInput.trim();
    const { rows } =
      token.length > 0 && token.length <= 200
        ? await this.pool.query<{ id: string; createdAt: Date; confirmedAt: Date | null }>(
            `SELECT id, created_at AS "createdAt", confirmed_at AS "confirmedAt" FROM service_requests WHERE confirm_token_hash = $1`,
            [sha256(token)],
          )
        : { rows: [] };
    const found = rows[0];
    if (!found) throw refused('TOKEN_INVALID', 'This confirmation link is not valid. Submit the request again.');
    if (!found.confirmedAt && now.getTime() >= found.createdAt.getTime() + CONFIRM_TTL_MS) {
      throw refused('TOKEN_EXPIRED', 'This confirmation link has expired (links work for 7 days). Submit the request again.');
    }
    const outcome = found.confirmedAt
      ? null
      : await withTransaction(this.pool, async (tx) => {
          const { rows: claimed } = await tx.query<{ hideEmail: boolean; email: string; name: string; phone: string | null }>(
            `UPDATE service_requests SET confirmed_at = $2, status = 'ROUTING', next_routing_at = $3, updated_at = now()
              WHERE id = $1 AND confirmed_at IS NULL
              RETURNING hide_email AS "hideEmail", email::text AS email, name, phone`,
            [found.id, now, new Date(now.getTime() + ROUTING_RETRY_MS)],
          );
          const req = claimed[0];
          if (!req) return null; // a concurrent confirmation won
          const account = req.hideEmail ? await this.endUserAccount(tx, req, found.id) : null;
          await recordAuditSql(
            tx,
            'SYSTEM',
            {
              action: 'service_request.confirm',
              targetType: 'ServiceRequest',
              targetId: found.id,
              details: {
                hideEmail: req.hideEmail,
                userId: account?.userId ?? null,
                accountCreated: account?.created ?? false,
                signedIn: account?.signIn ?? false,
              },
            },
            request.requestId,
          );
          return account;
        });
    let session: NewSession | null = null;
    if (outcome?.signIn) session = await this.sessions.create(outcome.userId, request);
    if (!found.confirmedAt) await this.routing.queueRoute(found.id, 'CONFIRMED');
    const [row] = await loadRequests(this.pool, [found.id]);
    const { rows: password } = await this.pool.query<{ hasPassword: boolean }>(
      'SELECT password_hash IS NOT NULL AS "hasPassword" FROM users WHERE id = $1',
      [row!.userId],
    );
    return {
      request: toServiceRequest(row!, await this.assignmentsOf([row!.id])),
      needsPassword: password[0] ? !password[0].hasPassword : false,
      session,
    };
  }

  /**
   * The global end-user account for the confirmed address: created without a password, or the existing
   * account (the link proves the address). Only a pure end-user account is signed in by a link; an
   * account with staff access (workspaces, partner orgs, platform role) signs in with its password.
   */
  private async endUserAccount(
    tx: Sql,
    req: { email: string; name: string; phone: string | null },
    requestId: string,
  ): Promise<{ userId: string; created: boolean; signIn: boolean }> {
    const { rows: inserted } = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, email_verified_at) VALUES ($1, $2, now()) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [req.email, req.name.slice(0, 100)],
    );
    let userId = inserted[0]?.id;
    const created = Boolean(userId);
    let signIn = created;
    if (!userId) {
      const { rows } = await tx.query<{ id: string; status: string; staff: boolean }>(
        `SELECT u.id, u.status::text AS status,
                (u.platform_role IS NOT NULL OR EXISTS (SELECT 1 FROM workspace_memberships m WHERE m.user_id = u.id)
                  OR EXISTS (SELECT 1 FROM partner_memberships p WHERE p.user_id = u.id)) AS staff
           FROM users u WHERE u.email = $1 FOR UPDATE`,
        [req.email],
      );
      const existing = rows[0]!;
      userId = existing.id;
      signIn = existing.status === 'ACTIVE' && !existing.staff;
      await tx.query('UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = $1', [userId]);
    }
    await tx.query('INSERT INTO end_user_profiles (user_id, phone) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, req.phone]);
    await tx.query('UPDATE service_requests SET user_id = $2, updated_at = now() WHERE id = $1', [requestId, userId]);
    return { userId, created, signIn };
  }

  /** The first password of an account created by a confirmation (same policy and hashing as sign-up). */
  async setInitialPassword(principal: UserPrincipal, password: string, requestId?: string): Promise<true> {
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) {
      const errors = new FieldErrors();
      errors.add(['password'], parsed.error.issues[0]?.message ?? 'Choose another password.');
      errors.throwIfAny();
    }
    const passwordHash = await hashPassword(password);
    await withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND password_hash IS NULL',
        [principal.userId, passwordHash],
      );
      if (!rowCount) throw refused('PASSWORD_ALREADY_SET', 'Your account already has a password; change it in your account settings.');
      await recordAuditSql(tx, principal, { action: 'user.password_set', targetType: 'User', targetId: principal.userId }, requestId);
    });
    return true;
  }

  // ───────────── the end user's requests ─────────────

  private async assignmentsOf(requestIds: string[]): Promise<AssignmentRow[]> {
    if (requestIds.length === 0) return [];
    const { rows } = await this.pool.query<AssignmentRow>(`${ASSIGNMENT_SQL} WHERE a.request_id = ANY($1::uuid[]) ORDER BY a.rank`, [
      requestIds,
    ]);
    return rows;
  }

  async myRequests(principal: UserPrincipal): Promise<ServiceRequest[]> {
    const { rows } = await this.pool.query<RequestRow>(
      `${REQUEST_SQL} WHERE r.user_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 500`,
      [principal.userId],
    );
    const assignments = await this.assignmentsOf(rows.map((r) => r.id));
    return rows.map((r) => toServiceRequest(r, assignments));
  }

  /** The person's own request; anyone else's answers null, like an unknown id. */
  async myRequest(principal: UserPrincipal, requestId: string): Promise<ServiceRequest | null> {
    const { rows } = await this.pool.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = $1 AND r.user_id = $2`, [requestId, principal.userId]);
    if (!rows[0]) return null;
    return toServiceRequest(rows[0], await this.assignmentsOf([requestId]));
  }

  /** Closes the whole request: every thread closed, active assignments CLOSED, feedback kept. Idempotent. */
  async close(
    principal: UserPrincipal,
    requestId: string,
    feedback: ServiceRequestFeedbackEnum | null | undefined,
    noteInput: string | null | undefined,
    audit?: string,
  ): Promise<ServiceRequest> {
    const note = noteInput?.trim() || null;
    const errors = new FieldErrors();
    if (note && note.length > 2000) errors.add(['note'], 'Use at most 2,000 characters.');
    errors.throwIfAny();
    const { closed, threads, deliveries } = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ status: string; feedback: string | null; userId: string }>(
        `SELECT status::text AS status, feedback::text AS feedback, user_id AS "userId" FROM service_requests
          WHERE id = $1 AND user_id = $2 FOR NO KEY UPDATE`,
        [requestId, principal.userId],
      );
      const current = rows[0];
      if (!current) throw notFound('Service request');
      // Threads before assignments: the relay locks a thread, then its assignment (first response).
      const threads = await this.threads.closeInTx(tx, { requestIds: [requestId] }, 'USER');
      if (current.status === 'CLOSED') {
        // Closing again changes nothing, except adding feedback that was not given the first time.
        if (feedback && !current.feedback) {
          await tx.query(
            `UPDATE service_requests SET feedback = $2::"ServiceRequestFeedback", feedback_note = $3, updated_at = now() WHERE id = $1`,
            [requestId, feedback, note],
          );
        }
        return { closed: [] as { id: string; workspaceId: string }[], threads, deliveries: [] as string[] };
      }
      await tx.query(
        `UPDATE service_requests SET status = 'CLOSED', closed_at = now(), feedback = $2::"ServiceRequestFeedback", feedback_note = $3,
                next_routing_at = NULL, updated_at = now() WHERE id = $1`,
        [requestId, feedback ?? null, note],
      );
      const closed = await this.closeAssignments(tx, requestId);
      const deliveries = await this.assignmentsClosedWebhooks(tx, requestId, closed);
      await recordAuditSql(
        tx,
        principal,
        {
          action: 'service_request.close',
          targetType: 'ServiceRequest',
          targetId: requestId,
          details: { feedback: feedback ?? null, assignmentsClosed: closed.length },
        },
        audit,
      );
      return { closed, threads, deliveries };
    });
    await this.threads.announce(threads);
    for (const a of closed) this.publishUpdated(a.id, requestId, a.workspaceId, principal.userId);
    await this.webhooks.sendAll(deliveries);
    const view = await this.myRequest(principal, requestId);
    if (!view) throw notFound('Service request');
    return view;
  }

  private async closeAssignments(tx: Sql, requestId: string): Promise<{ id: string; workspaceId: string }[]> {
    const { rows } = await tx.query<{ id: string; workspaceId: string }>(
      `UPDATE request_assignments SET status = 'CLOSED', updated_at = now() WHERE request_id = $1 AND status = 'ACTIVE'
        RETURNING id, workspace_id AS "workspaceId"`,
      [requestId],
    );
    return rows;
  }

  private async assignmentsClosedWebhooks(tx: Sql, requestId: string, closed: { id: string; workspaceId: string }[]): Promise<string[]> {
    const deliveries: string[] = [];
    for (const a of closed) {
      deliveries.push(
        ...(await this.webhooks.enqueue(tx, {
          workspaceIds: [a.workspaceId],
          event: 'assignment.updated',
          eventId: `evt_assignment_updated_${a.id}_${randomUUID()}`,
          data: {
            assignmentId: toGlobalId('RequestAssignment', a.id),
            requestId: toGlobalId('ServiceRequest', requestId),
            change: 'request_closed',
            status: 'CLOSED',
          },
        })),
      );
    }
    return deliveries;
  }

  private publishUpdated(assignmentId: string, requestId: string, workspaceId: string, userId: string | null) {
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId, userId },
      { kind: 'ASSIGNMENT_UPDATED', requestId, assignmentId, threadId: null, messageId: null },
    );
  }

  // ───────────── right to be forgotten ─────────────

  /**
   * Anonymizes an end user: the account's contact data replaced and its password, tokens, profile and
   * sessions gone; every request of theirs (by account or by address) anonymized and closed, every
   * thread closed; the copies of the address elsewhere (queued and sent mail, bounce diagnostics,
   * quarantined mail, the dev mailbox) replaced or removed. Message rows stay as they are (immutable
   * business records; admins read their raw MIME without the address headers). One transaction;
   * idempotent.
   */
  async forgetEndUser(userId: string, actor: Principal | 'SYSTEM', options: { reason?: string; requestId?: string } = {}) {
    const outcome = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ email: string; status: string }>(
        'SELECT email::text AS email, status::text AS status FROM users WHERE id = $1 FOR UPDATE',
        [userId],
      );
      const user = rows[0];
      if (!user) throw notFound('User');
      // Forgetting again keeps the address the first time chose.
      const replacement = user.status === 'DELETED' ? user.email : `deleted-${randomUUID()}@anonymized.invalid`;
      if (user.status !== 'DELETED') {
        await tx.query(
          `UPDATE users SET email = $2, name = $3, password_hash = NULL, status = 'DELETED', email_verified_at = NULL,
                  failed_login_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
          [userId, replacement, ANONYMIZED_NAME],
        );
        await tx.query('DELETE FROM user_tokens WHERE user_id = $1', [userId]);
        await tx.query('DELETE FROM end_user_profiles WHERE user_id = $1', [userId]);
      }
      await this.scrubAddressCopies(tx, userId, user.email, replacement);
      const { rows: requests } = await tx.query<{ id: string }>(
        `UPDATE service_requests SET name = $3, email = $4, phone = NULL, city = NULL, postal_code = NULL, consent_ip = NULL,
                feedback_note = NULL, confirm_token_hash = NULL, anonymized_at = now(), status = 'CLOSED',
                closed_at = COALESCE(closed_at, now()), next_routing_at = NULL, updated_at = now()
          WHERE (user_id = $1 OR email = $2) AND anonymized_at IS NULL RETURNING id`,
        [userId, user.email, ANONYMIZED_NAME, replacement],
      );
      const requestIds = requests.map((r) => r.id);
      // Threads before assignments: the relay locks a thread, then its assignment (first response).
      const threads = await this.threads.closeInTx(tx, { userId, requestIds }, 'SYSTEM');
      const closed: { id: string; workspaceId: string; requestId: string }[] = [];
      for (const id of requestIds) {
        for (const a of await this.closeAssignments(tx, id)) closed.push({ ...a, requestId: id });
      }
      const deliveries: string[] = [];
      for (const id of requestIds) {
        deliveries.push(
          ...(await this.assignmentsClosedWebhooks(
            tx,
            id,
            closed.filter((a) => a.requestId === id),
          )),
        );
      }
      await recordAuditSql(
        tx,
        actor,
        {
          action: 'end_user.forget',
          targetType: 'User',
          targetId: userId,
          details: {
            by: actor === 'SYSTEM' ? 'SYSTEM' : actor.kind === 'user' && actor.userId === userId ? 'SELF' : 'ADMIN',
            requestsAnonymized: requestIds.length,
            assignmentsClosed: closed.length,
            threadsClosed: threads.threads.length,
            ...(options.reason ? { reason: options.reason.slice(0, 500) } : {}),
          },
        },
        options.requestId,
      );
      return { requestIds, closed, threads, deliveries };
    });
    await this.sessions.revokeAll(userId, 'account deleted');
    await this.threads.announce(outcome.threads);
    for (const a of outcome.closed) this.publishUpdated(a.id, a.requestId, a.workspaceId, null);
    await this.webhooks.sendAll(outcome.deliveries);
    return { requests: outcome.requestIds.length, threads: outcome.threads.threads.length };
  }

  /**
   * The forgotten address outside the account and the requests: mail to it keeps its record under the
   * replacement address, bounce diagnostics (which quote the address) and quarantined raw mail of the
   * person's threads go, and so does the local dev mailbox's copy of mail to it. Runs before the
   * requests are anonymized: their old address finds the threads of requests made without an account.
   */
  private async scrubAddressCopies(tx: Sql, userId: string, email: string, replacement: string): Promise<void> {
    const { rows: threads } = await tx.query<{ id: string }>(
      `SELECT t.id FROM relay_threads t WHERE t.user_id = $1
       UNION
       SELECT t.id FROM service_requests r JOIN request_assignments a ON a.request_id = r.id JOIN relay_threads t ON t.assignment_id = a.id
        WHERE r.user_id = $1 OR r.email = $2`,
      [userId, email],
    );
    const threadIds = threads.map((t) => t.id);
    if (threadIds.length) {
      await tx.query(
        `UPDATE relay_deliveries SET bounce_reason = NULL, last_error = NULL, updated_at = now()
          WHERE thread_id = ANY($1::uuid[]) AND (bounce_reason IS NOT NULL OR last_error IS NOT NULL)`,
        [threadIds],
      );
      await tx.query(`DELETE FROM relay_quarantine WHERE thread_id = ANY($1::uuid[])`, [threadIds]);
    }
    // to_address is citext: any spelling of the address. A send error may quote the address too.
    await tx.query(`UPDATE outbound_emails SET to_address = $2, last_error = NULL WHERE to_address = $1`, [email, replacement]);
    await tx.query(
      `DELETE FROM dev_mailbox_messages
        WHERE EXISTS (SELECT 1 FROM unnest(to_addresses) AS a(address)
                       WHERE lower(a.address) = lower($1) OR right(lower(a.address), length($1) + 2) = '<' || lower($1) || '>')`,
      [email],
    );
  }

  /** The end user deletes their own account; the password is checked again (when one was set). */
  async deleteOwnAccount(principal: UserPrincipal, password: string, requestId?: string): Promise<true> {
    const limit = await this.platform.limiter.hit(ACCOUNT_DELETE_RATE_LIMIT, principal.userId);
    if (!limit.allowed) throw rateLimited(limit);
    const { rows } = await this.pool.query<{ passwordHash: string | null; staff: boolean }>(
      `SELECT u.password_hash AS "passwordHash",
              (u.platform_role IS NOT NULL OR EXISTS (SELECT 1 FROM workspace_memberships m WHERE m.user_id = u.id)
                OR EXISTS (SELECT 1 FROM partner_memberships p WHERE p.user_id = u.id)) AS staff
         FROM users u WHERE u.id = $1`,
      [principal.userId],
    );
    const user = rows[0];
    if (!user) throw notFound('User');
    if (user.staff) {
      throw refused(
        'NOT_ALLOWED',
        'This deletes end-user accounts only. Leave your workspaces and organisations first, or ask support to close the account.',
      );
    }
    if (user.passwordHash && !(await verifyPassword(user.passwordHash, password))) {
      throw refused('INVALID_CREDENTIALS', 'The password is incorrect.', { field: ['password'] });
    }
    await this.forgetEndUser(principal.userId, principal, { requestId });
    return true;
  }

  // ───────────── admin ─────────────

  async adminRequests(
    status: ServiceRequestStatusEnum | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AdminServiceRequest>> {
    const size = pageSize(first);
    const cursor = decodeTimeIdCursor(after);
    const filter = '($1::"ServiceRequestStatus" IS NULL OR r.status = $1::"ServiceRequestStatus")';
    const counted = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM service_requests r WHERE ${filter} LIMIT ${COUNT_CAP + 1}) x`,
      [status ?? null],
    );
    const params: unknown[] = [status ?? null];
    let where = filter;
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ` AND (r.created_at, r.id) < ($2::timestamptz, $3::uuid)`;
    }
    params.push(size + 1);
    // created_at has millisecond precision, so its ISO form is an exact cursor.
    const { rows } = await this.pool.query<RequestRow>(
      `${REQUEST_SQL} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    const assignments = await this.assignmentsOf(rows.map((r) => r.id));
    const now = new Date();
    return toConnection(
      rows,
      size,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => toAdminServiceRequest(r, assignments, now),
      counted.rows[0]!.n,
    );
  }

  async adminRequest(requestId: string): Promise<AdminServiceRequest | null> {
    const [row] = await loadRequests(this.pool, [requestId]);
    if (!row) return null;
    return toAdminServiceRequest(row, await this.assignmentsOf([requestId]));
  }
}
