// The provider's export of its routed requests: lead metadata and outcomes as CSV, for members of
// the workspace (and platform admins). Metadata only: never a message body, never the end user's
// email or phone — the columns are fixed here and none of them comes from the message store's text.
import { csvCell } from '@hotlead/domain';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import { isPlatformAdmin } from '../../platform/auth/principal.js';
import { credentialOf } from '../../platform/http/cookies.js';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import type { Services } from '../services.js';

export const EXPORT_COLUMNS = [
  'assignment_id',
  'request_id',
  'niche',
  'delivered_at',
  'status',
  'price',
  'outcome',
  'outcome_reason',
  'first_response_at',
  'messages',
  'last_message_at',
  'thread_status',
  'dispute_status',
] as const;

/** Rows read per round trip while streaming. */
const BATCH = 1000;
/** Exports per workspace per hour: generous for people, a brake on scripts. */
export const ASSIGNMENT_EXPORT_RATE_LIMIT: RateLimitRule = {
  name: 'provider-assignments-export:workspace',
  limit: 30,
  windowMs: 3_600_000,
};

interface ExportRow {
  id: string;
  request_id: string;
  niche: string;
  delivered_at: Date;
  status: string;
  price: string;
  outcome: string | null;
  outcome_reason: string | null;
  first_response_at: Date | null;
  messages: number | null;
  last_message_at: Date | null;
  thread_status: string | null;
  dispute_status: string | null;
}

/**
 * A cell of free text: a leading =, +, -, @ (or tab / CR) would make a spreadsheet run it as a
 * formula, so such a value is prefixed with an apostrophe.
 */
export function textCell(value: string | null): string {
  if (value === null) return '';
  return csvCell(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function line(row: ExportRow): string {
  return (
    [
      toGlobalId('RequestAssignment', row.id),
      toGlobalId('ServiceRequest', row.request_id),
      textCell(row.niche),
      row.delivered_at.toISOString(),
      row.status,
      row.price,
      row.outcome ?? '',
      textCell(row.outcome_reason),
      row.first_response_at?.toISOString() ?? '',
      String(row.messages ?? 0),
      row.last_message_at?.toISOString() ?? '',
      row.thread_status ?? '',
      row.dispute_status ?? '',
    ].join(',') + '\r\n'
  );
}

/** The CSV, a batch of rows at a time (keyset on delivered_at, id; newest first). */
export async function* assignmentsCsv(platform: Platform, workspaceId: string): AsyncGenerator<string> {
  yield '\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n';
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const result: { rows: ExportRow[] } = await platform.database.pool.query<ExportRow>(
      `SELECT a.id, a.request_id, n.name AS niche, a.delivered_at, a.status::text AS status, a.price::text AS price,
              a.outcome::text AS outcome, a.outcome_reason, a.first_response_at, t.message_count AS messages,
              t.last_message_at, t.status::text AS thread_status, d.status::text AS dispute_status
         FROM request_assignments a
         JOIN niches n ON n.id = a.niche_id
         LEFT JOIN relay_threads t ON t.assignment_id = a.id
         LEFT JOIN assignment_disputes d ON d.assignment_id = a.id
        WHERE a.workspace_id = $1 AND ($2::timestamptz IS NULL OR (a.delivered_at, a.id) < ($2::timestamptz, $3::uuid))
        ORDER BY a.delivered_at DESC, a.id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, BATCH],
    );
    const rows = result.rows;
    if (rows.length) yield rows.map(line).join('');
    if (rows.length < BATCH) return;
    const last: ExportRow = rows[rows.length - 1]!;
    after = { at: last.delivered_at, id: last.id };
  }
}

function refuse(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

/** `GET /provider/<workspace id>/assignments.csv`: members of the provider workspace, platform admins any. */
export function assignmentExportRoutes(platform: Platform, services: Services): express.Router {
  const router = express.Router();
  router.get('/provider/:workspaceId/assignments.csv', async (req: Request, res: Response, next) => {
    try {
      const principal = await services.sessions.resolve(credentialOf(req.headers));
      if (principal.kind !== 'user') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download.');
      const id = String(req.params['workspaceId']);
      const workspaceId = parseGlobalId(id)?.type === 'Workspace' ? fromGlobalId(id, 'Workspace') : null;
      const workspace = workspaceId
        ? await platform.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { id: true, kind: true } })
        : null;
      const allowed =
        workspace !== null && (isPlatformAdmin(principal) || (await services.workspaces.roleOf(principal.userId, workspace.id)) !== null);
      // Not a member looks exactly like no such workspace.
      if (!workspace || !allowed || workspace.kind !== 'PROVIDER') return refuse(res, 404, 'NOT_FOUND', 'Workspace was not found.');
      const limit = await platform.limiter.hit(ASSIGNMENT_EXPORT_RATE_LIMIT, workspace.id);
      if (!limit.allowed) {
        res.setHeader('retry-after', String(Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000))));
        return refuse(res, 429, 'RATE_LIMITED', 'Too many exports; try again later.');
      }
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="hotlead-assignments-${workspace.id.slice(0, 8)}.csv"`);
      res.setHeader('cache-control', 'no-store');
      await pipeline(Readable.from(assignmentsCsv(platform, workspace.id)), res);
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    }
  });
  return router;
}
