// The suppression list (product §2, compliance). A person opts out on the public page (or an admin on
// their behalf): the contact's hashes join the list, every lead with that email or phone is
// suppressed (never listed, never sold again, taken out of carts), no import accepts it again, and
// every workspace that bought it gets a signed `lead.suppressed` webhook. The list keeps only SHA-256
// hashes of the normalized email and phone, so it holds no contact data itself.
import { normalizeContact } from '@hotlead/domain';
import type pg from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import { contactHash } from '../leads/suppressionList.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';

/** The public page: 10 opt-outs per IP per hour is plenty for a person, little for a script. */
export const OPT_OUT_RATE_LIMIT: RateLimitRule = { name: 'opt-out:ip', limit: 10, windowMs: 60 * 60 * 1000 };

export interface SuppressionResult {
  /** Leads taken off the market (0 when we held none: the page answers the same either way). */
  leadsSuppressed: number;
  webhooksQueued: number;
}

export class SuppressionService {
  constructor(
    private readonly platform: Platform,
    private readonly webhooks: WebhooksService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /**
   * Suppresses a contact. `actor` is the admin acting for the person, or null for the public page.
   * Idempotent: suppressing the same contact again changes nothing and sends nothing.
   */
  async suppress(
    actor: Principal | null,
    input: { email?: string | null; phone?: string | null; reason?: string | null },
  ): Promise<MarketplaceOutcome<SuppressionResult>> {
    const contact = normalizeContact({ email: input.email, phone: input.phone });
    if (contact.problems.length > 0) {
      const first = contact.problems[0]!;
      return fail(MarketplaceErrorCode.INVALID_INPUT, first.message, [first.field]);
    }
    const source = actor ? 'ADMIN' : 'OPT_OUT_PAGE';
    const reason = input.reason?.trim().slice(0, 500) || null;
    const { result, deliveries } = await withTransaction(this.pool, async (tx) => {
      const emailHash = contact.email ? contactHash(contact.email) : null;
      const phoneHash = contact.phone ? contactHash(contact.phone) : null;
      // One row per hash, so a later opt-out of the phone alone still matches.
      for (const [column, hash] of [
        ['email_hash', emailHash],
        ['phone_hash', phoneHash],
      ] as const) {
        if (!hash) continue;
        await tx.query(
          `INSERT INTO suppressions (${column}, source, reason, created_by_user_id) VALUES ($1, $2::"SuppressionSource", $3, $4)
           ON CONFLICT (${column}) DO NOTHING`,
          [hash, source, reason, actor?.kind === 'user' ? actor.userId : null],
        );
      }
      const { rows: leads } = await tx.query<{ id: string; email: string }>(
        `UPDATE leads SET status = 'SUPPRESSED', updated_at = now()
          WHERE (email = $1 OR phone = $2) AND status <> 'SUPPRESSED' RETURNING id, email`,
        [contact.email, contact.phone],
      );
      const deliveries = await this.afterSuppressing(tx, leads);
      await recordAuditSql(tx, actor ?? 'SYSTEM', {
        action: 'suppression.add',
        targetType: 'Suppression',
        // No contact data in the audit log: only what was done.
        details: {
          source,
          leadsSuppressed: leads.length,
          webhooksQueued: deliveries.length,
          byEmail: Boolean(emailHash),
          byPhone: Boolean(phoneHash),
        },
      });
      return { result: { leadsSuppressed: leads.length, webhooksQueued: deliveries.length }, deliveries };
    });
    await this.webhooks.sendAll(deliveries);
    return ok(result);
  }

  /** Suppressed leads leave every cart, and each workspace that bought one is told by webhook. */
  private async afterSuppressing(tx: Sql, leads: { id: string; email: string }[]): Promise<string[]> {
    if (leads.length === 0) return [];
    await tx.query(`DELETE FROM cart_items WHERE lead_id = ANY($1::uuid[])`, [leads.map((l) => l.id)]);
    const deliveries: string[] = [];
    const suppressedAt = new Date().toISOString();
    for (const lead of leads) {
      const { rows } = await tx.query<{ workspace_id: string }>(
        // Only workspaces that paid: a card payment still under way reveals nothing.
        `SELECT DISTINCT i.workspace_id FROM lead_purchase_items i JOIN lead_purchases p ON p.id = i.purchase_id
          WHERE i.lead_id = $1 AND p.status = 'COMPLETED'`,
        [lead.id],
      );
      deliveries.push(
        ...(await this.webhooks.enqueue(tx, {
          workspaceIds: rows.map((r) => r.workspace_id),
          event: 'lead.suppressed',
          eventId: `evt_suppressed_${lead.id}`,
          // The buyer holds this contact already and must stop using it: the id and email identify it.
          data: { leadId: toGlobalId('MarketplaceLead', lead.id), email: lead.email, suppressedAt },
        })),
      );
    }
    return deliveries;
  }

  /** The public opt-out page: rate-limited per IP; the answer never says whether we held the contact. */
  async optOut(ip: string | null, input: { email?: string | null; phone?: string | null }): Promise<MarketplaceOutcome<true>> {
    const limit = await this.platform.limiter.hit(OPT_OUT_RATE_LIMIT, ip ?? 'unknown');
    if (!limit.allowed) return fail(MarketplaceErrorCode.RATE_LIMITED, 'Too many requests from this network; try again in an hour.');
    const outcome = await this.suppress(null, input);
    return outcome.ok ? ok(true) : outcome;
  }

  async count(): Promise<{ total: number; optOutPage: number; admin: number }> {
    const { rows } = await this.pool.query<{ source: string; n: number }>(
      `SELECT source::text, count(*)::int AS n FROM suppressions GROUP BY source`,
    );
    const of = (s: string) => rows.find((r) => r.source === s)?.n ?? 0;
    return { total: of('OPT_OUT_PAGE') + of('ADMIN'), optOutPage: of('OPT_OUT_PAGE'), admin: of('ADMIN') };
  }
}
