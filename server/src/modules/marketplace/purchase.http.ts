// Bought leads as CSV: `GET /purchases/<purchase id>/leads.csv`, for members of the buying workspace,
// free for 90 days after the purchase. The export mode chosen at checkout decides which emails are
// included (valid only, or valid + catch-all); a lead without an acceptable email keeps its other
// fields. Streamed in batches, so a 10,000-lead purchase never sits in memory whole.
import { csvCell } from '@hotlead/domain';
import express, { type Request, type Response } from 'express';
import { credentialOf } from '../../platform/http/cookies.js';
import { AppError } from '../../platform/graphql/errors.js';
import { fromGlobalId, parseGlobalId } from '../../platform/graphql/ids.js';
import type { Services } from '../services.js';

const COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'job_title',
  'seniority',
  'company_name',
  'company_domain',
  'company_employee_count',
  'industry',
  'country',
  'state',
  'city',
  'postal_code',
  'linkedin_url',
  'email_status',
  'intent_score',
  'freshness_score',
  'price_usd',
  'source',
  'collected_at',
  'lawful_basis',
] as const;

function refuse(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

export function purchaseDownloadRoutes(services: Services): express.Router {
  const router = express.Router();
  router.get('/purchases/:id/leads.csv', async (req: Request, res: Response, next) => {
    try {
      const { principal } = await services.sessions.resolveWithViewer(credentialOf(req.headers));
      if (principal.kind === 'anonymous') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download.');
      const id = String(req.params['id']);
      const purchaseId = parseGlobalId(id)?.type === 'LeadPurchase' ? fromGlobalId(id, 'LeadPurchase') : null;
      if (!purchaseId) return refuse(res, 404, 'NOT_FOUND', 'Purchase was not found.');
      const purchase = await services.checkout.downloadable(principal, purchaseId);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="hotlead-leads-${purchaseId.slice(0, 8)}.csv"`);
      res.setHeader('cache-control', 'no-store');
      res.write('\uFEFF' + COLUMNS.join(',') + '\r\n');
      for await (const rows of services.checkout.purchasedLeads(purchase)) {
        const text = rows.map((r) => COLUMNS.map((c) => csvCell(r[c] == null ? null : String(r[c]))).join(',') + '\r\n').join('');
        if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      if (error instanceof AppError) {
        const code = String(error.extensions['code']);
        refuse(res, code === 'NOT_FOUND' ? 404 : 403, code, error.message);
      } else next(error);
    }
  });
  return router;
}
