// Credits: packages, the wallet, purchases through the payment provider, spends and refunds, admin
// adjustments and auto-reload. Every credit that moves goes through the ledger; a purchase is credited
// once (its ledger entry's idempotency key), whatever order and however often the provider's events
// arrive, because each event only makes us re-read the provider's current state and reconcile to it.
import { csvCell, money } from '@hotlead/domain';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit, recordAuditSql } from '../../platform/audit.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import { notFound, rateLimited } from '../../platform/graphql/errors.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import { workspacePolicy } from '../identity/tenancy.policy.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { accounts, type AccountSpec, type EntryKind } from './ledger.accounts.js';
import { InsufficientFundsError, transfer, type LedgerService } from './ledger.service.js';
import { fail, MoneyErrorCode, ok, type MoneyOutcome } from './money.errors.js';
import { PaymentDeclinedError, type PaymentGateway, type PaymentIntentState } from './payments/gateway.js';

/** Product §3 and the issue: at most 5 credit purchases per workspace per hour. */
export const PURCHASE_RATE_LIMIT: RateLimitRule = { name: 'credits:purchase', limit: 5, windowMs: 60 * 60 * 1000 };
export const AUTO_RELOAD_JOB = 'credits.auto-reload';
const CSV_ROW_LIMIT = 100_000;

export interface CreditPurchaseRow {
  id: string;
  workspaceId: string;
  packageName: string;
  credits: number;
  amountCents: number;
  kind: 'CHECKOUT' | 'AUTO_RELOAD';
  provider: 'STRIPE' | 'SANDBOX';
  status: 'PENDING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'REFUNDED' | 'DISPUTED';
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  paymentIntentId: string | null;
  failureReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

const PURCHASE_COLUMNS = `id, workspace_id AS "workspaceId", package_name AS "packageName", credits, amount_cents AS "amountCents",
  kind, provider, status, checkout_session_id AS "checkoutSessionId", checkout_url AS "checkoutUrl",
  payment_intent_id AS "paymentIntentId", failure_reason AS "failureReason", created_at AS "createdAt", completed_at AS "completedAt"`;

class IdempotencyKeyReusedError extends Error {}

/** Credits moving in or out of a wallet (decimal string, positive, up to 4 places). */
export interface WalletMovement {
  workspaceId: string;
  credits: string;
  idempotencyKey: string;
  description: string;
  details?: Record<string, unknown>;
}

/** What a provider event told us to look at again. */
export type PurchaseLookup =
  | { checkoutSessionId: string }
  | { paymentIntentId: string }
  /** `paymentIntentHint`: a payment intent an event names for this purchase (by its metadata) before we stored it. */
  | { purchaseId: string; paymentIntentHint?: string };

export type ReconcileOutcome = 'credited' | 'reversed' | 'failed' | 'unchanged' | 'unknown-purchase' | 'workspace-gone';

/**
 * Another module's follow-up to a credit purchase being paid or failing (the marketplace completes
 * or cancels the lead purchase the card paid for). Runs inside the reconciling transaction; what it
 * returns runs after the commit.
 */
export type SettlementListener = (
  purchase: CreditPurchaseRow,
  outcome: 'credited' | 'failed',
  tx: Sql,
) => Promise<(() => Promise<void>) | void>;

export interface ReconcileResult {
  outcome: ReconcileOutcome;
  /** The wallet that moved, to notify after the transaction commits. */
  workspaceId: string | null;
  /** Follow-ups to run once the transaction has committed. */
  afterCommit?: (() => Promise<void>)[];
}

export class CreditsService {
  private readonly settlementListeners: SettlementListener[] = [];
  private readonly pendingNotifications = new Set<string>();
  private notifyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly ledger: LedgerService,
    private readonly gateway: PaymentGateway,
    private readonly workspaces: WorkspaceService,
  ) {}

  private get pool() {
    return this.platform.database.pool;
  }

  // ───────────── packages ─────────────

  async packages(options: { includeInactive?: boolean } = {}) {
    return this.platform.prisma.creditPackage.findMany({
      where: options.includeInactive ? {} : { active: true },
      orderBy: [{ sortOrder: 'asc' }, { credits: 'asc' }],
    });
  }

