import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { WorkspaceKindEnum } from '../identity/identity.enums.js';
import {
  AdminPartnerOrgConnection,
  AdminUserConnection,
  AdminWorkspaceConnection,
  DevMailboxMessage,
  DevMailboxMessageConnection,
} from './admin.type.js';

@Resolver()
export class AdminResolver {
  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminUserConnection, { description: 'Every account, newest first.' })
  adminUsers(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.admin.users({ ...page, search });
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminWorkspaceConnection, { description: 'Every workspace, newest first.' })
  adminWorkspaces(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('kind', () => WorkspaceKindEnum, { nullable: true }) kind: WorkspaceKindEnum | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.admin.workspaces({ ...page, search, kind });
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminPartnerOrgConnection, { description: 'Every partner org, newest first.' })
  adminPartnerOrgs(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.admin.partnerOrgs({ ...page, search });
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => DevMailboxMessageConnection, { description: 'Local mail mode: every email the platform sent, newest first.' })
  devMailbox(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.admin.devMailbox({ ...page, search });
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => DevMailboxMessage, { nullable: true })
  devMailboxMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.admin.devMailboxMessage(fromGlobalId(id, 'DevMailboxMessage'));
  }
}
