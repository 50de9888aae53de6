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
import { workspacePolicy } from '../identity/tenancy.policy.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { accounts } from '../money/ledger.accounts.js';
import { InsufficientFundsError, transfer, type LedgerService } from '../money/ledger.service.js';
import type { CreditPurchaseRow, CreditsService } from '../money/credits.service.js';
import type { EarningsService } from '../money/earnings.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';

/** One purchase holds at most this many leads (product §2: "capped at 10,000 per purchase"). */
export const MAX_LEADS_PER_PURCHASE = 10_000;
/** Bought leads can be downloaded again for this long. */
export const REDOWNLOAD_DAYS = 90;
/** The job that makes a purchase's CSV (see export.service.ts). */
export const EXPORT_JOB = 'marketplace.export';

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
  reservedCredits: true,
  creditPurchaseId: true,
  refundedCredits: true,
  exportStatus: true,
  exportFile: true,
  exportRows: true,
  exportedAt: true,
  exportError: true,
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
/** Every lead of a purchase awaiting payment became unavailable before the card paid. */
class NothingLeftError extends Error {}
/** A refusal found after the transaction wrote something: thrown so the transaction rolls back. */
class Refused extends Error {
  constructor(readonly outcome: MarketplaceOutcome<never>) {
    super('refused');
  }
}

/** Team controls: the member and the owners are told when a member's spend crosses these shares of the limit. */
export const SPEND_ALERT_PERCENTS = [80, 100] as const;

/** The smallest card payment at checkout, in credits ($0.50: Stripe's minimum charge in USD). */
export const MIN_CARD_CREDITS = 5;
/** A purchase waiting for its card payment longer than this is reconciled and, if unpaid, cancelled. */
export const AWAITING_PAYMENT_HOURS = 24;