  async savePackage(
    admin: UserPrincipal,
    input: { id?: string | null; name: string; credits: number; priceCents: number; active: boolean; sortOrder?: number | null },
    requestId?: string,
  ): Promise<MoneyOutcome<{ id: string }>> {
    const name = input.name.trim();
    if (!name || name.length > 60)
      return fail(MoneyErrorCode.INVALID_INPUT, 'Give the package a name of up to 60 characters.', ['input', 'name']);
    if (!Number.isInteger(input.credits) || input.credits <= 0 || input.credits > 10_000_000) {
      return fail(MoneyErrorCode.INVALID_INPUT, 'Credits must be a whole number above zero.', ['input', 'credits']);
    }
    if (!Number.isInteger(input.priceCents) || input.priceCents < 50 || input.priceCents > 100_000_000) {
      return fail(MoneyErrorCode.INVALID_INPUT, 'The price must be whole cents, at least $0.50.', ['input', 'priceCents']);
    }
    const data = { name, credits: input.credits, priceCents: input.priceCents, active: input.active, sortOrder: input.sortOrder ?? 0 };
    const saved = await this.platform.prisma.$transaction(async (tx) => {
      const before = input.id ? await tx.creditPackage.findUnique({ where: { id: input.id } }) : null;
      if (input.id && !before) return null;
      const row = input.id ? await tx.creditPackage.update({ where: { id: input.id }, data }) : await tx.creditPackage.create({ data });
      await recordAudit(
        tx,
        admin,
        {
          action: input.id ? 'credit_package.update' : 'credit_package.create',
          targetType: 'CreditPackage',
          targetId: row.id,
          details: {
            before: before ? { name: before.name, credits: before.credits, priceCents: before.priceCents, active: before.active } : null,
            after: { name: row.name, credits: row.credits, priceCents: row.priceCents, active: row.active },
          },
        },
        requestId,
      );
      return row;
    });
    if (!saved) return fail(MoneyErrorCode.NOT_FOUND, 'That package was not found.', ['input', 'id']);
    return ok({ id: saved.id });
  }

  // ───────────── the wallet ─────────────

  /** The workspace when the principal may see its credits (members, its own API keys, platform admins). */
  async viewable(principal: Principal, workspaceId: string) {
    return this.workspaces.viewable(principal, workspaceId);
  }

  async balance(workspaceId: string): Promise<string> {
    return this.ledger.balance(accounts.workspaceCredits(workspaceId));
  }

  /**
   * Takes credits from a workspace's wallet (marketplace purchases, enrichment...). Atomic: the
   * balance can never go below zero however many spends run at once. Throws InsufficientFundsError.
   */
  async spend(input: WalletMovement, sql?: Sql) {
    return this.moveCredits('CREDIT_SPEND', 'out', accounts.creditsRedeemed, input, sql);
  }

  /** Gives spent credits back (a bounced lead, a cancelled order). */
  async refund(input: WalletMovement, sql?: Sql) {
    return this.moveCredits('CREDIT_REFUND', 'in', accounts.creditsRedeemed, input, sql);
  }

  /** Free credits (demo data, referral rewards). */
  async grantBonus(input: WalletMovement, sql?: Sql) {
    return this.moveCredits('CREDIT_BONUS', 'in', accounts.creditsIssued, input, sql);
  }

  /** One movement between a wallet and a platform credits account, posted to the ledger. */
  private async moveCredits(kind: EntryKind, direction: 'in' | 'out', platformAccount: AccountSpec, input: WalletMovement, sql?: Sql) {
    if (money.compare(input.credits, '0') <= 0) throw new RangeError(`${kind} needs a positive amount of credits`);
    const wallet = accounts.workspaceCredits(input.workspaceId);
    const result = await this.ledger.post(
      {
        idempotencyKey: input.idempotencyKey,
        kind,
        description: input.description,
        details: { workspaceId: input.workspaceId, ...input.details },
        postings: direction === 'out' ? transfer(wallet, platformAccount, input.credits) : transfer(platformAccount, wallet, input.credits),
      },
      sql,
    );
    // Inside a caller's transaction, the caller notifies after its commit.
    if (!sql) this.walletChanged(input.workspaceId);
    return result;
  }

