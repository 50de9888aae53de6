// Partner lead uploads: receiving the file, the mapping preview, starting, cancelling and retrying
// the import, admin review, listings and the rejected-rows CSV. The import itself runs in a job
// (import.service.ts). Every read and write is scoped to the uploading partner org or a platform admin.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  autoMapColumns,
  csvCell,
  detectDelimiter,
  headerKey,
  LEAD_FIELDS,
  mappingProblems,
  normalizeRow,
  sniffEncoding,
  sniffFileKind,
  type LeadField,
  type RowResult,
  type TextEncodingName,
} from '@hotlead/domain';
import type { Prisma } from '@hotlead/prisma';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { withTransaction } from '../../platform/db/sql.js';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { FileTooLargeError } from '../../platform/storage/storage.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';
import { ImportFileError, readCsvRecords, type CsvRecord } from './csv.reader.js';
import { afterCursor, NEWEST_FIRST, type CreatedAtCursor } from '../../platform/db/keyset.js';
import { fail, LeadsErrorCode, ok, UploadRefused, type LeadsOutcome } from './leads.errors.js';
import type { QualityService } from './quality.service.js';

export const IMPORT_JOB = 'leads.import';
export const PREVIEW_ROWS = 20;
const HEAD_BYTES = 64 * 1024;

export const UPLOAD_SELECT = {
  id: true,
  partnerOrgId: true,
  uploadedById: true,
  fileName: true,
  sizeBytes: true,
  encoding: true,
  delimiter: true,
  headers: true,
  status: true,
  reviewStatus: true,
  reviewReasons: true,
  reviewNote: true,
  reviewedAt: true,
  industryId: true,
  minPrice: true,
  defaultCountry: true,
  mapping: true,
  rowsRead: true,
  accepted: true,
  rejected: true,
  duplicates: true,
  verified: true,
  probableDuplicates: true,
  error: true,
  attempts: true,
  cancelRequested: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.LeadUploadSelect;

export type UploadRow = Prisma.LeadUploadGetPayload<{ select: typeof UPLOAD_SELECT }>;

export interface PreviewResult {
  headers: string[];
  mapping: (LeadField | null)[];
  mappingProblems: string[];
  rows: { row: number; fields: string[]; result: RowResult }[];
}

export interface StartInput {
  uploadId: string;
  mapping: (LeadField | null)[];
  industryId: string;
  minPrice: string | null;
  defaultCountry: string;
  lawfulBasisConfirmed: boolean;
}

const MIN_PRICE_PATTERN = /^\d{1,4}(\.\d{1,4})?$/;

async function readHead(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, limit);
}

export class UploadService {
  constructor(
    private readonly platform: Platform,
    private readonly partnerOrgs: PartnerOrgService,
    private readonly quality: QualityService,
  ) {}

  private get prisma() {
    return this.platform.prisma;
  }

  /** The upload when the principal may see it (its partner org's members, platform admins). */
  async get(principal: Principal, uploadId: string): Promise<UploadRow> {
    const upload = await this.prisma.leadUpload.findUnique({ where: { id: uploadId }, select: UPLOAD_SELECT });
    if (!upload) throw notFound('Upload');
    if (isPlatformAdmin(principal)) return upload;
    const role = principal.kind === 'user' ? await this.partnerOrgs.roleOf(principal.userId, upload.partnerOrgId) : null;
    if (!partnerOrgPolicy.canUploadLeads(role)) throw notFound('Upload');
    return upload;
  }

  private async requireUploader(principal: Principal, partnerOrgId: string): Promise<UserPrincipal> {
    if (principal.kind !== 'user') throw forbidden('Uploads are made by partner members.');
    const role = await this.partnerOrgs.roleOf(principal.userId, partnerOrgId);
    if (!partnerOrgPolicy.canUploadLeads(role)) throw notFound('Partner org');
    return principal;
  }

  private async suspension(partnerOrgId: string): Promise<string | null> {
    const org = await this.prisma.partnerOrg.findUnique({
      where: { id: partnerOrgId },
      select: { uploadsSuspended: true, uploadsSuspendedReason: true },
    });
    if (!org) throw notFound('Partner org');
    return org.uploadsSuspended
      ? `Uploads are suspended for this partner organization${org.uploadsSuspendedReason ? `: ${org.uploadsSuspendedReason}` : ''}. Contact Hotlead support.`
      : null;
  }

