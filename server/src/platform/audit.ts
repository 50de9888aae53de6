// The audit log: who did what to which record. Rows are immutable (the database refuses UPDATE and
// DELETE). Details hold facts, never secrets or message bodies.
import type { Prisma } from '@hotlead/prisma';
import type { Principal } from './auth/principal.js';
import type { Db } from './db/client.js';
import type { Sql } from './db/sql.js';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  workspaceId?: string | null;
  partnerOrgId?: string | null;
  details?: Prisma.InputJsonObject;
}

type AuditWriter = Pick<Db, 'auditLogEntry'>;

function actorFieldsOf(actor: Principal | 'SYSTEM'): { actorKind: string; actorUserId: string | null } {
  return actor === 'SYSTEM'
    ? { actorKind: 'SYSTEM', actorUserId: null }
    : actor.kind === 'user'
      ? { actorKind: 'USER', actorUserId: actor.userId }
      : actor.kind === 'apiKey'
        ? { actorKind: 'API_KEY', actorUserId: null }
        : { actorKind: 'ANONYMOUS', actorUserId: null };
}

/** The same record, written inside a raw-SQL transaction (the money paths), so it commits with the change. */
export async function recordAuditSql(sql: Sql, actor: Principal | 'SYSTEM', event: AuditEvent, requestId?: string): Promise<void> {
  const { actorKind, actorUserId } = actorFieldsOf(actor);
  const details = { ...(event.details ?? {}), ...(actor !== 'SYSTEM' && actor.kind === 'apiKey' ? { apiKeyId: actor.apiKeyId } : {}) };
  await sql.query(
    `INSERT INTO audit_log (actor_kind, actor_user_id, action, target_type, target_id, workspace_id, partner_org_id, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [
      actorKind,
      actorUserId,
      event.action,
      event.targetType ?? null,
      event.targetId ?? null,
      event.workspaceId ?? null,
      event.partnerOrgId ?? null,
      requestId ?? null,
      JSON.stringify(details),
    ],
  );
}

export async function recordAudit(db: AuditWriter, actor: Principal | 'SYSTEM', event: AuditEvent, requestId?: string): Promise<void> {
  const actorFields = actorFieldsOf(actor);
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
