// Platform-admin reads across every tenant: people, workspaces, partner orgs and the dev mailbox.
// Newest first, keyset-paginated on (created_at, id).
import type { Prisma } from '@hotlead/prisma';
import type { Platform } from '../../platform/platform.js';
import { COUNT_CAP, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { PlatformRoleEnum, TenantStatusEnum, WorkspaceKindEnum } from '../identity/identity.enums.js';
import { DevMailboxMessage } from './admin.type.js';

interface Page {
  first?: number | null;
  after?: string | null;
  search?: string | null;
}

/** `(createdAt, id) < cursor` for newest-first keyset pages. */
function before(cursor: (string | number)[] | undefined, dateField: string) {
  if (!cursor) return {};
  const [at, id] = cursor as [string, string];
  const date = new Date(at);
  return { OR: [{ [dateField]: { lt: date } }, { [dateField]: date, id: { lt: id } }] };
}

function searchTerm(search: string | null | undefined): string | undefined {
  const term = search?.trim();
  return term ? term.slice(0, 100) : undefined;
}

export class AdminService {
  constructor(private readonly platform: Platform) {}

  async users(page: Page) {
    const first = pageSize(page.first);
    const cursor = decodeCursor(page.after, 2);
    const term = searchTerm(page.search);
    const where: Prisma.UserWhereInput = term
      ? { OR: [{ email: { contains: term, mode: 'insensitive' } }, { name: { contains: term, mode: 'insensitive' } }] }
      : {};
    const [rows, count] = await Promise.all([
      this.platform.prisma.user.findMany({
        where: { AND: [where, before(cursor, 'createdAt')] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        select: {
          id: true,
          email: true,
          name: true,
          emailVerifiedAt: true,
          platformRole: true,
          status: true,
          createdAt: true,
          lastLoginAt: true,
          _count: { select: { memberships: true, partnerMemberships: true } },
        },
      }),
      this.platform.prisma.user.count({ where, take: COUNT_CAP + 1 }),
    ]);
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({
        id: toGlobalId('User', r.id),
        email: r.email,
        name: r.name,
        emailVerified: r.emailVerifiedAt !== null,
        platformRole: r.platformRole as PlatformRoleEnum | null,
        status: r.status,
        createdAt: r.createdAt,
        lastLoginAt: r.lastLoginAt,
        workspaceCount: r._count.memberships,
        partnerOrgCount: r._count.partnerMemberships,
      }),
      count,
    );
  }

  async workspaces(page: Page & { kind?: 'BUYER' | 'PROVIDER' | null }) {
    const first = pageSize(page.first);
    const cursor = decodeCursor(page.after, 2);
    const term = searchTerm(page.search);
    const where: Prisma.WorkspaceWhereInput = {
      ...(page.kind ? { kind: page.kind } : {}),
      ...(term ? { OR: [{ name: { contains: term, mode: 'insensitive' } }, { slug: { contains: term, mode: 'insensitive' } }] } : {}),
    };
    const [rows, count] = await Promise.all([
      this.platform.prisma.workspace.findMany({
        where: { AND: [where, before(cursor, 'createdAt')] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        select: { id: true, name: true, slug: true, kind: true, status: true, createdAt: true, _count: { select: { memberships: true } } },
      }),
      this.platform.prisma.workspace.count({ where, take: COUNT_CAP + 1 }),
    ]);
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({
        id: toGlobalId('Workspace', r.id),
        name: r.name,
        slug: r.slug,
        kind: r.kind as WorkspaceKindEnum,
        status: r.status as TenantStatusEnum,
        createdAt: r.createdAt,
        memberCount: r._count.memberships,
      }),
      count,
    );
  }

  async partnerOrgs(page: Page) {
    const first = pageSize(page.first);
    const cursor = decodeCursor(page.after, 2);
    const term = searchTerm(page.search);
    const where: Prisma.PartnerOrgWhereInput = term
      ? { OR: [{ name: { contains: term, mode: 'insensitive' } }, { slug: { contains: term, mode: 'insensitive' } }] }
      : {};
    const [rows, count] = await Promise.all([
      this.platform.prisma.partnerOrg.findMany({
        where: { AND: [where, before(cursor, 'createdAt')] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        select: {
          id: true,
          name: true,
          slug: true,
          status: true,
          uploadsSuspended: true,
          createdAt: true,
          _count: { select: { members: true } },
        },
      }),
      this.platform.prisma.partnerOrg.count({ where, take: COUNT_CAP + 1 }),
    ]);
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({
        id: toGlobalId('PartnerOrg', r.id),
        name: r.name,
        slug: r.slug,
        status: r.status as TenantStatusEnum,
        uploadsSuspended: r.uploadsSuspended,
        createdAt: r.createdAt,
        memberCount: r._count.members,
      }),
      count,
    );
  }

  async devMailbox(page: Page) {
    const first = pageSize(page.first);
    const cursor = decodeCursor(page.after, 2);
    const term = searchTerm(page.search);
    const where: Prisma.DevMailboxMessageWhereInput = term
      ? { OR: [{ subject: { contains: term, mode: 'insensitive' } }, { toAddresses: { has: term.toLowerCase() } }] }
      : {};
    const select = {
      id: true,
      messageId: true,
      fromAddress: true,
      toAddresses: true,
      subject: true,
      textBody: true,
      htmlBody: true,
      receivedAt: true,
    } as const;
    const [rows, count] = await Promise.all([
      this.platform.prisma.devMailboxMessage.findMany({
        where: { AND: [where, before(cursor, 'receivedAt')] },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        select,
      }),
      this.platform.prisma.devMailboxMessage.count({ where, take: COUNT_CAP + 1 }),
    ]);
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.receivedAt.toISOString(), r.id],
      (r) => DevMailboxMessage.from(r),
      count,
    );
  }

  async devMailboxMessage(id: string) {
    const row = await this.platform.prisma.devMailboxMessage.findUnique({
      where: { id },
      select: {
        id: true,
        messageId: true,
        fromAddress: true,
        toAddresses: true,
        subject: true,
        textBody: true,
        htmlBody: true,
        receivedAt: true,
      },
    });
    return row ? DevMailboxMessage.from(row) : null;
  }
}
