// Saved segments (seed 001 Step 1): a buyer's filters with a name and description, run later for a
// count and a price, or pulled into the cart (up to 10,000 leads). Status: active, paused, archived.
import { money } from '@hotlead/domain';
import type { Prisma } from '@hotlead/prisma';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { AppError, forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { MAX_LEADS_PER_PURCHASE, type Cart, type CheckoutService } from './checkout.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';
import { validateFilter, type LeadSearchFilter, type SearchService } from './search.service.js';

export const SEGMENT_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  filters: true,
  status: true,
  lastCount: true,
  lastRunAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.LeadSegmentSelect;

export type SegmentRow = Prisma.LeadSegmentGetPayload<{ select: typeof SEGMENT_SELECT }>;
export type SegmentStatus = SegmentRow['status'];

export interface SegmentRun {
  segment: SegmentRow;
  count: number;
  countIsEstimate: boolean;
  /** Leads a pull would add now (at most 10,000) and their price. */
  buyableCount: number;
  totalUsd: string;
  credits: string;
}

/** A filter that fails validation becomes a user error on `filters` rather than a top-level error. */
function checkedFilters(filters: LeadSearchFilter): MarketplaceOutcome<LeadSearchFilter> {
  try {
    return ok(validateFilter(filters));
  } catch (error) {
    if (error instanceof AppError) return fail(MarketplaceErrorCode.INVALID_INPUT, error.message, ['filters']);
    throw error;
  }
}

export class SegmentsService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
    private readonly search: SearchService,
    private readonly checkout: CheckoutService,
  ) {}

  private get prisma() {
    return this.platform.prisma;
  }

  private async member(principal: Principal, workspaceId: string): Promise<void> {
    const { role } = await this.workspaces.viewable(principal, workspaceId);
    if (!role) throw forbidden('Only members of the workspace manage its segments.');
  }

  private async segment(principal: Principal, id: string): Promise<SegmentRow> {
    const row = await this.prisma.leadSegment.findUnique({ where: { id }, select: SEGMENT_SELECT });
    if (!row) throw notFound('Segment');
    await this.workspaces.viewable(principal, row.workspaceId).catch(() => {
      throw notFound('Segment');
    });
    return row;
  }

  async list(principal: Principal, workspaceId: string, includeArchived: boolean): Promise<SegmentRow[]> {
    await this.workspaces.viewable(principal, workspaceId);
    return this.prisma.leadSegment.findMany({
      where: { workspaceId, ...(includeArchived ? {} : { status: { not: 'ARCHIVED' } }) },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: 200,
      select: SEGMENT_SELECT,
    });
  }

  async create(
    principal: Principal,
    input: { workspaceId: string; name: string; description: string | null; filters: LeadSearchFilter },
  ): Promise<MarketplaceOutcome<SegmentRow>> {
    await this.member(principal, input.workspaceId);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 120)
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'Give the segment a name (up to 120 characters).', ['name']);
    const filters = checkedFilters(input.filters);
    if (!filters.ok) return filters;
    const exists = await this.prisma.leadSegment.findUnique({
      where: { workspaceId_name: { workspaceId: input.workspaceId, name } },
      select: { id: true },
    });
    if (exists) return fail(MarketplaceErrorCode.INVALID_INPUT, `A segment named "${name}" already exists.`, ['name']);
    const row = await this.prisma.leadSegment.create({
      data: {
        workspaceId: input.workspaceId,
        createdById: principal.kind === 'user' ? principal.userId : null,
        name,
        description: input.description?.trim() || null,
        filters: filters.value as Prisma.InputJsonValue,
      },
      select: SEGMENT_SELECT,
    });
    await recordAudit(this.prisma, principal, {
      action: 'segment.create',
      targetType: 'LeadSegment',
      targetId: row.id,
      workspaceId: row.workspaceId,
    });
    return ok(row);
  }

  async update(
    principal: Principal,
    id: string,
    input: { name?: string | null; description?: string | null; filters?: LeadSearchFilter | null; status?: SegmentStatus | null },
  ): Promise<MarketplaceOutcome<SegmentRow>> {
    const current = await this.segment(principal, id);
    await this.member(principal, current.workspaceId);
    const data: Prisma.LeadSegmentUpdateInput = {};
    if (input.name != null) {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 120)
        return fail(MarketplaceErrorCode.INVALID_INPUT, 'Give the segment a name (up to 120 characters).', ['name']);
      const clash = await this.prisma.leadSegment.findFirst({
        where: { workspaceId: current.workspaceId, name, id: { not: id } },
        select: { id: true },
      });
      if (clash) return fail(MarketplaceErrorCode.INVALID_INPUT, `A segment named "${name}" already exists.`, ['name']);
      data.name = name;
    }
    if (input.description !== undefined) data.description = input.description?.trim() || null;
    if (input.filters) {
      const filters = checkedFilters(input.filters);
      if (!filters.ok) return filters;
      data.filters = filters.value as Prisma.InputJsonValue;
      data.lastCount = null;
      data.lastRunAt = null;
    }
    if (input.status) data.status = input.status;
    return ok(await this.prisma.leadSegment.update({ where: { id }, data, select: SEGMENT_SELECT }));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const current = await this.segment(principal, id);
    await this.member(principal, current.workspaceId);
    await this.prisma.leadSegment.delete({ where: { id } });
    await recordAudit(this.prisma, principal, {
      action: 'segment.delete',
      targetType: 'LeadSegment',
      targetId: id,
      workspaceId: current.workspaceId,
    });
  }

  /** Counts and prices the segment now, and remembers the count and the time. */
  async run(principal: Principal, id: string): Promise<MarketplaceOutcome<SegmentRun>> {
    const current = await this.segment(principal, id);
    if (current.status === 'ARCHIVED') return fail(MarketplaceErrorCode.INVALID_INPUT, 'This segment is archived; restore it to run it.');
    const preview = await this.search.preview(current.filters as LeadSearchFilter, MAX_LEADS_PER_PURCHASE);
    const segment = await this.prisma.leadSegment.update({
      where: { id },
      data: { lastCount: preview.count, lastRunAt: new Date() },
      select: SEGMENT_SELECT,
    });
    return ok({
      segment,
      count: preview.count,
      countIsEstimate: preview.countIsEstimate,
      buyableCount: preview.leadIds.length,
      totalUsd: preview.totalUsd,
      credits: money.usdToCredits(preview.totalUsd),
    });
  }

  /** Adds the segment's matching leads (the first 10,000 by intent) to the person's cart. */
  async pull(principal: Principal, id: string): Promise<MarketplaceOutcome<Cart>> {
    const current = await this.segment(principal, id);
    if (current.status !== 'ACTIVE') return fail(MarketplaceErrorCode.INVALID_INPUT, 'Only an active segment can be pulled into the cart.');
    const preview = await this.search.preview(current.filters as LeadSearchFilter, MAX_LEADS_PER_PURCHASE);
    if (preview.leadIds.length === 0) return fail(MarketplaceErrorCode.UNAVAILABLE, 'No leads match this segment now.');
    await this.prisma.leadSegment.update({ where: { id }, data: { lastCount: preview.count, lastRunAt: new Date() } });
    return this.checkout.cartAdd(principal, current.workspaceId, preview.leadIds, false);
  }
}
