// The buyer's cart and the purchase of its leads with credits (product §2). A purchase completes in
// one transaction: the leads are locked, the items inserted (unique per workspace and lead, so a
// workspace never pays twice), the credits spent through the ledger, the leads marked sold (an
// exclusive purchase delists them), the partners' commissions recorded, the cart emptied. A repeated
// idempotency key returns the purchase it made the first time.
import { money, purchasePrice } from '@hotlead/domain';
import type { Prisma } from '@hotlead/prisma';
import type pg from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit, recordAuditSql } from '../../platform/audit.js';
import { afterCursor, NEWEST_FIRST, type CreatedAtCursor } from '../../platform/db/keyset.js';
import { pgError, withTransaction, type Sql } from '../../platform/db/sql.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { InsufficientFundsError } from '../money/ledger.service.js';
import type { CreditsService } from '../money/credits.service.js';
import type { EarningsService } from '../money/earnings.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';

/** One purchase holds at most this many leads (product §2: "capped at 10,000 per purchase"). */
export const MAX_LEADS_PER_PURCHASE = 10_000;
/** Bought leads can be downloaded again for this long. */
export const REDOWNLOAD_DAYS = 90;

export interface CartLine {
  leadId: string;
  exclusive: boolean;
  addedAt: Date;
  listPrice: string;
  price: string;
  credits: string;
  /** Why it cannot be bought now (delisted, already bought, sold before an exclusive purchase); null when it can. */
  unavailable: string | null;
}

export interface Cart {
  lines: CartLine[];
  leadCount: number;
  totalUsd: string;
  credits: string;
  walletBalance: string;
  shortfallCredits: string;
}

export const PURCHASE_SELECT = {
  id: true,
  workspaceId: true,
  buyerUserId: true,
  status: true,
  leadCount: true,
  totalUsd: true,
  credits: true,
  exportMode: true,
  filters: true,
  failureReason: true,
  createdAt: true,
  completedAt: true,
  downloadableUntil: true,
} satisfies Prisma.LeadPurchaseSelect;

export type PurchaseRow = Prisma.LeadPurchaseGetPayload<{ select: typeof PURCHASE_SELECT }>;

interface LockedLead {
  id: string;
  status: string;
  list_price: string;
  sold_count: number;
  bought: boolean;
}

/** "12.5000" → "12.5", "10.0000" → "10": credits as people read them. */
const plain = (credits: string) => (credits.includes('.') ? credits.replace(/0+$/, '').replace(/\.$/, '') : credits);

/** What one lead costs in the cart and at checkout: USD at purchase and the credits for it. */
function linePrice(listPrice: string, exclusive: boolean): { price: string; credits: string } {
  const price = purchasePrice(listPrice, exclusive);
  return { price, credits: money.usdToCredits(price) };
}

function unavailableReason(lead: LockedLead, exclusive: boolean): string | null {
  if (lead.bought) return 'Your workspace has already bought this lead.';
  if (lead.status !== 'LISTED') return 'This lead is no longer offered.';
  if (exclusive && lead.sold_count > 0) return 'This lead has been sold before, so it cannot be bought exclusively.';
  return null;
}

/** The member's monthly credit limit would be exceeded; the transaction rolls back. */
class MemberLimitError extends Error {}