export class CheckoutService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
    private readonly credits: CreditsService,
    private readonly earnings: EarningsService,
    private readonly ledger: LedgerService,
  ) {
    credits.onSettled((purchase, outcome, tx) => this.settle(purchase, outcome, tx));
  }

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** A member of a buyer workspace (the cart and purchases belong to a person in a workspace). */
  private async buyer(principal: Principal, workspaceId: string): Promise<{ userId: string; canPayByCard: boolean }> {
    if (principal.kind !== 'user') throw forbidden('Purchases are made by people signed in to a workspace.');
    const { workspace, role } = await this.workspaces.viewable(principal, workspaceId);
    if (!role) throw forbidden('Only members of the workspace buy for it.');
    if (workspace.kind !== 'BUYER') throw forbidden('Only buyer workspaces buy leads.');
    // Paying by card buys credits, which only owners and admins do (money policy).
    return { userId: principal.userId, canPayByCard: workspacePolicy.canBuyCredits(role) };
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
   * Buys the cart's available leads. With credits only, it completes at once or is refused for the
   * shortfall. With `payShortfallByCard`, the wallet's credits are reserved (moved out of the wallet,
   * so nothing else spends them), the purchase waits for the card to pay the rest, and completes when
   * the provider confirms the payment (settle) — or is cancelled and the reservation released when the
   * payment fails. Leads that became unavailable stay in the cart with their reason; nothing is
   * charged for them.
   */
  async purchase(
    principal: Principal,
    input: {
      workspaceId: string;
      idempotencyKey: string;
      exportMode: 'VALID_ONLY' | 'VALID_AND_CATCH_ALL';
      filters?: Prisma.InputJsonValue | null;
      payShortfallByCard?: boolean;
    },
  ): Promise<MarketplaceOutcome<{ purchase: PurchaseRow; checkoutUrl: string | null }>> {
    const { userId, canPayByCard } = await this.buyer(principal, input.workspaceId);
    if (!/^[\w:.-]{8,100}$/.test(input.idempotencyKey)) {
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'The idempotency key must be 8–100 letters, digits or - _ : .', ['idempotencyKey']);
    }
    if (input.payShortfallByCard && !canPayByCard) {
      return fail(MarketplaceErrorCode.NOT_ALLOWED, 'Only workspace owners and admins pay by card; ask one of them to add credits.');
    }
    const previous = await this.platform.prisma.leadPurchase.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: PURCHASE_SELECT,
    });
    if (previous) {
      if (previous.workspaceId === input.workspaceId) await this.ensureExport(previous);
      return previous.workspaceId === input.workspaceId
        ? ok({ purchase: previous, checkoutUrl: await this.checkoutUrlOf(previous) })
        : fail(MarketplaceErrorCode.INVALID_INPUT, 'This idempotency key was used for another workspace.', ['idempotencyKey']);
    }
    try {
      const made = await withTransaction(this.pool, (tx) => this.begin(tx, principal, userId, input));
      if ('ok' in made) return made;
      const purchase = await this.platform.prisma.leadPurchase.findUniqueOrThrow({
        where: { id: made.purchaseId },
        select: PURCHASE_SELECT,
      });
      if (purchase.status === 'COMPLETED') {
        this.credits.walletChanged(input.workspaceId);
        await this.announce(purchase);
        return ok({ purchase, checkoutUrl: null });
      }
      this.credits.walletChanged(input.workspaceId);
      try {
        return ok({ purchase, checkoutUrl: await this.openCheckout(purchase) });
      } catch (error) {
        this.platform.log.error({ err: { message: (error as Error).message }, purchaseId: purchase.id }, 'card checkout start failed');
        await this.cancelAwaiting(purchase.id, 'The payment provider could not start the card payment; nothing was charged.');
        return fail(
          MarketplaceErrorCode.PAYMENT_FAILED,
          'The payment provider is unavailable; nothing was charged and your credits are back. Try again shortly.',
        );
      }
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      if (error instanceof MemberLimitError) return fail(MarketplaceErrorCode.MEMBER_LIMIT, error.message);
      if (error instanceof InsufficientFundsError) {
        const cart = await this.cart(principal, input.workspaceId);
        return fail(
          MarketplaceErrorCode.INSUFFICIENT_CREDITS,
          `This purchase needs ${plain(cart.credits)} credits; the workspace has ${plain(cart.walletBalance)}. Pay the rest by card, buy ${plain(cart.shortfallCredits)} more credits or remove leads.`,
        );
      }
      // The same key, sent twice at once: the other request made the purchase.
      if (pgError(error).code === '23505' && pgError(error).constraint === 'lead_purchases_idempotency_key_key') {
        const made = await this.platform.prisma.leadPurchase.findUniqueOrThrow({
          where: { idempotencyKey: input.idempotencyKey },
          select: PURCHASE_SELECT,
        });
        return ok({ purchase: made, checkoutUrl: await this.checkoutUrlOf(made) });
      }
      throw error;
    }
  }

  /** Where the buyer pays the rest of a purchase awaiting its card payment. */
  private async checkoutUrlOf(purchase: PurchaseRow): Promise<string | null> {
    if (purchase.status !== 'AWAITING_PAYMENT' || !purchase.creditPurchaseId) return null;
    const existing = (await this.credits.purchase(purchase.creditPurchaseId))?.checkoutUrl;
    if (existing) return existing;
    // The first request died before the provider made the page: make it now (its key is idempotent).
    return this.openCheckout(purchase).catch((error: Error) => {
      this.platform.log.warn({ err: { message: error.message }, purchaseId: purchase.id }, 'card checkout page still unavailable');
      return null;
    });
  }

  /** A completed purchase whose CSV job may have been lost (a crash after the commit): queue it again. */
  private async ensureExport(purchase: PurchaseRow): Promise<void> {
    if (purchase.status === 'COMPLETED' && purchase.exportStatus === 'PREPARING') {
      await this.platform.jobs.send(EXPORT_JOB, { purchaseId: purchase.id }, { singletonKey: `export:${purchase.id}` });
    }
  }

  private async openCheckout(purchase: PurchaseRow): Promise<string> {
    const back =
      `${this.platform.config.publicUrl}/buyer/checkout/result?purchase=${encodeURIComponent(toGlobalId('LeadPurchase', purchase.id))}` +
      `&workspace=${encodeURIComponent(toGlobalId('Workspace', purchase.workspaceId))}`;
    return this.credits.openCardCheckout(
      purchase.creditPurchaseId!,
      { successUrl: `${back}&result=success`, cancelUrl: `${back}&result=cancelled` },
      { leadPurchaseId: purchase.id },
    );
  }

  /**
   * Inside one transaction: locks the cart's leads, records the purchase and its items, then either
   * spends the credits and completes, or reserves what the wallet has and creates the card payment
   * for the rest.
   */
  private async begin(
    tx: Sql,
    principal: Principal,
    userId: string,
    input: {
      workspaceId: string;
      idempotencyKey: string;
      exportMode: string;
      filters?: Prisma.InputJsonValue | null;
      payShortfallByCard?: boolean;
    },
  ): Promise<{ purchaseId: string } | MarketplaceOutcome<never>> {
    // The wallet first, then the leads: the payment webhook takes them in that order too (it credits the
    // wallet, then settles), so the two never deadlock. Checkouts of one workspace queue here.
    const wallet = await this.lockedWalletBalance(tx, input.workspaceId);
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
    const { rows: made } = await tx.query<{ id: string }>(
      `INSERT INTO lead_purchases (workspace_id, buyer_user_id, status, lead_count, total_usd, credits, export_mode, filters, idempotency_key)
       VALUES ($1, $2, 'AWAITING_PAYMENT', 0, 0, 0, $3::"LeadExportMode", $4::jsonb, $5) RETURNING id`,
      [
        input.workspaceId,
        userId,
        input.exportMode,
        input.filters === undefined || input.filters === null ? null : JSON.stringify(input.filters),
        input.idempotencyKey,
      ],
    );
    const purchaseId = made[0]!.id;
    // The unique (workspace, lead) key is the last word on paying twice; it also holds the leads for
    // this workspace while a card payment is under way.
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
    // A concurrent checkout of the same workspace took them (its items committed after our lock read):
    // refuse, and roll back the purchase row inserted above.
    if (charged.length === 0) throw new Refused(fail(MarketplaceErrorCode.UNAVAILABLE, 'Your workspace has already bought these leads.'));
    const totalUsd = money.add('0', ...charged.map((l) => l.price));
    const credits = money.add('0', ...charged.map((l) => l.credits));
    await tx.query(`UPDATE lead_purchases SET lead_count = $2, total_usd = $3, credits = $4 WHERE id = $1`, [
      purchaseId,
      charged.length,
      totalUsd,
      credits,
    ]);
    const overLimit = await this.checkMemberLimit(tx, input.workspaceId, userId, credits, purchaseId);
    if (overLimit) throw new MemberLimitError(overLimit);

    if (!input.payShortfallByCard || money.compare(wallet, credits) >= 0) {
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
      await this.complete(tx, principal, purchaseId);
      return { purchaseId };
    }
    // Partial payment: reserve what the wallet has; the card buys the rest as credits (whole credits,
    // at least the provider's minimum charge), spent together with the reservation when paid.
    const reserved = wallet;
    if (money.compare(reserved, '0') > 0) {
      await this.ledger.post(
        {
          idempotencyKey: `lead-purchase:${purchaseId}:reserve`,
          kind: 'CREDIT_RESERVE',
          description: `Credits held for ${charged.length} lead${charged.length === 1 ? '' : 's'} while the card pays the rest`,
          details: { workspaceId: input.workspaceId, purchaseId },
          postings: transfer(accounts.workspaceCredits(input.workspaceId), accounts.workspaceCreditsReserved(input.workspaceId), reserved),
        },
        tx,
      );
    }
    const cardCredits = Math.max(MIN_CARD_CREDITS, Math.ceil(Number(money.subtract(credits, reserved))));
    const creditPurchaseId = await this.credits.createCardPurchase(
      {
        workspaceId: input.workspaceId,
        credits: cardCredits,
        description: `${cardCredits.toLocaleString('en-US')} credits for ${charged.length.toLocaleString('en-US')} lead${charged.length === 1 ? '' : 's'}`,
        userId,
      },
      tx,
    );
    await tx.query(`UPDATE lead_purchases SET reserved_credits = $2, credit_purchase_id = $3 WHERE id = $1`, [
      purchaseId,
      reserved,
      creditPurchaseId,
    ]);
    await recordAuditSql(tx, principal, {
      action: 'leads.purchase_card_started',
      targetType: 'LeadPurchase',
      targetId: purchaseId,
      workspaceId: input.workspaceId,
      details: { leads: charged.length, credits, reservedCredits: reserved, cardCredits },
    });
    return { purchaseId };
  }

  /** The wallet's balance, locked until the transaction ends (the reservation takes exactly it). */
  private async lockedWalletBalance(tx: Sql, workspaceId: string): Promise<string> {
    const walletId = await this.ledger.accountId(accounts.workspaceCredits(workspaceId), tx);
    const { rows } = await tx.query<{ balance: string }>(`SELECT balance::text AS balance FROM ledger_accounts WHERE id = $1 FOR UPDATE`, [
      walletId,
    ]);
    return money.add(rows[0]?.balance ?? '0');
  }

  /**
   * The rest of a purchase once it is paid: the leads marked sold (an exclusive purchase delists
   * them), the partners' commissions in one batch, the cart emptied of what was bought, the audit.
   */
  private async complete(tx: Sql, principal: Principal | 'SYSTEM', purchaseId: string): Promise<void> {
    const now = new Date();
    const { rows: purchaseRows } = await tx.query<{ workspace_id: string; buyer_user_id: string | null; credits: string }>(
      `UPDATE lead_purchases SET status = 'COMPLETED', completed_at = $2, downloadable_until = $3, reserved_credits = 0
        WHERE id = $1 RETURNING workspace_id, buyer_user_id, credits::text`,
      [purchaseId, now, new Date(now.getTime() + REDOWNLOAD_DAYS * 86_400_000)],
    );
    const purchase = purchaseRows[0]!;
    const { rows: items } = await tx.query<{ lead_id: string; price_usd: string; exclusive: boolean }>(
      `SELECT lead_id, price_usd::text, exclusive FROM lead_purchase_items WHERE purchase_id = $1`,
      [purchaseId],
    );
    await tx.query(
      `UPDATE leads SET sold_count = sold_count + 1, first_sold_at = COALESCE(first_sold_at, $2), updated_at = now(),
              exclusive_sold_at = CASE WHEN t.exclusive THEN $2 ELSE exclusive_sold_at END,
              status = CASE WHEN t.exclusive THEN 'DELISTED'::"LeadStatus" ELSE status END
         FROM unnest($1::uuid[], $3::bool[]) AS t(id, exclusive) WHERE leads.id = t.id`,
      [items.map((i) => i.lead_id), now, items.map((i) => i.exclusive)],
    );
    await this.earnings.recordLeadSales(
      { saleRef: `lead-purchase:${purchaseId}`, soldAt: now, lines: items.map((i) => ({ leadId: i.lead_id, salePrice: i.price_usd })) },
      tx,
    );
    if (purchase.buyer_user_id) {
      await tx.query(`DELETE FROM cart_items WHERE workspace_id = $1 AND user_id = $2 AND lead_id = ANY($3::uuid[])`, [
        purchase.workspace_id,
        purchase.buyer_user_id,
        items.map((i) => i.lead_id),
      ]);
    }
    await recordAuditSql(tx, principal, {
      action: 'leads.purchase',
      targetType: 'LeadPurchase',
      targetId: purchaseId,
      workspaceId: purchase.workspace_id,
      details: { leads: items.length, credits: purchase.credits },
    });
  }

  /**
   * The card top-up of a purchase awaiting payment was paid (inside the webhook's transaction): the
   * reservation and the rest from the wallet are spent in one entry and the purchase completes. Leads
   * that became unavailable meanwhile are dropped and not charged; their credits stay in the wallet.
   * When the wallet cannot cover the rest any more, or nothing is left to buy, the purchase fails and
   * the reservation is released — the card's credits are in the wallet either way, never lost.
   */
  private async settle(creditPurchase: CreditPurchaseRow, outcome: 'credited' | 'failed', tx: Sql): Promise<(() => Promise<void>) | void> {
    const { rows } = await tx.query<{ id: string; workspace_id: string; status: string; reserved_credits: string }>(
      `SELECT id, workspace_id, status, reserved_credits::text FROM lead_purchases WHERE credit_purchase_id = $1 FOR UPDATE`,
      [creditPurchase.id],
    );
    const purchase = rows[0];
    if (!purchase || purchase.status !== 'AWAITING_PAYMENT') return;
    if (outcome === 'failed') {
      await this.release(tx, purchase.id, creditPurchase.failureReason ?? 'The card payment did not go through.');
      return this.after(purchase.id);
    }
    await tx.query('SAVEPOINT settle');
    try {
      const { rows: items } = await tx.query<LockedLead & { exclusive: boolean; credits: string; price_usd: string }>(
        `SELECT l.id, l.status, l.list_price::text, l.sold_count, i.exclusive, false AS bought, i.credits::text, i.price_usd::text
           FROM lead_purchase_items i JOIN leads l ON l.id = i.lead_id WHERE i.purchase_id = $1 ORDER BY l.id FOR UPDATE OF l`,
        [purchase.id],
      );
      const gone = items.filter((i) => unavailableReason(i, i.exclusive) !== null);
      const kept = items.filter((i) => unavailableReason(i, i.exclusive) === null);
      if (kept.length === 0) throw new NothingLeftError();
      if (gone.length > 0) {
        await tx.query(`DELETE FROM lead_purchase_items WHERE purchase_id = $1 AND lead_id = ANY($2::uuid[])`, [
          purchase.id,
          gone.map((i) => i.id),
        ]);
      }
      const credits = money.add('0', ...kept.map((i) => i.credits));
      await tx.query(`UPDATE lead_purchases SET lead_count = $2, total_usd = $3, credits = $4 WHERE id = $1`, [
        purchase.id,
        kept.length,
        money.add('0', ...kept.map((i) => i.price_usd)),
        credits,
      ]);
      const fromReserve = money.compare(purchase.reserved_credits, credits) <= 0 ? purchase.reserved_credits : credits;
      const fromWallet = money.subtract(credits, fromReserve);
      const reserveLeft = money.subtract(purchase.reserved_credits, fromReserve);
      const postings = [
        ...(money.compare(fromReserve, '0') > 0
          ? transfer(accounts.workspaceCreditsReserved(purchase.workspace_id), accounts.creditsRedeemed, fromReserve)
          : []),
        ...(money.compare(fromWallet, '0') > 0
          ? transfer(accounts.workspaceCredits(purchase.workspace_id), accounts.creditsRedeemed, fromWallet)
          : []),
        ...(money.compare(reserveLeft, '0') > 0
          ? transfer(
              accounts.workspaceCreditsReserved(purchase.workspace_id),
              accounts.workspaceCredits(purchase.workspace_id),
              reserveLeft,
            )
          : []),
      ];
      await this.ledger.post(
        {
          idempotencyKey: `lead-purchase:${purchase.id}`,
          kind: 'CREDIT_SPEND',
          description: `${kept.length} lead${kept.length === 1 ? '' : 's'} bought (credits and card)`,
          details: {
            workspaceId: purchase.workspace_id,
            purchaseId: purchase.id,
            creditPurchaseId: creditPurchase.id,
            dropped: gone.length,
          },
          postings,
        },
        tx,
      );
      await this.complete(tx, 'SYSTEM', purchase.id);
      await tx.query('RELEASE SAVEPOINT settle');
    } catch (error) {
      if (!(error instanceof InsufficientFundsError) && !(error instanceof NothingLeftError)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT settle');
      await this.release(
        tx,
        purchase.id,
        error instanceof NothingLeftError
          ? 'The leads were no longer available when the card payment arrived; the credits it bought are in your wallet.'
          : 'The wallet no longer covered the rest when the card payment arrived; the credits it bought are in your wallet.',
      );
    }
    return this.after(purchase.id);
  }

  /** After a settlement commits: the wallet and the buyer hear about it. */
  private after(purchaseId: string): () => Promise<void> {
    return async () => {
      const purchase = await this.platform.prisma.leadPurchase.findUniqueOrThrow({ where: { id: purchaseId }, select: PURCHASE_SELECT });
      this.credits.walletChanged(purchase.workspaceId);
      if (purchase.status === 'COMPLETED') await this.announce(purchase);
      else this.platform.pubsub.publish(Topic.LEAD_PURCHASE_COMPLETED, purchase.workspaceId, { purchaseId: purchase.id });
    };
  }

  /** Fails a purchase awaiting payment: its reservation goes back to the wallet, its items are freed. */
  private async release(tx: Sql, purchaseId: string, reason: string): Promise<void> {
    const { rows } = await tx.query<{ workspace_id: string; reserved_credits: string }>(
      `SELECT workspace_id, reserved_credits::text FROM lead_purchases WHERE id = $1 AND status = 'AWAITING_PAYMENT' FOR UPDATE`,
      [purchaseId],
    );
    const purchase = rows[0];
    if (!purchase) return;
    await tx.query(`UPDATE lead_purchases SET status = 'FAILED', failure_reason = $2, reserved_credits = 0 WHERE id = $1`, [
      purchaseId,
      reason,
    ]);
    if (money.compare(purchase.reserved_credits, '0') > 0) {
      await this.ledger.post(
        {
          idempotencyKey: `lead-purchase:${purchaseId}:release`,
          kind: 'CREDIT_RESERVE_RELEASE',
          description: 'Held credits back in the wallet (the card payment did not complete)',
          details: { workspaceId: purchase.workspace_id, purchaseId, reason },
          postings: transfer(
            accounts.workspaceCreditsReserved(purchase.workspace_id),
            accounts.workspaceCredits(purchase.workspace_id),
            purchase.reserved_credits,
          ),
        },
        tx,
      );
    }
    await tx.query(`DELETE FROM lead_purchase_items WHERE purchase_id = $1`, [purchaseId]);
  }

  /** Cancels a purchase awaiting its card payment (the buyer left the payment page, or it went stale). */
  async cancelAwaiting(purchaseId: string, reason: string): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      // Locks in the payment webhook's order (wallet, then purchase), so the two never deadlock.
      const { rows } = await tx.query<{ workspace_id: string }>(`SELECT workspace_id FROM lead_purchases WHERE id = $1`, [purchaseId]);
      if (rows[0]) await this.lockedWalletBalance(tx, rows[0].workspace_id);
      await tx.query(`SELECT 1 FROM lead_purchases WHERE id = $1 FOR UPDATE`, [purchaseId]);
      await this.release(tx, purchaseId, reason);
    });
    await this.after(purchaseId)().catch((error: Error) =>
      this.platform.log.warn({ err: { message: error.message }, purchaseId }, 'follow-up of a cancelled purchase failed'),
    );
  }

  /** The buyer gives up on paying by card: the held credits return to the wallet at once. */
  async cancelByBuyer(principal: Principal, purchaseId: string): Promise<MarketplaceOutcome<PurchaseRow>> {
    const purchase = await this.platform.prisma.leadPurchase.findUnique({ where: { id: purchaseId }, select: PURCHASE_SELECT });
    if (!purchase) throw notFound('LeadPurchase');
    const { userId, canPayByCard } = await this.buyer(principal, purchase.workspaceId).catch(() => {
      throw notFound('LeadPurchase');
    });
    // The person paying, or an owner or admin; not any member.
    if (purchase.buyerUserId !== userId && !canPayByCard) {
      return fail(MarketplaceErrorCode.NOT_ALLOWED, 'Only the person paying, or a workspace owner or admin, can cancel this payment.');
    }
    if (purchase.status !== 'AWAITING_PAYMENT') {
      return fail(MarketplaceErrorCode.NOT_ALLOWED, 'Only a purchase waiting for its card payment can be cancelled.');
    }
    // A payment that went through meanwhile completes the purchase instead.
    if (purchase.creditPurchaseId) await this.credits.reconcileNow({ purchaseId: purchase.creditPurchaseId });
    await this.cancelAwaiting(purchaseId, 'Cancelled by the buyer before paying.');
    return ok(await this.platform.prisma.leadPurchase.findUniqueOrThrow({ where: { id: purchaseId }, select: PURCHASE_SELECT }));
  }

  /**
   * The sweep: purchases still waiting for their card after a day are reconciled with the provider
   * (a lost webhook) and, when still unpaid, cancelled so their credits come back.
   */
  async sweepAwaiting(now = new Date()): Promise<number> {
    const stale = await this.platform.prisma.leadPurchase.findMany({
      where: { status: 'AWAITING_PAYMENT', createdAt: { lt: new Date(now.getTime() - AWAITING_PAYMENT_HOURS * 3_600_000) } },
      select: { id: true, creditPurchaseId: true },
      take: 100,
    });
    for (const p of stale) {
      // One provider error must not hold up the others; the next sweep tries it again.
      try {
        if (p.creditPurchaseId) await this.credits.reconcileNow({ purchaseId: p.creditPurchaseId });
        await this.cancelAwaiting(p.id, 'The card payment was not completed within a day.');
      } catch (error) {
        this.platform.log.warn({ err: { message: (error as Error).message }, purchaseId: p.id }, 'stale card purchase not settled');
      }
    }
    return stale.length;
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
  async purchaseRow(purchaseId: string): Promise<PurchaseRow | null> {
    return this.platform.prisma.leadPurchase.findUnique({ where: { id: purchaseId }, select: PURCHASE_SELECT });
  }

  /** A purchase of a workspace the principal belongs to (a member, or the workspace's API key). */
  async viewablePurchase(principal: Principal, purchaseId: string): Promise<PurchaseRow> {
    const purchase = await this.platform.prisma.leadPurchase.findUnique({ where: { id: purchaseId }, select: PURCHASE_SELECT });
    if (!purchase) throw notFound('Purchase');
    const { role } = await this.workspaces.viewable(principal, purchase.workspaceId).catch(() => ({ role: null }));
    if (!role && !(principal.kind === 'apiKey' && principal.workspaceId === purchase.workspaceId)) throw notFound('Purchase');
    return purchase;
  }

  /** The purchase, when the principal may see it and it is completed and still downloadable. */
  async downloadable(principal: Principal, purchaseId: string): Promise<PurchaseRow> {
    const purchase = await this.viewablePurchase(principal, purchaseId);
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
          WHERE i.purchase_id = $1 AND i.lead_id > $2 AND i.refunded_at IS NULL AND l.status <> 'SUPPRESSED'
          ORDER BY i.lead_id LIMIT 1000`,
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
  private async checkMemberLimit(
    tx: Sql,
    workspaceId: string,
    userId: string,
    credits: string,
    purchaseId: string,
  ): Promise<string | null> {
    const { rows } = await tx.query<{ limit: string | null; spent: string }>(
      `SELECT m.monthly_credit_limit::text AS "limit",
              COALESCE((SELECT sum(p.credits) FROM lead_purchases p
                         WHERE p.workspace_id = m.workspace_id AND p.buyer_user_id = m.user_id
                           AND p.status IN ('COMPLETED', 'AWAITING_PAYMENT') AND p.id <> $3
                           AND COALESCE(p.completed_at, p.created_at) >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::text AS spent
         FROM workspace_memberships m WHERE m.workspace_id = $1 AND m.user_id = $2 FOR UPDATE OF m`,
      [workspaceId, userId, purchaseId],
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

  /** After the commit: the CSV job, the buyer's confirmation email (once per purchase) and the live event. */
  private async announce(purchase: PurchaseRow): Promise<void> {
    await this.platform.jobs.send(EXPORT_JOB, { purchaseId: purchase.id }, { singletonKey: `export:${purchase.id}` });
    if (!purchase.buyerUserId) return;
    const [user, workspace] = await Promise.all([
      this.platform.prisma.user.findUniqueOrThrow({ where: { id: purchase.buyerUserId }, select: { email: true, name: true } }),
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
    await this.spendAlerts(purchase);
  }

  /**
   * Spend alerts (product §2, team controls): when this purchase takes its buyer past 80 % or 100 % of
   * a monthly credit limit, the buyer and the workspace's owners get an email — once per threshold
   * per month (the outbox key).
   */
  private async spendAlerts(purchase: PurchaseRow): Promise<void> {
    if (!purchase.buyerUserId) return;
    const { rows } = await this.pool.query<{ limit: string | null; spent: string; membership_id: string }>(
      `SELECT m.id AS membership_id, m.monthly_credit_limit::text AS "limit",
              COALESCE((SELECT sum(p.credits) FROM lead_purchases p
                         WHERE p.workspace_id = m.workspace_id AND p.buyer_user_id = m.user_id AND p.status = 'COMPLETED'
                           AND p.completed_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::text AS spent
         FROM workspace_memberships m WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [purchase.workspaceId, purchase.buyerUserId],
    );
    const row = rows[0];
    if (!row?.limit || money.compare(row.limit, '0') <= 0) return;
    const before = money.subtract(row.spent, money.add(purchase.credits.toString()));
    const crossed = SPEND_ALERT_PERCENTS.filter((percent) => {
      const threshold = money.multiply(row.limit!, String(percent / 100));
      return money.compare(before, threshold) < 0 && money.compare(row.spent, threshold) >= 0;
    });
    if (crossed.length === 0) return;
    const percent = crossed[crossed.length - 1]!;
    const month = new Date().toISOString().slice(0, 7);
    const [member, workspace, owners] = await Promise.all([
      this.platform.prisma.user.findUniqueOrThrow({ where: { id: purchase.buyerUserId }, select: { id: true, email: true, name: true } }),
      this.platform.prisma.workspace.findUniqueOrThrow({ where: { id: purchase.workspaceId }, select: { name: true } }),
      this.platform.prisma.workspaceMembership.findMany({
        where: { workspaceId: purchase.workspaceId, role: 'OWNER' },
        select: { user: { select: { id: true, email: true, name: true } } },
      }),
    ]);
    const recipients = new Map([[member.id, member], ...owners.map((o): [string, typeof member] => [o.user.id, o.user])]);
    for (const person of recipients.values()) {
      await this.platform.mail.send({
        idempotencyKey: `spend-alert:${row.membership_id}:${month}:${percent}:${person.id}`,
        to: person.email,
        template: 'spendAlert',
        data: {
          name: person.name,
          memberName: member.name,
          percent,
          spent: plain(row.spent),
          limit: plain(row.limit),
          workspaceName: workspace.name,
          url: `${this.platform.config.publicUrl}/buyer/workspaces/${encodeURIComponent(toGlobalId('Workspace', purchase.workspaceId))}`,
        },
      });
    }
  }
}
