// `node(id)`: any object by its global id, subject to the same row rules as its own query. An id the
// viewer may not see answers null, exactly like an unknown one.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../platform/graphql/access.js';
import type { Context } from '../platform/graphql/context.js';
import { isPlatformAdmin } from '../platform/auth/principal.js';
import { AppError } from '../platform/graphql/errors.js';
import { Node, parseGlobalId } from '../platform/graphql/ids.js';
import { User, USER_SELECT } from './identity/user.type.js';
import { Workspace } from './identity/workspace.type.js';
import { PartnerOrg } from './partners/partnerOrg.type.js';

@Resolver()
export class NodeResolver {
  @Allow(Access.USER, Access.API_KEY)
  @Query(() => Node, { nullable: true, description: 'Fetch an object by its global id.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    try {
      switch (parsed.type) {
        case 'User': {
          const self = ctx.principal.kind === 'user' && ctx.principal.userId === parsed.id;
          if (!self) return null;
          const row = await ctx.platform.prisma.user.findUnique({ where: { id: parsed.id }, select: USER_SELECT });
          return row ? User.from(row) : null;
        }
        case 'Workspace':
          return Workspace.from((await ctx.services.workspaces.viewable(ctx.principal, parsed.id)).workspace);
        case 'PartnerOrg':
          return PartnerOrg.from((await ctx.services.partnerOrgs.viewable(ctx.principal, parsed.id)).partnerOrg);
        case 'ServiceRequest':
          return ctx.principal.kind === 'user' ? ctx.services.requests.myRequest(ctx.principal, parsed.id) : null;
        case 'RequestAssignment':
          return ctx.services.routing.assignmentForViewer(ctx.principal, parsed.id);
        case 'RelayThread':
          // The admin view of a conversation (diagnostics only); the parties read threads through their own fields.
          return isPlatformAdmin(ctx.principal) ? ctx.services.oversight.thread(parsed.id) : null;
        default:
          return null;
      }
    } catch (error) {
      if (error instanceof AppError && error.extensions['code'] === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