export class CheckoutService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
    private readonly credits: CreditsService,
    private readonly earnings: EarningsService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** A member of a buyer workspace (the cart and purchases belong to a person in a workspace). */
  private async buyer(principal: Principal, workspaceId: string): Promise<{ userId: string }> {
    if (principal.kind !== 'user') throw forbidden('Purchases are made by people signed in to a workspace.');
    const { workspace, role } = await this.workspaces.viewable(principal, workspaceId);
    if (!role) throw forbidden('Only members of the workspace buy for it.');
    if (workspace.kind !== 'BUYER') throw forbidden('Only buyer workspaces buy leads.');
    return { userId: principal.userId };
  }

  async cartAdd(principal: Principal, workspaceId: string, leadIds: string[], exclusive: boolean): Promise<MarketplaceOutcome<Cart>> {
    const { userId } = await this.buyer(principal, workspaceId);
    if (leadIds.length === 0) return fail(MarketplaceErrorCode.INVALID_INPUT, 'Choose at least one lead.', ['leadIds']);
    const current = await this.platform.prisma.cartItem.count({ where: { workspaceId, userId } });
    if (current + leadIds.length > MAX_LEADS_PER_PURCHASE) {
      return fail(
        MarketplaceErrorCode.CART_FULL,
        `A cart holds at most ${MAX_LEADS_PER_PURCHASE.toLocaleString('en-US')} leads (it has ${current.toLocaleString('en-US')}).`,
        ['leadIds'],
      );
    }
    const { rowCount } = await this.pool.query(
      `INSERT INTO cart_items (workspace_id, user_id, lead_id, exclusive)
       SELECT $1, $2, l.id, $4 FROM leads l WHERE l.id = ANY($3::uuid[]) AND l.status = 'LISTED'
       ON CONFLICT (workspace_id, user_id, lead_id) DO UPDATE SET exclusive = EXCLUDED.exclusive`,
      [workspaceId, userId, leadIds, exclusive],
    );
    if ((rowCount ?? 0) === 0) return fail(MarketplaceErrorCode.UNAVAILABLE, 'None of these leads is offered any more.', ['leadIds']);
    return ok(await this.cart(principal, workspaceId));
  }

  async cartRemove(principal: Principal, workspaceId: string, leadIds: string[] | null): Promise<Cart> {
    const { userId } = await this.buyer(principal, workspaceId);
    await this.platform.prisma.cartItem.deleteMany({ where: { workspaceId, userId, ...(leadIds ? { leadId: { in: leadIds } } : {}) } });
    return this.cart(principal, workspaceId);
  }

  /** The cart with prices now, what is no longer available, and what the wallet covers. */
  async cart(principal: Principal, workspaceId: string): Promise<Cart> {
    const { userId } = await this.buyer(principal, workspaceId);
    const { rows } = await this.pool.query<LockedLead & { exclusive: boolean; added_at: Date }>(
      `SELECT l.id, l.status, l.list_price::text, l.sold_count, c.exclusive, c.added_at,
              EXISTS (SELECT 1 FROM lead_purchase_items i WHERE i.workspace_id = c.workspace_id AND i.lead_id = l.id) AS bought
         FROM cart_items c JOIN leads l ON l.id = c.lead_id
        WHERE c.workspace_id = $1 AND c.user_id = $2 ORDER BY c.added_at, l.id`,
      [workspaceId, userId],
    );
    const lines = rows.map((r): CartLine => {
      return {
        leadId: r.id,
        exclusive: r.exclusive,
        addedAt: r.added_at,
        listPrice: r.list_price,
        ...linePrice(r.list_price, r.exclusive),
        unavailable: unavailableReason(r, r.exclusive),
      };
    });
    const buyable = lines.filter((l) => l.unavailable === null);
    const totalUsd = money.add('0', ...buyable.map((l) => l.price));
    const credits = money.add('0', ...buyable.map((l) => l.credits));
    const walletBalance = await this.credits.balance(workspaceId);
    const shortfall = money.subtract(credits, walletBalance);
    return {
      lines,
      leadCount: buyable.length,
      totalUsd,
      credits,
      walletBalance,
      shortfallCredits: money.compare(shortfall, '0') > 0 ? shortfall : '0.0000',
    };
  }

  /**
   * Buys the cart's available leads with the workspace's credits. Leads that became unavailable are
   * left in the cart with their reason; nothing is charged for them.
   */
  async purchase(
    principal: Principal,
    input: {
      workspaceId: string;
      idempotencyKey: string;
      exportMode: 'VALID_ONLY' | 'VALID_AND_CATCH_ALL';
      filters?: Prisma.InputJsonValue | null;
    },
  ): Promise<MarketplaceOutcome<PurchaseRow>> {
    const { userId } = await this.buyer(principal, input.workspaceId);
    if (!/^[\w:.-]{8,100}$/.test(input.idempotencyKey)) {
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'The idempotency key must be 8–100 letters, digits or - _ : .', ['idempotencyKey']);
    }
    const previous = await this.platform.prisma.leadPurchase.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: PURCHASE_SELECT,
    });
    if (previous) {
      return previous.workspaceId === input.workspaceId
        ? ok(previous)
        : fail(MarketplaceErrorCode.INVALID_INPUT, 'This idempotency key was used for another workspace.', ['idempotencyKey']);
    }
    try {
      const purchaseId = await withTransaction(this.pool, (tx) => this.complete(tx, principal, userId, input));
      if (typeof purchaseId !== 'string') return purchaseId;
      const purchase = await this.platform.prisma.leadPurchase.findUniqueOrThrow({ where: { id: purchaseId }, select: PURCHASE_SELECT });
      await this.announce(purchase, userId);
      return ok(purchase);
    } catch (error) {
      if (error instanceof MemberLimitError) return fail(MarketplaceErrorCode.MEMBER_LIMIT, error.message);
      if (error instanceof InsufficientFundsError) {
        const cart = await this.cart(principal, input.workspaceId);
        return fail(
          MarketplaceErrorCode.INSUFFICIENT_CREDITS,
          `This purchase needs ${plain(cart.credits)} credits; the workspace has ${plain(cart.walletBalance)}. Buy ${plain(cart.shortfallCredits)} more credits or remove leads.`,
        );
      }
      // The same key, sent twice at once: the other request made the purchase.
      if (pgError(error).code === '23505' && pgError(error).constraint === 'lead_purchases_idempotency_key_key') {
        const made = await this.platform.prisma.leadPurchase.findUniqueOrThrow({
          where: { idempotencyKey: input.idempotencyKey },
          select: PURCHASE_SELECT,
        });
        return ok(made);
      }
      throw error;
    }
  }

  private async complete(
    tx: Sql,
    principal: Principal,
    userId: string,
    input: { workspaceId: string; idempotencyKey: string; exportMode: string; filters?: Prisma.InputJsonValue | null },
  ): Promise<string | MarketplaceOutcome<never>> {
    // Lock the cart's leads in id order: concurrent checkouts of the same leads queue here.
    const { rows } = await tx.query<LockedLead & { exclusive: boolean }>(
      `SELECT l.id, l.status, l.list_price::text, l.sold_count, c.exclusive,
              EXISTS (SELECT 1 FROM lead_purchase_items i WHERE i.workspace_id = $1 AND i.lead_id = l.id) AS bought
         FROM cart_items c JOIN leads l ON l.id = c.lead_id
        WHERE c.workspace_id = $1 AND c.user_id = $2
        ORDER BY l.id FOR UPDATE OF l`,
      [input.workspaceId, userId],
    );
    if (rows.length === 0) return fail(MarketplaceErrorCode.CART_EMPTY, 'The cart is empty.');
    const buyable = rows.filter((r) => unavailableReason(r, r.exclusive) === null);
    if (buyable.length === 0) {
      return fail(
        MarketplaceErrorCode.UNAVAILABLE,
        'Nothing in the cart can be bought: the leads were bought already or are no longer offered.',
      );
    }
    const lines = buyable.map((r) => {
      return { leadId: r.id, exclusive: r.exclusive, ...linePrice(r.list_price, r.exclusive) };
    });
    const now = new Date();
    const { rows: made } = await tx.query<{ id: string }>(
      `INSERT INTO lead_purchases (workspace_id, buyer_user_id, status, lead_count, total_usd, credits, export_mode, filters,
                                   idempotency_key, completed_at, downloadable_until)
       VALUES ($1, $2, 'COMPLETED', 0, 0, 0, $3::"LeadExportMode", $4::jsonb, $5, $6, $7) RETURNING id`,
      [
        input.workspaceId,
        userId,
        input.exportMode,
        input.filters === undefined || input.filters === null ? null : JSON.stringify(input.filters),
        input.idempotencyKey,
        now,
        new Date(now.getTime() + REDOWNLOAD_DAYS * 86_400_000),
      ],
    );
    const purchaseId = made[0]!.id;
    // The unique (workspace, lead) key is the last word on paying twice.
    const { rows: inserted } = await tx.query<{ lead_id: string }>(
      `INSERT INTO lead_purchase_items (purchase_id, workspace_id, lead_id, price_usd, credits, exclusive)
       SELECT $1, $2, t.lead_id, t.price, t.credits, t.exclusive
         FROM unnest($3::uuid[], $4::numeric[], $5::numeric[], $6::bool[]) AS t(lead_id, price, credits, exclusive)
       ON CONFLICT (workspace_id, lead_id) DO NOTHING RETURNING lead_id`,
      [
        purchaseId,
        input.workspaceId,
        lines.map((l) => l.leadId),
        lines.map((l) => l.price),
        lines.map((l) => l.credits),
        lines.map((l) => l.exclusive),
      ],
    );
    const bought = new Set(inserted.map((r) => r.lead_id));
    const charged = lines.filter((l) => bought.has(l.leadId));
    if (charged.length === 0) return fail(MarketplaceErrorCode.UNAVAILABLE, 'Your workspace has already bought these leads.');
    const totalUsd = money.add('0', ...charged.map((l) => l.price));
    const credits = money.add('0', ...charged.map((l) => l.credits));
    const overLimit = await this.checkMemberLimit(tx, input.workspaceId, userId, credits);
    if (overLimit) throw new MemberLimitError(overLimit);
    await this.credits.spend(
      {
        workspaceId: input.workspaceId,
        credits,
        idempotencyKey: `lead-purchase:${purchaseId}`,
        description: `${charged.length} lead${charged.length === 1 ? '' : 's'} bought`,
        details: { purchaseId },
      },
      tx,
    );
    await tx.query(
      `UPDATE leads SET sold_count = sold_count + 1, first_sold_at = COALESCE(first_sold_at, $2), updated_at = now(),
              exclusive_sold_at = CASE WHEN t.exclusive THEN $2 ELSE exclusive_sold_at END,
              status = CASE WHEN t.exclusive THEN 'DELISTED'::"LeadStatus" ELSE status END
         FROM unnest($1::uuid[], $3::bool[]) AS t(id, exclusive) WHERE leads.id = t.id`,
      [charged.map((l) => l.leadId), now, charged.map((l) => l.exclusive)],
    );
    for (const line of charged) {
      await this.earnings.recordLeadSale(
        { saleRef: `lead-purchase:${purchaseId}:${line.leadId}`, leadId: line.leadId, salePrice: line.price, soldAt: now },
        tx,
      );
    }
    await tx.query(`UPDATE lead_purchases SET lead_count = $2, total_usd = $3, credits = $4 WHERE id = $1`, [
      purchaseId,
      charged.length,
      totalUsd,
      credits,
    ]);
    await tx.query(`DELETE FROM cart_items WHERE workspace_id = $1 AND user_id = $2 AND lead_id = ANY($3::uuid[])`, [
      input.workspaceId,
      userId,
      charged.map((l) => l.leadId),
    ]);
    await recordAuditSql(tx, principal, {
      action: 'leads.purchase',
      targetType: 'LeadPurchase',
      targetId: purchaseId,
      workspaceId: input.workspaceId,
      details: { leads: charged.length, credits },
    });
    return purchaseId;
  }

  async purchases(
    principal: Principal,
    workspaceId: string,
    page: { first: number; after: CreatedAtCursor | null },
  ): Promise<{ rows: PurchaseRow[]; total: number }> {
    await this.workspaces.viewable(principal, workspaceId);
    const where = { workspaceId };
    const [rows, total] = await Promise.all([
      this.platform.prisma.leadPurchase.findMany({
        where: afterCursor(where, page.after),
        orderBy: NEWEST_FIRST,
        take: page.first,
        select: PURCHASE_SELECT,
      }),
      this.platform.prisma.leadPurchase.count({ where }),
    ]);
    return { rows, total };
  }

  /** The purchase, when the principal is a member of its workspace and it is still downloadable. */
  async downloadable(principal: Principal, purchaseId: string): Promise<PurchaseRow> {
    const purchase = await this.platform.prisma.leadPurchase.findUnique({ where: { id: purchaseId }, select: PURCHASE_SELECT });
    if (!purchase) throw notFound('Purchase');
    const { role } = await this.workspaces.viewable(principal, purchase.workspaceId).catch(() => ({ role: null }));
    if (!role && !(principal.kind === 'apiKey' && principal.workspaceId === purchase.workspaceId)) throw notFound('Purchase');
    if (purchase.status !== 'COMPLETED') throw notFound('Purchase');
    if (purchase.downloadableUntil && purchase.downloadableUntil < new Date()) {
      throw forbidden(`Downloads of this purchase ended on ${purchase.downloadableUntil.toISOString().slice(0, 10)} (90 days).`);
    }
    return purchase;
  }

  /** The purchase's leads as export rows, in batches of 1,000; emails outside the export mode are left out. */
  async *purchasedLeads(purchase: PurchaseRow): AsyncGenerator<Record<string, string | number | null>[]> {
    const accepted = purchase.exportMode === 'VALID_AND_CATCH_ALL' ? ['VALID', 'CATCH_ALL'] : ['VALID'];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<Record<string, string | number | null> & { lead_id: string }>(
        `SELECT i.lead_id, l.first_name, l.last_name,
                CASE WHEN l.verification_status::text = ANY($3::text[]) THEN l.email END AS email,
                l.phone, l.job_title, l.seniority::text AS seniority, l.company_name, l.company_domain, l.company_employee_count,
                ind.name AS industry, l.country, l.state, l.city, l.postal_code, l.linkedin_url,
                lower(l.verification_status::text) AS email_status, l.intent_score, l.freshness_score, i.price_usd::text AS price_usd,
                l.source, to_char(l.collected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS collected_at, l.lawful_basis
           FROM lead_purchase_items i JOIN leads l ON l.id = i.lead_id LEFT JOIN industries ind ON ind.id = l.industry_id
          WHERE i.purchase_id = $1 AND i.lead_id > $2 ORDER BY i.lead_id LIMIT 1000`,
        [purchase.id, after, accepted],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.lead_id;
    }
  }

  /**
   * Team controls: a member with a monthly credit limit may not spend past it this calendar month
   * (UTC). The membership row is locked, so two checkouts by the same member are counted one after
   * the other. Returns the refusal in words, or null.
   */
  private async checkMemberLimit(tx: Sql, workspaceId: string, userId: string, credits: string): Promise<string | null> {
    const { rows } = await tx.query<{ limit: string | null; spent: string }>(
      `SELECT m.monthly_credit_limit::text AS "limit",
              COALESCE((SELECT sum(p.credits) FROM lead_purchases p
                         WHERE p.workspace_id = m.workspace_id AND p.buyer_user_id = m.user_id AND p.status = 'COMPLETED'
                           AND p.completed_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::text AS spent
         FROM workspace_memberships m WHERE m.workspace_id = $1 AND m.user_id = $2 FOR UPDATE OF m`,
      [workspaceId, userId],
    );
    const row = rows[0];
    if (!row?.limit) return null;
    if (money.compare(money.add(row.spent, credits), row.limit) <= 0) return null;
    return `Your monthly limit is ${plain(row.limit)} credits and you have used ${plain(row.spent)} this month; this purchase needs ${plain(credits)}. Ask a workspace owner to raise the limit.`;
  }

  /** Owners set (or clear, with null) a member's monthly credit limit. */
  async setMemberLimit(
    principal: Principal,
    workspaceId: string,
    userId: string,
    limit: string | null,
  ): Promise<MarketplaceOutcome<{ limit: string | null }>> {
    const { role } = await this.workspaces.viewable(principal, workspaceId);
    if (role !== 'OWNER') return fail(MarketplaceErrorCode.NOT_ALLOWED, 'Only workspace owners set spending limits.');
    if (limit !== null && !/^\d{1,9}(\.\d{1,4})?$/.test(limit)) {
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'The limit is a number of credits from 0 up, e.g. 500.', ['monthlyCreditLimit']);
    }
    const updated = await this.platform.prisma.workspaceMembership.updateMany({
      where: { workspaceId, userId },
      data: { monthlyCreditLimit: limit },
    });
    if (updated.count === 0) return fail(MarketplaceErrorCode.INVALID_INPUT, 'That person is not a member of this workspace.', ['userId']);
    await recordAudit(this.platform.prisma, principal, {
      action: 'workspace.member_credit_limit',
      targetType: 'User',
      targetId: userId,
      workspaceId,
      details: { monthlyCreditLimit: limit },
    });
    return ok({ limit });
  }

  /** After the commit: the buyer's confirmation email (once per purchase) and the live event. */
  private async announce(purchase: PurchaseRow, userId: string): Promise<void> {
    const [user, workspace] = await Promise.all([
      this.platform.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } }),
      this.platform.prisma.workspace.findUniqueOrThrow({ where: { id: purchase.workspaceId }, select: { name: true } }),
    ]);
    await this.platform.mail.send({
      idempotencyKey: `lead-purchase:${purchase.id}:confirmation`,
      to: user.email,
      template: 'purchaseConfirmation',
      data: {
        name: user.name,
        leadCount: purchase.leadCount,
        credits: plain(purchase.credits.toString()),
        workspaceName: workspace.name,
        url: `${this.platform.config.publicUrl}/buyer/workspaces/${encodeURIComponent(toGlobalId('Workspace', purchase.workspaceId))}/purchases`,
      },
    });
    this.platform.pubsub.publish(Topic.LEAD_PURCHASE_COMPLETED, purchase.workspaceId, { purchaseId: purchase.id });
  }
}
