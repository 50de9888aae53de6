// The upload transport, outside GraphQL because files are streamed: `POST /uploads/leads` (multipart,
// one `file` field) stores the file and answers the new upload; `GET /uploads/leads/:id/rejected.csv`
// streams its rejected rows. Both authenticate like /graphql (session cookie or bearer token).
// CSRF: the POST must carry the `x-hotlead-upload` header, which a cross-site form cannot send and
// a cross-site script cannot send without a CORS preflight this server never approves.
import busboy from 'busboy';
import express, { type Request, type Response } from 'express';
import type { Services } from '../services.js';
import { credentialOf } from '../../platform/http/cookies.js';
import type { Platform } from '../../platform/platform.js';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { AppError } from '../../platform/graphql/errors.js';
import { UploadRefused } from './leads.errors.js';

export const UPLOAD_CSRF_HEADER = 'x-hotlead-upload';

function refuse(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: { code, message } });
}

export function leadUploadRoutes(platform: Platform, services: Services): express.Router {
  const router = express.Router();

  const principalOf = async (req: Request) => (await services.sessions.resolveWithViewer(credentialOf(req.headers))).principal;

  router.post('/uploads/leads', async (req, res, next) => {
    try {
      if (!req.headers[UPLOAD_CSRF_HEADER]) {
        refuse(res, 400, 'CSRF_HEADER_MISSING', `Send the ${UPLOAD_CSRF_HEADER} header with uploads.`);
        return;
      }
      const principal = await principalOf(req);
      if (principal.kind === 'anonymous') {
        refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to upload.');
        return;
      }
      const orgParam = typeof req.query['partnerOrgId'] === 'string' ? req.query['partnerOrgId'] : '';
      const partnerOrgId = parseGlobalId(orgParam)?.type === 'PartnerOrg' ? fromGlobalId(orgParam, 'PartnerOrg') : null;
      if (!partnerOrgId) {
        refuse(res, 400, 'BAD_REQUEST', 'Say which partner organization the upload is for (?partnerOrgId=…).');
        return;
      }
      if (!req.headers['content-type']?.startsWith('multipart/form-data')) {
        refuse(res, 400, 'BAD_REQUEST', 'Send the file as multipart/form-data in a field named "file".');
        return;
      }
      const bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 5, fileSize: platform.config.UPLOAD_MAX_BYTES + 1 },
        defParamCharset: 'utf8',
      });
      let handled = false;
      bb.on('file', (field, file, info) => {
        if (field !== 'file' || handled) {
          file.resume();
          return;
        }
        handled = true;
        services.uploads
          .receive(principal, partnerOrgId, info.filename ?? 'upload.csv', file)
          .then((upload) =>
            res.status(201).json({
              upload: {
                id: toGlobalId('LeadUpload', upload.id),
                fileName: upload.fileName,
                sizeBytes: Number(upload.sizeBytes),
                encoding: upload.encoding,
                delimiter: upload.delimiter,
                headers: upload.headers,
              },
            }),
          )
          .catch((error: unknown) => {
            file.resume();
            if (error instanceof UploadRefused) refuse(res, error.status, error.code, error.message);
            else if (error instanceof AppError)
              refuse(res, error.extensions['code'] === 'NOT_FOUND' ? 404 : 403, String(error.extensions['code']), error.message);
            else next(error);
          });
      });
      bb.on('error', () => refuse(res, 400, 'BAD_REQUEST', 'The upload was cut off or is not valid multipart data.'));
      bb.on('close', () => {
        if (!handled) refuse(res, 400, 'NO_FILE', 'No file was sent (use a multipart field named "file").');
      });
      req.pipe(bb);
    } catch (error) {
      next(error);
    }
  });

  router.get('/uploads/leads/:id/rejected.csv', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      if (principal.kind === 'anonymous') {
        refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download.');
        return;
      }
      const id = String(req.params['id']);
      const uploadId = parseGlobalId(id)?.type === 'LeadUpload' ? fromGlobalId(id, 'LeadUpload') : null;
      if (!uploadId) {
        refuse(res, 404, 'NOT_FOUND', 'Upload was not found.');
        return;
      }
      const lines = services.uploads.rejectedRowsCsv(principal, uploadId);
      const first = await lines.next(); // authorizes before any header is sent
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="rejected-rows-${uploadId.slice(0, 8)}.csv"`);
      res.setHeader('cache-control', 'no-store');
      if (!first.done) res.write(first.value);
      for await (const chunk of lines) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      if (error instanceof AppError) refuse(res, 404, 'NOT_FOUND', 'Upload was not found.');
      else next(error);
    }
  });

  return router;
}