  /** A platform admin grants or deducts credits, with a reason; audited in the same transaction. */
  async adjust(
    admin: UserPrincipal,
    input: { workspaceId: string; credits: number; direction: 'GRANT' | 'DEDUCT'; reason: string; idempotencyKey?: string | null },
    requestId?: string,
  ): Promise<MoneyOutcome<{ entryId: string; balance: string }>> {
    const reason = input.reason.trim();
    if (reason.length < 3)
      return fail(MoneyErrorCode.INVALID_INPUT, 'Say why (at least 3 characters); it is kept in the audit log.', ['input', 'reason']);
    if (!Number.isInteger(input.credits) || input.credits <= 0 || input.credits > 10_000_000) {
      return fail(MoneyErrorCode.INVALID_INPUT, 'Credits must be a whole number above zero.', ['input', 'credits']);
    }
    const workspace = await this.platform.prisma.workspace.findUnique({ where: { id: input.workspaceId }, select: { kind: true } });
    if (!workspace) return fail(MoneyErrorCode.NOT_FOUND, 'That workspace was not found.', ['input', 'workspaceId']);
    if (workspace.kind !== 'BUYER')
      return fail(MoneyErrorCode.NOT_ALLOWED, 'Only buyer workspaces hold credits.', ['input', 'workspaceId']);
    const credits = String(input.credits);
    const wallet = accounts.workspaceCredits(input.workspaceId);
    const key = `adjustment:${input.idempotencyKey ?? crypto.randomUUID()}`;
    try {
      const entry = await withTransaction(this.pool, async (tx) => {
        const details = { workspaceId: input.workspaceId, credits, reason, direction: input.direction, adminUserId: admin.userId };
        const posted = await this.ledger.post(
          {
            idempotencyKey: key,
            kind: 'CREDIT_ADJUSTMENT',
            description: `Adjustment by Hotlead: ${reason}`,
            details,
            postings:
              input.direction === 'GRANT'
                ? transfer(accounts.creditsIssued, wallet, credits)
                : transfer(wallet, accounts.creditsIssued, credits),
          },
          tx,
        );
        if (posted.duplicate) {
          // A retry must be the same adjustment; a key reused for another one is refused.
          const { rows } = await tx.query<{ details: Record<string, unknown> }>('SELECT details FROM journal_entries WHERE id = $1', [
            posted.entryId,
          ]);
          const first = rows[0]?.details ?? {};
          if (first['workspaceId'] !== details.workspaceId || first['credits'] !== credits || first['direction'] !== details.direction) {
            throw new IdempotencyKeyReusedError();
          }
        } else {
          await recordAuditSql(
            tx,
            admin,
            {
              action: 'credits.adjust',
              targetType: 'Workspace',
              targetId: input.workspaceId,
              workspaceId: input.workspaceId,
              details: { credits, direction: input.direction, reason, entryId: posted.entryId },
            },
            requestId,
          );
        }
        return posted;
      });
      this.walletChanged(input.workspaceId);
      return ok({ entryId: entry.entryId, balance: await this.balance(input.workspaceId) });
    } catch (error) {
      if (error instanceof IdempotencyKeyReusedError) {
        return fail(MoneyErrorCode.INVALID_INPUT, 'This idempotency key was used for a different adjustment.', ['input', 'idempotencyKey']);
      }
      if (error instanceof InsufficientFundsError) {
        return fail(MoneyErrorCode.INSUFFICIENT_CREDITS, 'The workspace has fewer credits than that; deduct at most its balance.', [
          'input',
          'credits',
        ]);
      }
      throw error;
    }
  }

