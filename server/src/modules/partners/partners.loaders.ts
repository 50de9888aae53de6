import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/client.js';
import { byKey, groupByKey } from '../identity/identity.loaders.js';
import { PARTNER_ORG_SELECT } from './partnerOrg.type.js';

const MEMBERSHIP_SELECT = { id: true, userId: true, partnerOrgId: true, role: true, createdAt: true } as const;

export function createPartnerLoaders(prisma: Db) {
  return {
    partnerOrgById: () =>
      new DataLoader(async (ids: readonly string[]) =>
        byKey(ids, await prisma.partnerOrg.findMany({ where: { id: { in: [...ids] } }, select: PARTNER_ORG_SELECT }), (o) => o.id),
      ),
    partnerMembershipsByUserId: () =>
      new DataLoader(async (userIds: readonly string[]) =>
        groupByKey(
          userIds,
          await prisma.partnerMembership.findMany({
            where: { userId: { in: [...userIds] } },
            select: MEMBERSHIP_SELECT,
            orderBy: { createdAt: 'asc' },
          }),
          (m) => m.userId,
        ),
      ),
    partnerMembershipsByOrgId: () =>
      new DataLoader(async (orgIds: readonly string[]) =>
        groupByKey(
          orgIds,
          await prisma.partnerMembership.findMany({
            where: { partnerOrgId: { in: [...orgIds] } },
            select: MEMBERSHIP_SELECT,
            orderBy: { createdAt: 'asc' },
          }),
          (m) => m.partnerOrgId,
        ),
      ),
  };
}
