// Granting and removing the platform ADMIN role. Not reachable through the API: the demo seed makes
// the first admin locally, and `pnpm --filter @hotlead/server admin:grant <email>` does it on a real
// deployment (someone with database access). Every change is audited.
import { normalizeEmail } from '@hotlead/domain';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/client.js';

export async function setPlatformAdmin(prisma: Db, email: string, admin: boolean): Promise<'changed' | 'unchanged' | 'no such user'> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, platformRole: true } });
    if (!user) return 'no such user';
    if ((user.platformRole === 'ADMIN') === admin) return 'unchanged';
    await tx.user.update({ where: { id: user.id }, data: { platformRole: admin ? 'ADMIN' : null } });
    await recordAudit(tx, 'SYSTEM', {
      action: admin ? 'platform_admin.granted' : 'platform_admin.revoked',
      targetType: 'User',
      targetId: user.id,
    });
    return 'changed';
  });
}
