// The audit log: who did what to which record. Rows are immutable (the database refuses UPDATE and
// DELETE). Details hold facts, never secrets or message bodies.
import type { Prisma } from '@hotlead/prisma';
import type { Principal } from './auth/principal.js';
import type { Db } from './db/client.js';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  workspaceId?: string | null;
  partnerOrgId?: string | null;
  details?: Prisma.InputJsonObject;
}

type AuditWriter = Pick<Db, 'auditLogEntry'>;

export async function recordAudit(db: AuditWriter, actor: Principal | 'SYSTEM', event: AuditEvent, requestId?: string): Promise<void> {
  const actorFields =
    actor === 'SYSTEM'
      ? { actorKind: 'SYSTEM', actorUserId: null }
      : actor.kind === 'user'
        ? { actorKind: 'USER', actorUserId: actor.userId }
        : actor.kind === 'apiKey'
          ? { actorKind: 'API_KEY', actorUserId: null }
          : { actorKind: 'ANONYMOUS', actorUserId: null };
  await db.auditLogEntry.create({
    data: {
      ...actorFields,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      workspaceId: event.workspaceId ?? null,
      partnerOrgId: event.partnerOrgId ?? null,
      requestId: requestId ?? null,
      details: {
        ...(event.details ?? {}),
        ...(actor !== 'SYSTEM' && actor.kind === 'apiKey' ? { apiKeyId: actor.apiKeyId } : {}),
      },
    },
  });
}
