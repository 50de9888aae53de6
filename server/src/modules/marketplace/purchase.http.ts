// Bought leads as CSV: `GET /purchases/<purchase id>/leads.csv`, for members of the buying workspace,
// free for 90 days after the purchase, at most 10 exports per workspace per day. The file is made by
// the export job (export.service.ts); until it is ready the answer is 409 EXPORT_PREPARING. The export
// mode chosen at checkout decides which emails are included (valid only, or valid + catch-all).
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import { credentialOf } from '../../platform/http/cookies.js';
import { AppError } from '../../platform/graphql/errors.js';
import { fromGlobalId, parseGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { Services } from '../services.js';
import { EXPORT_RATE_LIMIT, exportLimitMessage } from './export.service.js';

function refuse(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

export function purchaseDownloadRoutes(platform: Platform, services: Services): express.Router {
  const router = express.Router();
  router.get('/purchases/:id/leads.csv', async (req: Request, res: Response, next) => {
    try {
      const { principal } = await services.sessions.resolveWithViewer(credentialOf(req.headers));
      if (principal.kind === 'anonymous') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download.');
      const id = String(req.params['id']);
      const purchaseId = parseGlobalId(id)?.type === 'LeadPurchase' ? fromGlobalId(id, 'LeadPurchase') : null;
      if (!purchaseId) return refuse(res, 404, 'NOT_FOUND', 'Purchase was not found.');
      const purchase = await services.checkout.downloadable(principal, purchaseId);
      if (purchase.exportStatus !== 'READY' || !purchase.exportFile) {
        return refuse(res, 409, 'EXPORT_PREPARING', 'The CSV is being prepared; it is ready in a few seconds.');
      }
      const limit = await platform.limiter.hit(EXPORT_RATE_LIMIT, purchase.workspaceId);
      if (!limit.allowed) {
        res.setHeader('retry-after', String(Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000))));
        return refuse(res, 429, 'RATE_LIMITED', exportLimitMessage(limit.resetAt));
      }
      const file = platform.storage.get(purchase.exportFile);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="hotlead-leads-${purchaseId.slice(0, 8)}.csv"`);
      res.setHeader('cache-control', 'no-store');
      await pipeline(file, res);
    } catch (error) {
      if (error instanceof AppError) {
        const code = String(error.extensions['code']);
        refuse(res, code === 'NOT_FOUND' ? 404 : 403, code, error.message);
      } else next(error);
    }
  });
  return router;
}