  /**
   * Stores an uploaded file and checks that it is a CSV with a header and data rows. A refused file
   * is deleted again and answered with an UploadRefused naming the problem.
   */
  async receive(principal: Principal, partnerOrgId: string, fileName: string, body: Readable): Promise<UploadRow> {
    const user = await this.requireUploader(principal, partnerOrgId);
    const suspended = await this.suspension(partnerOrgId);
    if (suspended) {
      body.resume();
      throw new UploadRefused(403, 'UPLOADS_SUSPENDED', suspended);
    }
    const id = randomUUID();
    const storageKey = `uploads/${partnerOrgId}/${id}.csv`;
    const { storage, config } = this.platform;
    let sizeBytes: number;
    try {
      ({ sizeBytes } = await storage.put(storageKey, body, { maxBytes: config.UPLOAD_MAX_BYTES }));
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        throw new UploadRefused(413, 'FILE_TOO_LARGE', `The file is larger than ${Math.round(config.UPLOAD_MAX_BYTES / 1024 / 1024)} MB.`);
      }
      throw error;
    }
    try {
      const head = await readHead(storage.get(storageKey), HEAD_BYTES);
      const kind = sniffFileKind(head);
      if (kind === 'empty') throw new UploadRefused(400, 'EMPTY_FILE', 'The file is empty.');
      if (kind === 'xlsx' || kind === 'xls') {
        throw new UploadRefused(
          415,
          'EXCEL_FILE',
          'This is an Excel workbook, not a CSV file. In Excel choose File → Save As → "CSV UTF-8" and upload that file.',
        );
      }
      if (kind === 'binary') {
        throw new UploadRefused(415, 'NOT_TEXT', 'This file is not a CSV text file: it contains binary data.');
      }
      const { encoding, bomLength } = sniffEncoding(head);
      const sample = new TextDecoder(encoding).decode(head.subarray(bomLength));
      const delimiter = detectDelimiter(sample);
      const { headers, rows } = await this.inspect({ storageKey, encoding, delimiter, bomLength }, 1);
      if (headers.every((h) => h.trim() === '')) {
        throw new UploadRefused(400, 'NO_HEADER', 'Row 1 must be a header row naming the columns (Email, First name, …).');
      }
      if (rows.length === 0) throw new UploadRefused(400, 'NO_DATA_ROWS', 'The file has a header row but no data rows.');
      const upload = await this.prisma.leadUpload.create({
        data: {
          id,
          partnerOrgId,
          uploadedById: user.userId,
          fileName: fileName.slice(0, 255) || 'upload.csv',
          storageKey,
          sizeBytes: BigInt(sizeBytes),
          encoding,
          delimiter,
          headers,
        },
        select: UPLOAD_SELECT,
      });
      return upload;
    } catch (error) {
      await storage.delete(storageKey);
      if (error instanceof ImportFileError) throw new UploadRefused(400, 'INVALID_CSV', error.message);
      throw error;
    }
  }

  /** The header and the first `limit` data records of a stored file. */
  private async inspect(
    file: { storageKey: string; encoding: string; delimiter: string; bomLength?: number },
    limit: number,
  ): Promise<{ headers: string[]; rows: CsvRecord[] }> {
    const encoding = file.encoding as TextEncodingName;
    const bomLength = file.bomLength ?? (await this.bomLength(file.storageKey));
    const records = readCsvRecords(this.platform.storage.get(file.storageKey, { start: bomLength }), {
      encoding,
      delimiter: file.delimiter,
    });
    let headers: string[] | null = null;
    const rows: CsvRecord[] = [];
    for await (const record of records) {
      if (!headers) headers = record.fields;
      else rows.push(record);
      if (rows.length >= limit) break;
    }
    return { headers: headers ?? [], rows };
  }

  async bomLength(storageKey: string): Promise<number> {
    return sniffEncoding(await readHead(this.platform.storage.get(storageKey, { start: 0, end: 3 }), 4)).bomLength;
  }

  /** The partner's saved column choices, by normalized header. */
  async savedMapping(partnerOrgId: string): Promise<Map<string, LeadField | null>> {
    const rows = await this.prisma.partnerColumnMapping.findMany({ where: { partnerOrgId }, select: { headerKey: true, field: true } });
    const fields = new Set<string>(LEAD_FIELDS);
    return new Map(rows.map((r) => [r.headerKey, r.field && fields.has(r.field) ? (r.field as LeadField) : null]));
  }

  /** The first 20 rows as they would import with `mapping` (or the automatic one). */
  async preview(principal: Principal, uploadId: string, mapping: (LeadField | null)[] | null): Promise<PreviewResult> {
    const upload = await this.get(principal, uploadId);
    const storageKey = await this.storageKeyOf(uploadId);
    const { headers, rows } = await this.inspect({ storageKey, encoding: upload.encoding, delimiter: upload.delimiter }, PREVIEW_ROWS);
    const chosen =
      mapping ?? (upload.mapping as (LeadField | null)[] | null) ?? autoMapColumns(headers, await this.savedMapping(upload.partnerOrgId));
    const problems =
      chosen.length === headers.length ? mappingProblems(chosen) : [`The mapping must have one entry per column (${headers.length}).`];
    const options = { defaultCountry: upload.defaultCountry, now: new Date() };
    return {
      headers,
      mapping: chosen,
      mappingProblems: problems,
      rows: rows.map((r) => ({
        row: r.row,
        fields: r.fields,
        result:
          problems.length > 0
            ? { ok: false, code: 'COLUMN_COUNT', message: 'Fix the column mapping first.' }
            : normalizeRow(r.fields, chosen, options),
      })),
    };
  }

  private async storageKeyOf(uploadId: string): Promise<string> {
    const row = await this.prisma.leadUpload.findUniqueOrThrow({ where: { id: uploadId }, select: { storageKey: true } });
    return row.storageKey;
  }

  /** Saves the mapping for next time, decides the review gate and queues the import. */
  async start(principal: Principal, input: StartInput): Promise<LeadsOutcome<UploadRow>> {
    const upload = await this.get(principal, input.uploadId);
    const user = await this.requireUploader(principal, upload.partnerOrgId).catch(() => null);
    if (!user) return fail(LeadsErrorCode.NOT_ALLOWED, 'Only members of the partner organization can start its imports.');
    if (upload.status !== 'UPLOADED') {
      return fail(LeadsErrorCode.WRONG_STATE, `This import has already been started (it is ${upload.status.toLowerCase()}).`);
    }
    const suspended = await this.suspension(upload.partnerOrgId);
    if (suspended) return fail(LeadsErrorCode.UPLOADS_SUSPENDED, suspended);
    if (input.mapping.length !== upload.headers.length) {
      return fail(LeadsErrorCode.INVALID_MAPPING, `The mapping must have one entry per column (${upload.headers.length}).`, ['mapping']);
    }
    const problems = mappingProblems(input.mapping);
    if (problems.length > 0) return fail(LeadsErrorCode.INVALID_MAPPING, problems.join(' '), ['mapping']);
    if (!input.lawfulBasisConfirmed) {
      return fail(
        LeadsErrorCode.CONFIRMATION_REQUIRED,
        'Confirm that these contacts were collected lawfully and may be offered for B2B outreach.',
        ['lawfulBasisConfirmed'],
      );
    }
    const industry = await this.prisma.industry.findUnique({ where: { id: input.industryId }, select: { id: true } });
    if (!industry) return fail(LeadsErrorCode.INVALID_INPUT, 'Choose an industry from the list.', ['industryId']);
    if (input.minPrice !== null && !MIN_PRICE_PATTERN.test(input.minPrice)) {
      return fail(LeadsErrorCode.INVALID_INPUT, 'The minimum price must be between $0 and $9,999.9999, e.g. 0.25.', ['minPrice']);
    }
    const country = input.defaultCountry.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) {
      return fail(LeadsErrorCode.INVALID_INPUT, 'The default country must be a two-letter code such as US.', ['defaultCountry']);
    }
    const reasons = await this.quality.reviewReasons(upload.partnerOrgId);
    const started = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.leadUpload.updateMany({
        where: { id: upload.id, status: 'UPLOADED' },
        data: {
          status: 'QUEUED',
          mapping: input.mapping,
          industryId: industry.id,
          minPrice: input.minPrice,
          defaultCountry: country,
          reviewStatus: reasons.length > 0 ? 'PENDING' : 'NOT_REQUIRED',
          reviewReasons: reasons,
        },
      });
      if (claimed.count === 0) return null;
      for (const [index, header] of upload.headers.entries()) {
        const key = headerKey(header);
        if (!key) continue;
        const field = input.mapping[index] ?? null;
        await tx.partnerColumnMapping.upsert({
          where: { partnerOrgId_headerKey: { partnerOrgId: upload.partnerOrgId, headerKey: key } },
          create: { partnerOrgId: upload.partnerOrgId, headerKey: key, field },
          update: { field },
        });
      }
      await recordAudit(tx, principal, {
        action: 'lead_upload.gate',
        targetType: 'LeadUpload',
        targetId: upload.id,
        partnerOrgId: upload.partnerOrgId,
        details: { review: reasons.length > 0, reasons },
      });
      return tx.leadUpload.findUniqueOrThrow({ where: { id: upload.id }, select: UPLOAD_SELECT });
    });
    if (!started) return fail(LeadsErrorCode.WRONG_STATE, 'This import has already been started.');
    await this.platform.jobs.send(IMPORT_JOB, { uploadId: upload.id });
    this.published(upload.id);
    return ok(started);
  }

  /** Stops an import: one not started yet ends at once; a running one stops at its next chunk and removes its leads. */
  async cancel(principal: Principal, uploadId: string): Promise<LeadsOutcome<UploadRow>> {
    const upload = await this.get(principal, uploadId);
    if (upload.status === 'UPLOADED') {
      await this.prisma.leadUpload.updateMany({
        where: { id: uploadId, status: 'UPLOADED' },
        data: { status: 'CANCELED', finishedAt: new Date() },
      });
    } else if (upload.status === 'QUEUED' || upload.status === 'PROCESSING') {
      await this.prisma.leadUpload.update({ where: { id: uploadId }, data: { cancelRequested: true } });
      await this.platform.jobs.send(IMPORT_JOB, { uploadId });
    } else {
      return fail(LeadsErrorCode.WRONG_STATE, `This import has already ended (${upload.status.toLowerCase()}).`);
    }
    await recordAudit(this.prisma, principal, {
      action: 'lead_upload.cancel',
      targetType: 'LeadUpload',
      targetId: uploadId,
      partnerOrgId: upload.partnerOrgId,
    });
    this.published(uploadId);
    return ok(await this.get(principal, uploadId));
  }

  /** Starts a failed import again from the beginning (a failed import keeps nothing). */
  async retry(principal: Principal, uploadId: string): Promise<LeadsOutcome<UploadRow>> {
    const upload = await this.get(principal, uploadId);
    if (upload.status !== 'FAILED') return fail(LeadsErrorCode.WRONG_STATE, 'Only a failed import can be retried.');
    const suspended = await this.suspension(upload.partnerOrgId);
    if (suspended) return fail(LeadsErrorCode.UPLOADS_SUSPENDED, suspended);
    await this.prisma.leadUpload.update({
      where: { id: uploadId },
      data: { status: 'QUEUED', error: null, attempts: 0, finishedAt: null, cancelRequested: false },
    });
    await recordAudit(this.prisma, principal, {
      action: 'lead_upload.retry',
      targetType: 'LeadUpload',
      targetId: uploadId,
      partnerOrgId: upload.partnerOrgId,
    });
    await this.platform.jobs.send(IMPORT_JOB, { uploadId });
    this.published(uploadId);
    return ok(await this.get(principal, uploadId));
  }

  /**
   * Admin decision on an upload waiting for review: approval lists its leads (and completes the
   * partner's first-100-leads review); rejection removes its unsold leads.
   */
  async review(principal: Principal, uploadId: string, approve: boolean, note: string): Promise<LeadsOutcome<UploadRow>> {
    if (!isPlatformAdmin(principal)) throw forbidden();
    const trimmed = note.trim();
    if (!approve && trimmed.length === 0) {
      return fail(LeadsErrorCode.INVALID_INPUT, 'Say why the upload is rejected; the partner sees this note.', ['note']);
    }
    if (trimmed.length > 2000) return fail(LeadsErrorCode.INVALID_INPUT, 'The note is too long (2,000 characters at most).', ['note']);
    const upload = await this.get(principal, uploadId);
    if (upload.reviewStatus !== 'PENDING') return fail(LeadsErrorCode.WRONG_STATE, 'This upload is not waiting for review.');
    if (upload.status !== 'COMPLETED') return fail(LeadsErrorCode.WRONG_STATE, 'Review the upload once its import has finished.');
    const reviewerId = principal.kind === 'user' ? principal.userId : null;
    await withTransaction(this.platform.database.pool, async (tx) => {
      const claimed = await tx.query(
        `UPDATE lead_uploads SET review_status = $2, review_note = $3, reviewed_by_id = $4, reviewed_at = now(), updated_at = now()
          WHERE id = $1 AND review_status = 'PENDING'`,
        [uploadId, approve ? 'APPROVED' : 'REJECTED', trimmed || null, reviewerId],
      );
      if (claimed.rowCount === 0) return;
      if (approve) {
        await tx.query(`UPDATE leads SET status = 'LISTED', updated_at = now() WHERE upload_id = $1 AND status = 'PENDING_REVIEW'`, [
          uploadId,
        ]);
        await tx.query(`UPDATE partner_orgs SET first_review_done_at = COALESCE(first_review_done_at, now()) WHERE id = $1`, [
          upload.partnerOrgId,
        ]);
      } else {
        await tx.query(`DELETE FROM leads WHERE upload_id = $1 AND sold_count = 0`, [uploadId]);
        await tx.query(`UPDATE leads SET status = 'ARCHIVED', updated_at = now() WHERE upload_id = $1`, [uploadId]);
      }
      await tx.query(
        `INSERT INTO audit_log (actor_kind, actor_user_id, action, target_type, target_id, partner_org_id, details)
         VALUES ('USER', $1, $2, 'LeadUpload', $3, $4, $5::jsonb)`,
        [
          reviewerId,
          approve ? 'lead_upload.approve' : 'lead_upload.reject',
          uploadId,
          upload.partnerOrgId,
          JSON.stringify({ note: trimmed }),
        ],
      );
    });
    await this.quality.refresh(upload.partnerOrgId);
    this.published(uploadId);
    return ok(await this.get(principal, uploadId));
  }

  async list(
    principal: Principal,
    filter: { partnerOrgId?: string | null; status?: UploadRow['status'] | null; reviewStatus?: UploadRow['reviewStatus'] | null },
    page: { first: number; after: CreatedAtCursor | null },
  ): Promise<{ rows: UploadRow[]; total: number }> {
    if (filter.partnerOrgId) await this.partnerOrgs.viewable(principal, filter.partnerOrgId);
    else if (!isPlatformAdmin(principal)) throw badInput('Say whose uploads to list (partnerOrgId).');
    const where: Prisma.LeadUploadWhereInput = {
      ...(filter.partnerOrgId ? { partnerOrgId: filter.partnerOrgId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.reviewStatus ? { reviewStatus: filter.reviewStatus } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.leadUpload.findMany({
        where: afterCursor(where, page.after),
        orderBy: NEWEST_FIRST,
        take: page.first,
        select: UPLOAD_SELECT,
      }),
      this.prisma.leadUpload.count({ where }),
    ]);
    return { rows, total };
  }

  /** Leads sold from an upload (for the history's "sold" column). */
  async soldCount(uploadId: string): Promise<number> {
    return this.prisma.lead.count({ where: { uploadId, soldCount: { gt: 0 } } });
  }

  /** The rejected and duplicate rows as CSV: the original columns, then the row number, code and reason. */
  async *rejectedRowsCsv(principal: Principal, uploadId: string): AsyncGenerator<string> {
    const upload = await this.get(principal, uploadId);
    yield '\uFEFF' + [...upload.headers, 'row', 'reason_code', 'reason'].map(csvCell).join(',') + '\r\n';
    let after = 0;
    for (;;) {
      const batch = await this.prisma.leadUploadRejection.findMany({
        where: { uploadId, rowNumber: { gt: after } },
        orderBy: { rowNumber: 'asc' },
        take: 1000,
        select: { rowNumber: true, code: true, message: true, fields: true },
      });
      if (batch.length === 0) return;
      yield batch.map((r) => [...r.fields, String(r.rowNumber), r.code, r.message].map(csvCell).join(',') + '\r\n').join('');
      after = batch[batch.length - 1]!.rowNumber;
    }
  }

  published(uploadId: string): void {
    this.platform.pubsub.publish(Topic.LEAD_UPLOAD_PROGRESS, uploadId, { uploadId });
  }
}
