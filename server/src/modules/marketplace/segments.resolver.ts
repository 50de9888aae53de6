// Saved segments over GraphQL. Filters travel with global ids; the service stores raw ids.
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import type { LeadSearchFilter } from './search.service.js';
import type { SegmentRow } from './segments.service.js';
import { cartView, rawFilter } from './leadView.js';
import {
  CartPayload,
  LeadSegment,
  LeadSegmentCreateInput,
  LeadSegmentDeletePayload,
  LeadSegmentIdInput,
  LeadSegmentPayload,
  LeadSegmentRunPayload,
  type LeadSegmentStatusEnum,
  LeadSegmentUpdateInput,
} from './marketplace.types.js';

function segmentView(row: SegmentRow): LeadSegment {
  const filters = row.filters as LeadSearchFilter;
  return {
    id: toGlobalId('LeadSegment', row.id),
    name: row.name,
    description: row.description,
    filters: { ...filters, industryIds: filters.industryIds?.map((i) => toGlobalId('Industry', i)) ?? null },
    status: row.status as LeadSegmentStatusEnum,
    lastCount: row.lastCount,
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const segmentIdOf = (id: string) => fromGlobalId(id, 'LeadSegment', 'segmentId');

@Resolver()
export class SegmentsResolver {
  @Allow(Access.USER)
  @Query(() => [LeadSegment], { description: "A workspace's saved segments, recently changed first (archived ones on request)." })
  async leadSegments(
    @Arg('workspaceId', () => ID) id: string,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: Context,
  ): Promise<LeadSegment[]> {
    return (await ctx.services.segments.list(ctx.principal, fromGlobalId(id, 'Workspace', 'workspaceId'), includeArchived)).map(
      segmentView,
    );
  }

  @Allow(Access.USER)
  @Mutation(() => LeadSegmentPayload, { description: 'Saves search filters as a named segment.' })
  async leadSegmentCreate(
    @Arg('input', () => LeadSegmentCreateInput) input: LeadSegmentCreateInput,
    @Ctx() ctx: Context,
  ): Promise<LeadSegmentPayload> {
    const outcome = await ctx.services.segments.create(ctx.principal, {
      workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId'),
      name: input.name,
      description: input.description ?? null,
      filters: rawFilter(input.filters),
    });
    return outcome.ok ? { segment: segmentView(outcome.value), userErrors: [] } : { segment: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadSegmentPayload, {
    description: 'Renames, re-describes, changes the filters or the status (active, paused, archived) of a segment.',
  })
  async leadSegmentUpdate(
    @Arg('input', () => LeadSegmentUpdateInput) input: LeadSegmentUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<LeadSegmentPayload> {
    const outcome = await ctx.services.segments.update(ctx.principal, segmentIdOf(input.segmentId), {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      filters: input.filters ? rawFilter(input.filters) : null,
      status: input.status ?? null,
    });
    return outcome.ok ? { segment: segmentView(outcome.value), userErrors: [] } : { segment: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadSegmentDeletePayload, { description: 'Deletes a segment.' })
  async leadSegmentDelete(
    @Arg('input', () => LeadSegmentIdInput) input: LeadSegmentIdInput,
    @Ctx() ctx: Context,
  ): Promise<LeadSegmentDeletePayload> {
    await ctx.services.segments.delete(ctx.principal, segmentIdOf(input.segmentId));
    return { deletedSegmentId: input.segmentId, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadSegmentRunPayload, { description: 'Counts and prices a segment now (and records the count and time).' })
  async leadSegmentRun(
    @Arg('input', () => LeadSegmentIdInput) input: LeadSegmentIdInput,
    @Ctx() ctx: Context,
  ): Promise<LeadSegmentRunPayload> {
    const outcome = await ctx.services.segments.run(ctx.principal, segmentIdOf(input.segmentId));
    return outcome.ok
      ? { run: { ...outcome.value, segment: segmentView(outcome.value.segment) }, userErrors: [] }
      : { run: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => CartPayload, { description: "Adds an active segment's matching leads (the first 10,000 by intent) to the cart." })
  async leadSegmentPull(@Arg('input', () => LeadSegmentIdInput) input: LeadSegmentIdInput, @Ctx() ctx: Context): Promise<CartPayload> {
    const segmentId = segmentIdOf(input.segmentId);
    const outcome = await ctx.services.segments.pull(ctx.principal, segmentId);
    if (!outcome.ok) return { cart: null, userErrors: outcome.errors };
    const segment = await ctx.platform.prisma.leadSegment.findUniqueOrThrow({ where: { id: segmentId }, select: { workspaceId: true } });
    return { cart: await cartView(ctx, segment.workspaceId, outcome.value), userErrors: [] };
  }
}
