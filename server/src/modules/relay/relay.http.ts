// The relay's HTTP routes (outside GraphQL: files, images and pages a mail client opens):
//   POST /relay/uploads?filename=…   console attachment upload (raw body), scanned, answers an upload token
//   GET  /relay/attachments/:id      attachment download for the thread's parties and admins (admins audited)
//   GET  /relay/r/<token>.gif        the read pixel of a relayed email
//   GET  /relay/abuse/<token>        report-abuse page; POST to the same URL records the report
// Uploads authenticate like /graphql (session cookie or bearer token) and need the same CSRF header as
// lead uploads, which a cross-site form cannot send.
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import { isPlatformAdmin } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { credentialOf } from '../../platform/http/cookies.js';
import { parseGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { SessionService } from '../identity/session.service.js';
import { UPLOAD_CSRF_HEADER } from '../leads/upload.http.js';
import { RelayRefusal } from './relay.errors.js';
import { allowRelayAddresses, redactFilename } from './relay.redact.js';
import type { RelayServiceImpl } from './relay.service.js';
import { PIXEL_TOKEN_PATTERN, parseAbuseToken } from './relay.tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** Uploads per user per hour: files are stored before they are attached, so unattached ones cost disk. */
const UPLOAD_RATE_LIMIT = { name: 'relay:upload', limit: 120, windowMs: 60 * 60 * 1000 };

function refuse(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

/** Reads a request body up to `maxBytes`; past that, stops keeping it and says so. */
function readBody(req: Request, maxBytes: number): Promise<Buffer | 'TOO_LARGE'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.resume();
        resolve('TOO_LARGE');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/** A file name as the other party of the message sees it (the writer's side and admins get the original). */
function redactedFilename(domain: string, filename: string): string {
  return redactFilename(filename, { allowEmail: allowRelayAddresses(domain) }).text;
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'attachment';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
}

function sendPage(res: Response, status: number, title: string, body: string): void {
  res.status(status);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  res.setHeader('x-content-type-options', 'nosniff');
  res.send(page(title, body));
}

export function relayHttpRoutes(platform: Platform, services: { relay: RelayServiceImpl; sessions: SessionService }): express.Router {
  const router = express.Router();
  const { relay, sessions } = services;
  const pool = platform.database.pool;

  router.post('/relay/uploads', async (req, res, next) => {
    try {
      if (!req.headers[UPLOAD_CSRF_HEADER]) {
        return refuse(res, 400, 'CSRF_HEADER_MISSING', `Send the ${UPLOAD_CSRF_HEADER} header with uploads.`);
      }
      const { principal } = await sessions.resolveWithViewer(credentialOf(req.headers));
      if (principal.kind !== 'user') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to upload.');
      const filename = typeof req.query['filename'] === 'string' ? req.query['filename'].trim() : '';
      if (!filename) return refuse(res, 400, 'BAD_REQUEST', 'Name the file: POST /relay/uploads?filename=<name>.');
      const { maxAttachmentBytes } = await relay.settings.get();
      const tooLarge = () => {
        // The rest of the body is not read: the connection closes after the answer.
        res.setHeader('connection', 'close');
        refuse(res, 413, 'TOO_LARGE', `The file is larger than ${maxAttachmentBytes} bytes.`);
        res.once('finish', () => req.destroy());
      };
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxAttachmentBytes) return tooLarge();
      const limit = await platform.limiter.hit(UPLOAD_RATE_LIMIT, principal.userId);
      if (!limit.allowed) {
        res.setHeader('retry-after', String(Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000))));
        return refuse(res, 429, 'RATE_LIMITED', 'Too many uploads; try again later.');
      }
      const body = await readBody(req, maxAttachmentBytes);
      if (body === 'TOO_LARGE') return tooLarge();
      const upload = await relay.upload(principal.userId, {
        filename,
        contentType: req.headers['content-type'] ?? 'application/octet-stream',
        content: body,
      });
      res.status(201).json(upload);
    } catch (error) {
      if (error instanceof RelayRefusal) {
        const status = error.code === 'TOO_LARGE' ? 413 : error.code === 'ATTACHMENT_REFUSED' ? 422 : 400;
        refuse(res, status, error.code, error.message);
      } else next(error);
    }
  });

  router.get('/relay/attachments/:id', async (req, res, next) => {
    try {
      const { principal } = await sessions.resolveWithViewer(credentialOf(req.headers));
      if (principal.kind !== 'user') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download.');
      const param = String(req.params['id']);
      const global = parseGlobalId(param);
      const id = UUID.test(param) ? param : global?.type === 'RelayAttachment' ? global.id : null;
      const notFound = () => refuse(res, 404, 'NOT_FOUND', 'Attachment was not found.');
      if (!id) return notFound();
      const { rows } = await pool.query<{
        filename: string;
        contentType: string;
        sizeBytes: number;
        storageKey: string;
        direction: 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
        threadId: string;
        workspaceId: string;
        userId: string | null;
        member: boolean;
      }>(
        `SELECT a.filename, a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.storage_key AS "storageKey", m.direction,
                t.id AS "threadId", t.workspace_id AS "workspaceId", t.user_id AS "userId",
                EXISTS (SELECT 1 FROM workspace_memberships wm WHERE wm.workspace_id = t.workspace_id AND wm.user_id = $2) AS member
           FROM relay_attachments a JOIN relay_messages m ON m.id = a.message_id JOIN relay_threads t ON t.id = m.thread_id
          WHERE a.id = $1`,
        [id, principal.userId],
      );
      const attachment = rows[0];
      // Not a party and not an admin: the same answer as for an id that does not exist.
      const endUser = !!attachment && attachment.userId === principal.userId;
      const party = !!attachment && (endUser || attachment.member);
      if (!attachment || (!party && !isPlatformAdmin(principal))) return notFound();
      // The writer's side gets its own file name; the other party the redacted one (as in its console); admins the original.
      const writer = attachment.direction === 'PROVIDER_TO_USER' ? attachment.member : endUser;
      const filename =
        writer || isPlatformAdmin(principal) ? attachment.filename : redactedFilename(platform.config.RELAY_DOMAIN, attachment.filename);
      if (!party) {
        await recordAudit(
          platform.prisma,
          principal,
          {
            action: 'relay.attachment.download',
            targetType: 'RelayAttachment',
            targetId: id,
            workspaceId: attachment.workspaceId,
            details: { threadId: attachment.threadId, sizeBytes: attachment.sizeBytes, contentType: attachment.contentType },
          },
          res.locals['requestId'] as string | undefined,
        );
      }
      const file = platform.storage.get(attachment.storageKey);
      res.setHeader('content-type', attachment.contentType);
      res.setHeader('content-length', String(attachment.sizeBytes));
      res.setHeader('content-disposition', contentDisposition(filename));
      res.setHeader('x-content-type-options', 'nosniff');
      // Whatever the type, it never runs as a page of ours.
      res.setHeader('content-security-policy', "default-src 'none'; sandbox");
      res.setHeader('cache-control', 'private, no-store');
      await pipeline(file, res);
    } catch (error) {
      next(error);
    }
  });

  router.get('/relay/r/:file', async (req, res) => {
    const match = /^(.+)\.gif$/.exec(String(req.params['file']));
    const token = match?.[1];
    if (token && PIXEL_TOKEN_PATTERN.test(token)) {
      // The image is the same whatever happened: the answer reveals nothing about the token.
      await relay.delivery.markPixelRead(token).catch((error: Error) => {
        platform.log.warn({ err: { message: error.message } }, 'relay: read pixel not recorded');
      });
    }
    res.status(200);
    res.setHeader('content-type', 'image/gif');
    res.setHeader('content-length', String(PIXEL.length));
    res.setHeader('cache-control', 'no-store, no-cache, must-revalidate, private');
    res.setHeader('pragma', 'no-cache');
    res.end(PIXEL);
  });

  // GET only shows the page: mail security scanners open every link, and a GET that reported would
  // report every relayed email. The person confirms with the button (a POST).
  router.get('/relay/abuse/:token', (req, res) => {
    if (!parseAbuseToken(req.params['token'], relay.verpSecret)) {
      return sendPage(res, 404, 'Link not valid', '<p>This report link is not valid. Copy the whole link from the email.</p>');
    }
    sendPage(
      res,
      200,
      'Report abuse',
      `<p>Report this conversation to Hotlead if a message you received through it is spam, abusive or fraudulent.
We review every report; the sender is not told who reported.</p>
<form method="post"><button type="submit">Report this conversation</button></form>`,
    );
  });

  router.post('/relay/abuse/:token', async (req, res, next) => {
    try {
      const messageId = parseAbuseToken(req.params['token'], relay.verpSecret);
      if (!messageId) return sendPage(res, 404, 'Link not valid', '<p>This report link is not valid.</p>');
      const limit = await platform.limiter.hit({ name: 'relay:abuse', limit: 10, windowMs: 60 * 60 * 1000 }, messageId);
      if (limit.allowed) {
        const { rows } = await pool.query<{ threadId: string }>(`SELECT thread_id AS "threadId" FROM relay_messages WHERE id = $1`, [
          messageId,
        ]);
        const { rowCount } = await pool.query(`SELECT 1 FROM relay_events WHERE kind = 'ABUSE_REPORTED' AND message_id = $1 LIMIT 1`, [
          messageId,
        ]);
        if (!rowCount) {
          await relay.logEvent({
            kind: 'ABUSE_REPORTED',
            threadId: rows[0]?.threadId ?? null,
            messageId,
            reason: 'reported by the recipient',
          });
        }
      }
      sendPage(res, 200, 'Thank you', '<p>Thank you. Your report was recorded and will be reviewed by the Hotlead team.</p>');
    } catch (error) {
      next(error);
    }
  });

  return router;
}