  /** Publishes the new balance once per workspace per tick, however many movements happened. */
  walletChanged(workspaceId: string): void {
    this.pendingNotifications.add(workspaceId);
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      const ids = [...this.pendingNotifications];
      this.pendingNotifications.clear();
      void this.notify(ids).catch((error: Error) =>
        this.platform.log.warn({ err: { message: error.message } }, 'balance notification failed'),
      );
    }, 25);
    this.notifyTimer.unref();
  }

  private async notify(workspaceIds: string[]): Promise<void> {
    const balances = await this.ledger.balances(workspaceIds.map((id) => accounts.workspaceCredits(id)));
    const { rows: reloads } = await this.pool.query<{ workspace_id: string; threshold: number }>(
      `SELECT workspace_id, auto_reload_threshold AS threshold FROM billing_profiles
        WHERE workspace_id = ANY($1::uuid[]) AND auto_reload_enabled AND payment_method_id IS NOT NULL`,
      [workspaceIds],
    );
    for (const id of workspaceIds) {
      const balance = balances.get(accounts.workspaceCredits(id).code)!;
      this.platform.pubsub.publish(Topic.CREDIT_BALANCE_CHANGED, id, { workspaceId: id, balance });
      const rule = reloads.find((r) => r.workspace_id === id);
      if (rule && money.compare(balance, String(rule.threshold)) < 0) {
        await this.platform.jobs.send(AUTO_RELOAD_JOB, { workspaceId: id }, { singletonKey: id });
      }
    }
  }

  async history(workspaceId: string, page: { first: number; before?: string | null }) {
    return this.ledger.history(accounts.workspaceCredits(workspaceId), page);
  }

  async historyCount(workspaceId: string): Promise<number> {
    return this.ledger.countPostings(accounts.workspaceCredits(workspaceId));
  }

  /** Every movement of the wallet as CSV, newest first. */
  async historyCsv(workspaceId: string): Promise<string> {
    const rows = await this.ledger.history(accounts.workspaceCredits(workspaceId), { first: CSV_ROW_LIMIT });
    const lines = ['date,type,description,credits,reference'];
    for (const r of rows) {
      lines.push([r.createdAt.toISOString(), r.kind, csvCell(r.description), r.amount, r.entryId].join(','));
    }
    return `${lines.join('\n')}\n`;
  }

  // ───────────── buying credits ─────────────

  async purchase(id: string): Promise<CreditPurchaseRow | null> {
    const { rows } = await this.pool.query<CreditPurchaseRow>(`SELECT ${PURCHASE_COLUMNS} FROM credit_purchases WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async purchases(workspaceId: string, limit = 50): Promise<CreditPurchaseRow[]> {
    const { rows } = await this.pool.query<CreditPurchaseRow>(
      `SELECT ${PURCHASE_COLUMNS} FROM credit_purchases WHERE workspace_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows;
  }

  private async customerFor(workspaceId: string): Promise<string> {
    const existing = await this.platform.prisma.billingProfile.findUnique({ where: { workspaceId } });
    if (existing && existing.provider === this.gateway.kind) return existing.customerId;
    const workspace = await this.platform.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
    const customer = await this.gateway.createCustomer({
      workspaceId,
      name: workspace.name,
      idempotencyKey: `customer:${workspaceId}:${this.gateway.kind}`,
    });
    await this.platform.prisma.billingProfile.upsert({
      where: { workspaceId },
      create: { workspaceId, provider: this.gateway.kind, customerId: customer.id },
      update: { provider: this.gateway.kind, customerId: customer.id, paymentMethodId: null, cardBrand: null, cardLast4: null },
    });
    return customer.id;
  }

  /** Starts a checkout for a package: returns the provider's page to send the buyer to. */
  async startPurchase(
    principal: UserPrincipal,
    input: { workspaceId: string; packageId: string },
    requestId?: string,
  ): Promise<MoneyOutcome<{ purchase: CreditPurchaseRow; checkoutUrl: string }>> {
    const { workspace, role } = await this.workspaces.viewable(principal, input.workspaceId);
    if (workspace.kind !== 'BUYER' || !workspacePolicy.canBuyCredits(role)) {
      return fail(MoneyErrorCode.NOT_ALLOWED, 'Only owners and admins of a buyer workspace buy credits.');
    }
    const pkg = await this.platform.prisma.creditPackage.findUnique({ where: { id: input.packageId } });
    if (!pkg || !pkg.active) return fail(MoneyErrorCode.PACKAGE_UNAVAILABLE, 'That package is not on sale.', ['input', 'packageId']);
    const limit = await this.platform.limiter.hit(PURCHASE_RATE_LIMIT, input.workspaceId);
    if (!limit.allowed) throw rateLimited(limit);

    const customerId = await this.customerFor(input.workspaceId);
    const created = await this.platform.prisma.creditPurchase.create({
      data: {
        workspaceId: input.workspaceId,
        packageId: pkg.id,
        packageName: pkg.name,
        credits: pkg.credits,
        amountCents: pkg.priceCents,
        kind: 'CHECKOUT',
        provider: this.gateway.kind,
        createdByUserId: principal.userId,
      },
      select: { id: true },
    });
    // The buyer app's return page, with the ids it uses in the API.
    const back = `${this.platform.config.publicUrl}/buyer/credits?purchase=${toGlobalId('CreditPurchase', created.id)}&workspace=${toGlobalId('Workspace', input.workspaceId)}`;
    try {
      const session = await this.gateway.createCheckoutSession({
        customerId,
        amountCents: pkg.priceCents,
        productName: `${pkg.credits.toLocaleString('en-US')} Hotlead credits`,
        successUrl: `${back}&result=success`,
        cancelUrl: `${back}&result=cancelled`,
        metadata: { purchaseId: created.id, workspaceId: input.workspaceId },
        idempotencyKey: `checkout:${created.id}`,
      });
      await this.platform.prisma.creditPurchase.update({
        where: { id: created.id },
        data: { checkoutSessionId: session.id, checkoutUrl: session.url },
      });
      await recordAudit(
        this.platform.prisma,
        principal,
        {
          action: 'credits.checkout_start',
          targetType: 'CreditPurchase',
          targetId: created.id,
          workspaceId: input.workspaceId,
          details: { credits: pkg.credits, amountCents: pkg.priceCents },
        },
        requestId,
      );
      return ok({ purchase: (await this.purchase(created.id))!, checkoutUrl: session.url });
    } catch (error) {
      await this.platform.prisma.creditPurchase.update({
        where: { id: created.id },
        data: { status: 'FAILED', failureReason: 'The payment provider could not start a checkout.' },
      });
      this.platform.log.error({ err: { message: (error as Error).message }, purchaseId: created.id }, 'checkout start failed');
      return fail(MoneyErrorCode.PAYMENT_FAILED, 'The payment provider is unavailable; nothing was charged. Try again shortly.');
    }
  }

  /**
   * Brings a purchase in line with the provider's current state: credits it once when paid, reverses it
   * once when refunded or disputed, marks it failed or expired. Runs inside the webhook's transaction.
   */
  async reconcilePurchase(lookup: PurchaseLookup, tx: Sql): Promise<ReconcileResult> {
    const where =
      'purchaseId' in lookup
        ? ['id = $1', lookup.purchaseId]
        : 'checkoutSessionId' in lookup
          ? ['checkout_session_id = $1', lookup.checkoutSessionId]
          : ['payment_intent_id = $1', lookup.paymentIntentId];
    const { rows } = await tx.query<CreditPurchaseRow>(`SELECT ${PURCHASE_COLUMNS} FROM credit_purchases WHERE ${where[0]} FOR UPDATE`, [
      where[1],
    ]);
    const purchase = rows[0];
    if (!purchase) return { outcome: 'unknown-purchase', workspaceId: null };
    const result = (outcome: ReconcileOutcome): ReconcileResult => ({ outcome, workspaceId: purchase.workspaceId });
    const settled = async (outcome: 'credited' | 'failed'): Promise<ReconcileResult> => {
      const afterCommit: (() => Promise<void>)[] = [];
      for (const listener of this.settlementListeners) {
        const follow = await listener(purchase, outcome, tx);
        if (follow) afterCommit.push(follow);
      }
      return { ...result(outcome), afterCommit };
    };

    const session = purchase.checkoutSessionId ? await this.gateway.retrieveCheckoutSession(purchase.checkoutSessionId) : null;
    const hint = 'paymentIntentHint' in lookup ? (lookup.paymentIntentHint ?? null) : null;
    const intentId = session?.paymentIntentId ?? purchase.paymentIntentId ?? hint;
    const fetched = intentId ? await this.gateway.retrievePaymentIntent(intentId) : null;
    // An intent we did not store ourselves counts only if the provider says it is this purchase's.
    const unclaimed = intentId === hint && !session?.paymentIntentId && !purchase.paymentIntentId;
    const intent = fetched && unclaimed && fetched.metadata['purchaseId'] !== purchase.id ? null : fetched;
    if (intent && intent.id !== purchase.paymentIntentId) {
      await tx.query('UPDATE credit_purchases SET payment_intent_id = $2 WHERE id = $1', [purchase.id, intent.id]);
    }

    const paid = intent?.status === 'succeeded';
    const charge = intent?.latestCharge ?? null;
    const refunded = charge !== null && charge.amountRefundedCents > 0;
    const disputed = charge !== null && charge.disputed;
    const creditKey = `credit-purchase:${purchase.id}`;
    const credited = await this.ledger.hasEntry(creditKey, tx);

    if (paid && !refunded && !disputed) {
      if (credited) return result('unchanged');
      const exists = await tx.query(`SELECT 1 FROM workspaces WHERE id = $1`, [purchase.workspaceId]);
      if (!exists.rowCount) return result('workspace-gone');
      await this.ledger.post(
        {
          idempotencyKey: creditKey,
          kind: 'CREDIT_PURCHASE',
          description: `Bought ${purchase.packageName} (${purchase.credits.toLocaleString('en-US')} credits)`,
          details: {
            workspaceId: purchase.workspaceId,
            purchaseId: purchase.id,
            paymentIntentId: intent.id,
            amountCents: purchase.amountCents,
          },
          postings: [
            ...transfer(accounts.providerClearing, accounts.platformRevenue, money.centsToUsd(purchase.amountCents)),
            ...transfer(accounts.creditsIssued, accounts.workspaceCredits(purchase.workspaceId), String(purchase.credits)),
          ],
        },
        tx,
      );
      await tx.query(`UPDATE credit_purchases SET status = 'PAID', completed_at = now(), failure_reason = NULL WHERE id = $1`, [
        purchase.id,
      ]);
      await this.rememberCard(purchase.workspaceId, intent, tx);
      return settled('credited');
    }

    if (paid && (refunded || disputed)) {
      const status = disputed ? 'DISPUTED' : 'REFUNDED';
      if (credited) await this.reverse(purchase, status, tx);
      if (purchase.status !== status) {
        await tx.query('UPDATE credit_purchases SET status = $2::"CreditPurchaseStatus", reversed_at = now() WHERE id = $1', [
          purchase.id,
          status,
        ]);
      }
      return result('reversed');
    }

    if (purchase.status === 'PENDING') {
      const expired = session?.status === 'expired';
      // A declined card on a Checkout page leaves the session open for another card: only its end
      // (expiry) fails it, with the decline as the reason when there was one. A payment without a page
      // (auto-reload) fails with its intent.
      const declined = intent !== null && intent.status === 'requires_payment_method' && intent.lastError !== null;
      const failed = declined && !purchase.checkoutSessionId;
      if (expired || failed) {
        await tx.query('UPDATE credit_purchases SET status = $2::"CreditPurchaseStatus", failure_reason = $3 WHERE id = $1', [
          purchase.id,
          declined ? 'FAILED' : 'EXPIRED',
          intent?.lastError ?? 'The checkout expired before payment.',
        ]);
        return settled('failed');
      }
    }
    return result('unchanged');
  }

  /** Reconciles in a transaction of its own and notifies the wallet after the commit. */
  async reconcileNow(lookup: PurchaseLookup): Promise<ReconcileResult> {
    const reconciled = await withTransaction(this.pool, (tx) => this.reconcilePurchase(lookup, tx));
    if (reconciled.workspaceId) this.walletChanged(reconciled.workspaceId);
    await this.runAfterCommit(reconciled);
    return reconciled;
  }

  /** Registers a follow-up to purchases being paid or failing (see SettlementListener). */
  onSettled(listener: SettlementListener): void {
    this.settlementListeners.push(listener);
  }

  /** Runs a reconciliation's follow-ups after its commit; a failure is logged, never undoes the payment. */
  async runAfterCommit(result: ReconcileResult): Promise<void> {
    for (const follow of result.afterCommit ?? []) {
      await follow().catch((error: Error) => this.platform.log.error({ err: { message: error.message } }, 'settlement follow-up failed'));
    }
  }

  /**
   * A card payment for credits another module spends at once (partial payment at checkout): the
   * purchase row, inside the caller's transaction. `openCardCheckout` then asks the provider for the page.
   */
  async createCardPurchase(input: { workspaceId: string; credits: number; description: string; userId: string }, tx: Sql): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO credit_purchases (workspace_id, package_name, credits, amount_cents, kind, provider, created_by_user_id)
       VALUES ($1, $2, $3, $4, 'CHECKOUT', $5::"PaymentProvider", $6) RETURNING id`,
      [
        input.workspaceId,
        input.description,
        input.credits,
        Number(money.usdToCents(money.creditsToUsd(String(input.credits)))),
        this.gateway.kind,
        input.userId,
      ],
    );
    return rows[0]!.id;
  }

  /** The provider's checkout page for a card purchase made by createCardPurchase. Throws when the provider fails. */
  async openCardCheckout(
    purchaseId: string,
    urls: { successUrl: string; cancelUrl: string },
    metadata: Record<string, string>,
  ): Promise<string> {
    const purchase = await this.purchase(purchaseId);
    if (!purchase) throw notFound('CreditPurchase');
    if (purchase.checkoutUrl) return purchase.checkoutUrl;
    const customerId = await this.customerFor(purchase.workspaceId);
    const session = await this.gateway.createCheckoutSession({
      customerId,
      amountCents: purchase.amountCents,
      productName: purchase.packageName,
      successUrl: urls.successUrl,
      cancelUrl: urls.cancelUrl,
      metadata: { ...metadata, purchaseId, workspaceId: purchase.workspaceId },
      idempotencyKey: `checkout:${purchaseId}`,
    });
    await this.platform.prisma.creditPurchase.update({
      where: { id: purchaseId },
      data: { checkoutSessionId: session.id, checkoutUrl: session.url },
    });
    return session.url;
  }

  /** Takes the purchase's credits back (as many as are left) and returns its money to the customer. */
  private async reverse(purchase: CreditPurchaseRow, status: 'REFUNDED' | 'DISPUTED', tx: Sql): Promise<void> {
    const key = `credit-purchase:${purchase.id}:reversal`;
    if (await this.ledger.hasEntry(key, tx)) return;
    const wallet = accounts.workspaceCredits(purchase.workspaceId);
    const walletId = await this.ledger.accountId(wallet, tx);
    // Lock the wallet so the credits we take back are still there when we post.
    const { rows } = await tx.query<{ balance: string }>('SELECT balance::text AS balance FROM ledger_accounts WHERE id = $1 FOR UPDATE', [
      walletId,
    ]);
    const available = money.add(rows[0]?.balance ?? '0');
    const takeBack = money.compare(available, String(purchase.credits)) < 0 ? available : String(purchase.credits);
    const postings = transfer(accounts.platformRevenue, accounts.providerClearing, money.centsToUsd(purchase.amountCents));
    if (money.compare(takeBack, '0') > 0) postings.push(...transfer(wallet, accounts.creditsIssued, takeBack));
    await this.ledger.post(
      {
        idempotencyKey: key,
        kind: 'CREDIT_PURCHASE_REVERSAL',
        description: `${status === 'DISPUTED' ? 'Chargeback' : 'Refund'} of ${purchase.packageName}`,
        details: {
          workspaceId: purchase.workspaceId,
          purchaseId: purchase.id,
          creditsTakenBack: takeBack,
          creditsAlreadySpent: money.subtract(String(purchase.credits), takeBack),
          amountCents: purchase.amountCents,
        },
        postings,
      },
      tx,
    );
  }

  private async rememberCard(workspaceId: string, intent: PaymentIntentState, tx: Sql): Promise<void> {
    if (!intent.paymentMethodId) return;
    await tx.query(
      `UPDATE billing_profiles SET payment_method_id = $2, card_brand = $3, card_last4 = $4, updated_at = now()
        WHERE workspace_id = $1 AND provider = $5::"PaymentProvider"`,
      [workspaceId, intent.paymentMethodId, intent.card?.brand ?? null, intent.card?.last4 ?? null, this.gateway.kind],
    );
  }

  // ───────────── auto-reload ─────────────

  async billingProfile(workspaceId: string) {
    return this.platform.prisma.billingProfile.findUnique({ where: { workspaceId } });
  }

  async setAutoReload(
    principal: UserPrincipal,
    input: { workspaceId: string; enabled: boolean; thresholdCredits: number; packageId: string | null },
    requestId?: string,
  ): Promise<MoneyOutcome<{ workspaceId: string }>> {
    const { workspace, role } = await this.workspaces.viewable(principal, input.workspaceId);
    if (workspace.kind !== 'BUYER' || !workspacePolicy.canBuyCredits(role)) {
      return fail(MoneyErrorCode.NOT_ALLOWED, 'Only owners and admins of a buyer workspace set auto-reload.');
    }
    if (!Number.isInteger(input.thresholdCredits) || input.thresholdCredits < 0 || input.thresholdCredits > 10_000_000) {
      return fail(MoneyErrorCode.INVALID_INPUT, 'The threshold is a whole number of credits, zero or more.', ['input', 'thresholdCredits']);
    }
    if (input.enabled) {
      const pkg = input.packageId ? await this.platform.prisma.creditPackage.findUnique({ where: { id: input.packageId } }) : null;
      if (!pkg || !pkg.active)
        return fail(MoneyErrorCode.PACKAGE_UNAVAILABLE, 'Choose a package on sale to reload with.', ['input', 'packageId']);
      const profile = await this.billingProfile(input.workspaceId);
      if (!profile?.paymentMethodId || profile.provider !== this.gateway.kind) {
        return fail(MoneyErrorCode.NO_SAVED_CARD, 'Buy a package by card once first: auto-reload charges the card saved then.');
      }
    }
    await this.platform.prisma
      .$transaction(async (tx) => {
        await tx.billingProfile.update({
          where: { workspaceId: input.workspaceId },
          data: { autoReloadEnabled: input.enabled, autoReloadThreshold: input.thresholdCredits, autoReloadPackageId: input.packageId },
        });
        await recordAudit(
          tx,
          principal,
          {
            action: 'credits.auto_reload_update',
            targetType: 'Workspace',
            targetId: input.workspaceId,
            workspaceId: input.workspaceId,
            details: { enabled: input.enabled, thresholdCredits: input.thresholdCredits, packageId: input.packageId },
          },
          requestId,
        );
      })
      .catch((error: { code?: string }) => {
        if (error.code === 'P2025') return; // no billing profile yet: nothing to switch off
        throw error;
      });
    if (input.enabled) this.walletChanged(input.workspaceId);
    return ok({ workspaceId: input.workspaceId });
  }

  /**
   * The auto-reload job: when the balance is under the threshold and no reload is pending, charges the
   * saved card off-session for the chosen package. The charge's idempotency key is the purchase id, so a
   * retried job never charges twice; credits arrive through the same reconciliation as a checkout.
   */
  async runAutoReload(workspaceId: string): Promise<'charged' | 'skipped' | 'declined'> {
    const profile = await this.billingProfile(workspaceId);
    if (!profile?.autoReloadEnabled || !profile.paymentMethodId || !profile.autoReloadPackageId || profile.provider !== this.gateway.kind)
      return 'skipped';
    if (money.compare(await this.balance(workspaceId), String(profile.autoReloadThreshold)) >= 0) return 'skipped';
    const pkg = await this.platform.prisma.creditPackage.findUnique({ where: { id: profile.autoReloadPackageId } });
    if (!pkg?.active) return 'skipped';
    // One pending auto-reload per workspace (a partial unique index). A pending one left by a crash is
    // charged again under the same idempotency key, which the provider answers with the first charge.
    await this.pool.query(
      `INSERT INTO credit_purchases (workspace_id, package_id, package_name, credits, amount_cents, kind, provider)
       VALUES ($1, $2, $3, $4, $5, 'AUTO_RELOAD', $6::"PaymentProvider")
       ON CONFLICT DO NOTHING`,
      [workspaceId, pkg.id, pkg.name, pkg.credits, pkg.priceCents, this.gateway.kind],
    );
    const { rows } = await this.pool.query<{ id: string; credits: number; amount_cents: number; payment_intent_id: string | null }>(
      `SELECT id, credits, amount_cents, payment_intent_id FROM credit_purchases
        WHERE workspace_id = $1 AND kind = 'AUTO_RELOAD' AND status = 'PENDING'`,
      [workspaceId],
    );
    const pending = rows[0];
    if (!pending) return 'skipped';
    const purchaseId = pending.id;
    if (pending.payment_intent_id) {
      await this.reconcileNow({ purchaseId });
      return 'charged';
    }
    try {
      const intent = await this.gateway.chargeOffSession({
        customerId: profile.customerId,
        paymentMethodId: profile.paymentMethodId,
        amountCents: pending.amount_cents,
        description: `Auto-reload: ${pending.credits} Hotlead credits`,
        metadata: { purchaseId, workspaceId },
        idempotencyKey: `auto-reload:${purchaseId}`,
      });
      await this.pool.query('UPDATE credit_purchases SET payment_intent_id = $2 WHERE id = $1 AND payment_intent_id IS NULL', [
        purchaseId,
        intent.id,
      ]);
      await this.reconcileNow({ purchaseId });
      return 'charged';
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error;
      // A declined card turns auto-reload off, so it is not retried on every spend; the owner sees why.
      await this.pool.query(`UPDATE credit_purchases SET status = 'FAILED', failure_reason = $2 WHERE id = $1`, [
        purchaseId,
        error.message,
      ]);
      await this.pool.query('UPDATE billing_profiles SET auto_reload_enabled = false, updated_at = now() WHERE workspace_id = $1', [
        workspaceId,
      ]);
      await recordAudit(this.platform.prisma, 'SYSTEM', {
        action: 'credits.auto_reload_declined',
        targetType: 'CreditPurchase',
        targetId: purchaseId,
        workspaceId,
        details: { reason: error.message },
      });
      return 'declined';
    }
  }

  /** A platform admin refunds a paid purchase at the provider; the refund event then reverses it. */
  async refundPurchase(admin: UserPrincipal, purchaseId: string, requestId?: string): Promise<MoneyOutcome<{ id: string }>> {
    if (!isPlatformAdmin(admin)) return fail(MoneyErrorCode.NOT_ALLOWED, 'Only platform admins refund purchases.');
    const purchase = await this.purchase(purchaseId);
    if (!purchase) throw notFound('Credit purchase');
    if (purchase.status !== 'PAID' || !purchase.paymentIntentId) {
      return fail(MoneyErrorCode.NOT_ALLOWED, 'Only a paid purchase can be refunded.');
    }
    await this.gateway.refundPaymentIntent({ paymentIntentId: purchase.paymentIntentId, idempotencyKey: `refund:${purchase.id}` });
    await recordAudit(
      this.platform.prisma,
      admin,
      { action: 'credits.refund', targetType: 'CreditPurchase', targetId: purchase.id, workspaceId: purchase.workspaceId },
      requestId,
    );
    // Stripe tells us by webhook; reconcile now as well so the admin sees the result at once.
    await this.reconcileNow({ purchaseId });
    return ok({ id: purchase.id });
  }
}
