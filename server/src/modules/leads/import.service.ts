// The import of one upload, run by the `leads.import` job: stream the stored file, normalize each
// record (packages/domain), and write chunks of leads and rejections. Each chunk commits together
// with the upload's counters and resume point, under the worker's lease (a fencing token), so a crash
// or restart resumes exactly after the last committed chunk: no lead twice, counts always right.
// Exact duplicates are refused by the database's unique keys (email, phone), which also settles two
// partners importing the same file at once: the first commit wins, the other sees duplicates.
import { randomUUID } from 'node:crypto';
import {
  freshnessScore,
  intentScore,
  listPrice,
  normalizeRow,
  type LeadField,
  type NormalizedLead,
  type TextEncodingName,
} from '@hotlead/domain';
import type pg from 'pg';
import { recordAuditSql } from '../../platform/audit.js';
import { pgError, withTransaction, type Sql } from '../../platform/db/sql.js';
import { isSuppressed, suppressedHashes } from './suppressionList.js';
import type { Platform } from '../../platform/platform.js';
import { ImportFileError, readCsvRecords } from './csv.reader.js';
import { B2B_LAWFUL_BASIS, PARTNER_LEAD_SOURCE } from './leads.constants.js';
import type { QualityService } from './quality.service.js';
import { IMPORT_JOB, type UploadService } from './upload.service.js';

export const VERIFY_JOB = 'leads.verify';
export const FUZZY_DEDUP_JOB = 'leads.fuzzy-dedup';

const CHUNK_ROWS = 2_000;
/** Chunks written at once: PostgreSQL inserts one on each core while this process parses the next. */
const PIPELINE_DEPTH = 2;
const LEASE_SECONDS = 30;
/** Attempts after crashes or transient faults before the import is marked failed. */
const MAX_ATTEMPTS = 5;
const PROGRESS_EVERY_MS = 250;

class LeaseLost extends Error {}

interface Claimed {
  id: string;
  partner_org_id: string;
  storage_key: string;
  encoding: TextEncodingName;
  delimiter: string;
  headers: string[];
  mapping: (LeadField | null)[];
  industry_id: string;
  min_price: string | null;
  default_country: string;
  review_status: string;
  rows_read: number;
  attempts: number;
  cancel_requested: boolean;
}

interface Rejection {
  row: number;
  code: string;
  message: string;
  fields: string[];
}

interface Chunk {
  leads: { row: number; lead: NormalizedLead; fields: string[] }[];
  rejections: Rejection[];
  /** Data records in the chunk (leads + rejections). */
  records: number;
}

/** Typed arrays of a chunk's leads, one per column, for a single `unnest` insert. */
function leadColumns(chunk: Chunk, upload: Claimed, now: Date) {
  const n = chunk.leads.length;
  const cols = {
    row: new Array<number>(n),
    email: new Array<string>(n),
    phone: new Array<string | null>(n),
    first: new Array<string>(n),
    last: new Array<string>(n),
    title: new Array<string | null>(n),
    seniority: new Array<string>(n),
    linkedin: new Array<string | null>(n),
    company: new Array<string>(n),
    domain: new Array<string | null>(n),
    employees: new Array<number | null>(n),
    size: new Array<string | null>(n),
    country: new Array<string>(n),
    state: new Array<string | null>(n),
    city: new Array<string | null>(n),
    postal: new Array<string | null>(n),
    collected: new Array<string>(n),
    intent: new Array<number>(n),
    freshness: new Array<number>(n),
    price: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const { row, lead } = chunk.leads[i]!;
    const collectedAt = lead.collectedAt ?? now;
    const intent = intentScore(lead);
    const freshness = freshnessScore(Math.floor((now.getTime() - collectedAt.getTime()) / 86_400_000));
    cols.row[i] = row;
    cols.email[i] = lead.email;
    cols.phone[i] = lead.phone;
    cols.first[i] = lead.firstName;
    cols.last[i] = lead.lastName;
    cols.title[i] = lead.jobTitle;
    cols.seniority[i] = lead.seniority;
    cols.linkedin[i] = lead.linkedinUrl;
    cols.company[i] = lead.companyName;
    cols.domain[i] = lead.companyDomain;
    cols.employees[i] = lead.companyEmployeeCount;
    cols.size[i] = lead.companySize;
    cols.country[i] = lead.country;
    cols.state[i] = lead.state;
    cols.city[i] = lead.city;
    cols.postal[i] = lead.postalCode;
    cols.collected[i] = collectedAt.toISOString();
    cols.intent[i] = intent;
    cols.freshness[i] = freshness;
    cols.price[i] = listPrice({
      intentScore: intent,
      freshnessScore: freshness,
      hasPhone: lead.phone !== null,
      verification: 'PENDING',
      minimumPrice: upload.min_price,
    });
  }
  return cols;
}

const INSERT_LEADS = `
  INSERT INTO leads (owner_kind, partner_org_id, upload_id, industry_id, min_price, status, source, lawful_basis,
    upload_row, email, phone, first_name, last_name, job_title, seniority, linkedin_url, company_name, company_domain,
    company_employee_count, company_size, country, state, city, postal_code, collected_at, intent_score, freshness_score, list_price)
  SELECT 'PARTNER', $1, $2, $3, $4, $5::"LeadStatus", $6, $7,
    t.row, t.email, t.phone, t.first, t.last, t.title, t.seniority::"Seniority", t.linkedin, t.company, t.domain,
    t.employees, t.size::"CompanySize", t.country, t.state, t.city, t.postal, t.collected, t.intent, t.freshness, t.price
  FROM unnest($8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
              $17::text[], $18::int[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::timestamptz[],
              $25::int[], $26::int[], $27::numeric[])
    AS t(row, email, phone, first, last, title, seniority, linkedin, company, domain, employees, size, country, state, city,
         postal, collected, intent, freshness, price)
  ON CONFLICT DO NOTHING
  RETURNING upload_row`;

/** Which existing lead each refused row collided with: this upload (in-file) or the inventory. */
const CLASSIFY_DUPLICATES = `
  SELECT x.row, m.upload_id = $1 AS in_file, m.owner_kind
  FROM unnest($2::int[], $3::text[], $4::text[]) AS x(row, email, phone)
  LEFT JOIN LATERAL (
    SELECT l.upload_id, l.owner_kind FROM leads l WHERE l.email = x.email
    UNION ALL
    SELECT l.upload_id, l.owner_kind FROM leads l WHERE x.phone IS NOT NULL AND l.phone = x.phone
    LIMIT 1) m ON true`;

const INSERT_REJECTIONS = `
  INSERT INTO lead_upload_rejections (upload_id, row_number, code, message, fields)
  SELECT $1, r.row, r.code, r.message, r.fields
  FROM jsonb_to_recordset($2::jsonb) AS r(row int, code text, message text, fields text[])
  ON CONFLICT DO NOTHING`;

const ADVANCE = `
  UPDATE lead_uploads
     SET rows_read = rows_read + $4, accepted = accepted + $5, rejected = rejected + $6, duplicates = duplicates + $7,
         lease_expires_at = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
   WHERE id = $1 AND lease_id = $2 AND rows_read = $3
  RETURNING cancel_requested`;

export class ImportService {
  /** Test seam: called after each committed chunk (the crash test kills the process here). */
  readonly faults: { afterChunk?: (rowsRead: number) => void | Promise<void> } = {};

  constructor(
    private readonly platform: Platform,
    private readonly uploads: UploadService,
    private readonly quality: QualityService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** Takes the upload's lease when it is free (or expired); null when another worker holds it. */
  private async claim(uploadId: string, leaseId: string): Promise<Claimed | null> {
    const { rows } = await this.pool.query<Claimed>(
      `UPDATE lead_uploads
          SET lease_id = $2, lease_expires_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1,
              status = 'PROCESSING', started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'PROCESSING') AND (lease_expires_at IS NULL OR lease_expires_at < now())
        RETURNING id, partner_org_id, storage_key, encoding, delimiter, headers, mapping, industry_id, min_price::text,
                  default_country, review_status, rows_read, attempts, cancel_requested`,
      [uploadId, leaseId],
    );
    return rows[0] ?? null;
  }

  /** The job: runs or resumes the import of one upload. Safe to deliver more than once. */
  async run(uploadId: string): Promise<void> {
    const leaseId = randomUUID();
    const upload = await this.claim(uploadId, leaseId);
    if (!upload) return;
    const log = this.platform.log.child({ uploadId });
    try {
      if (upload.cancel_requested) {
        await this.end(upload, leaseId, 'CANCELED', null);
        return;
      }
      if (upload.attempts > MAX_ATTEMPTS) {
        await this.end(upload, leaseId, 'FAILED', `The import stopped after ${MAX_ATTEMPTS} attempts; retry it or contact support.`);
        return;
      }
      const canceled = await this.importRecords(upload, leaseId);
      if (canceled) await this.end(upload, leaseId, 'CANCELED', null);
      else await this.complete(upload, leaseId);
    } catch (error) {
      if (error instanceof LeaseLost) {
        log.warn('import lease lost; another worker continues');
        return;
      }
      if (error instanceof ImportFileError) {
        await this.end(upload, leaseId, 'FAILED', error.message);
        return;
      }
      // A fault (database, storage): let the lease go and try again shortly from the last chunk.
      log.warn({ err: { message: (error as Error).message } }, 'import attempt failed; will resume');
      await this.pool.query(
        `UPDATE lead_uploads SET lease_id = NULL, lease_expires_at = NULL, error = $2 WHERE id = $1 AND lease_id = $3`,
        [uploadId, 'Temporary problem; the import resumes automatically.', leaseId],
      );
      await this.platform.jobs.send(IMPORT_JOB, { uploadId }, { startAfter: 5 * upload.attempts });
    }
  }

  /** Streams the file from the resume point; returns true when the partner canceled on the way. */
  private async importRecords(upload: Claimed, leaseId: string): Promise<boolean> {
    const { storage, config } = this.platform;
    const bomLength = await this.uploads.bomLength(upload.storage_key);
    const records = readCsvRecords(storage.get(upload.storage_key, { start: bomLength }), {
      encoding: upload.encoding,
      delimiter: upload.delimiter,
    });
    const now = new Date();
    const options = { defaultCountry: upload.default_country, now };
    const columns = upload.headers.length;
    let dataRows = 0;
    let chunk: Chunk = { leads: [], rejections: [], records: 0 };
    // Keys of the chunk being filled and of the one before it: no two chunks in flight share a key,
    // so they never wait on each other's rows (a repeat of the previous chunk is caught here).
    let seen = new Set<string>();
    let previousSeen = new Set<string>();
    // People who opted out are never imported again (product §2).
    const suppressed = await suppressedHashes(this.pool);
    // Up to PIPELINE_DEPTH chunks are written at once on their own connections; each commits only
    // after the one before it (`tail`), so the resume point always advances in file order.
    let dispatched = upload.rows_read;
    let tail: Promise<boolean> = Promise.resolve(false);
    const inFlight: Promise<boolean>[] = [];
    let lastProgress = 0;

    const dispatch = (full: Chunk): void => {
      const expected = dispatched;
      dispatched += full.records;
      const previous = tail;
      const written = this.writeChunk(upload, leaseId, expected, full, now, previous).then(async (cancel) => {
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          this.uploads.published(upload.id);
        }
        await this.faults.afterChunk?.(expected + full.records);
        return cancel;
      });
      // Handled where it is awaited; marked now so a failure while parsing is not an unhandled rejection.
      written.catch(() => {});
      tail = written;
      inFlight.push(written);
    };
    const settleAll = async (): Promise<boolean> => {
      let cancel = false;
      while (inFlight.length > 0) cancel = (await inFlight.shift()!) || cancel;
      return cancel;
    };

    try {
      for await (const record of records) {
        if (record.row === 1) {
          if (record.fields.length !== columns) throw new ImportFileError('The file changed after it was uploaded; upload it again.');
          continue;
        }
        dataRows += 1;
        if (dataRows > config.UPLOAD_MAX_ROWS) {
          throw new ImportFileError(
            `Row ${record.row}: the file has more than ${config.UPLOAD_MAX_ROWS.toLocaleString('en-US')} data rows.`,
          );
        }
        if (dataRows <= upload.rows_read) continue; // committed by an earlier attempt
        chunk.records += 1;
        const result = normalizeRow(record.fields, upload.mapping, options);
        if (!result.ok) {
          chunk.rejections.push({ row: record.row, code: result.code, message: result.message, fields: record.fields });
          continue;
        }
        const { email, phone } = result.lead;
        if (isSuppressed(suppressed, email, phone)) {
          chunk.rejections.push({
            row: record.row,
            code: 'SUPPRESSED',
            message: 'This person opted out of Hotlead; their contact is never imported.',
            fields: record.fields,
          });
          continue;
        }
        if (seen.has(email) || previousSeen.has(email) || (phone !== null && (seen.has(phone) || previousSeen.has(phone)))) {
          chunk.rejections.push({
            row: record.row,
            code: 'DUPLICATE_IN_FILE',
            message: 'The same email or phone appears earlier in this file.',
            fields: record.fields,
          });
        } else {
          seen.add(email);
          if (phone !== null) seen.add(phone);
          chunk.leads.push({ row: record.row, lead: result.lead, fields: record.fields });
        }
        if (chunk.records >= CHUNK_ROWS) {
          if (inFlight.length >= PIPELINE_DEPTH && (await inFlight.shift()!)) return settleAll().then(() => true);
          dispatch(chunk);
          chunk = { leads: [], rejections: [], records: 0 };
          previousSeen = seen;
          seen = new Set();
        }
      }
    } catch (error) {
      // Let the chunks in flight settle before the caller cleans up (their own failures are superseded).
      await Promise.allSettled(inFlight);
      throw error;
    }
    if (await settleAll()) return true;
    if (upload.rows_read === 0 && dataRows < config.UPLOAD_MIN_ROWS) {
      throw new ImportFileError(
        dataRows === 0
          ? 'The file has a header row but no data rows.'
          : `The file has ${dataRows} data row${dataRows === 1 ? '' : 's'}; an upload needs at least ${config.UPLOAD_MIN_ROWS}.`,
      );
    }
    if (chunk.records === 0) return false;
    dispatch(chunk);
    return settleAll();
  }

  /** One chunk in one transaction: leads, rejections, counters and resume point; retried on deadlock. */
  private async writeChunk(
    upload: Claimed,
    leaseId: string,
    expectedRowsRead: number,
    chunk: Chunk,
    now: Date,
    previous: Promise<boolean>,
  ): Promise<boolean> {
    const cols = chunk.leads.length > 0 ? leadColumns(chunk, upload, now) : null;
    for (let attempt = 1; ; attempt++) {
      try {
        return await withTransaction(this.pool, async (tx) => {
          // Safe without a synchronous flush: the chunk and its resume point commit together, so a
          // commit lost in a crash is simply imported again by the next attempt.
          await tx.query('SET LOCAL synchronous_commit TO off');
          // A chunk waiting for the previous one holds its rows; another import blocked on them gives
          // up after this and retries, so no wait cycle through two imports can last.
          await tx.query("SET LOCAL lock_timeout TO '5s'");
          const rejections = [...chunk.rejections];
          if (cols) {
            const inserted = await tx.query<{ upload_row: number }>({
              name: 'leads-import-insert',
              text: INSERT_LEADS,
              values: [
                upload.partner_org_id,
                upload.id,
                upload.industry_id,
                upload.min_price,
                upload.review_status === 'PENDING' ? 'PENDING_REVIEW' : 'LISTED',
                PARTNER_LEAD_SOURCE,
                B2B_LAWFUL_BASIS,
                cols.row,
                cols.email,
                cols.phone,
                cols.first,
                cols.last,
                cols.title,
                cols.seniority,
                cols.linkedin,
                cols.company,
                cols.domain,
                cols.employees,
                cols.size,
                cols.country,
                cols.state,
                cols.city,
                cols.postal,
                cols.collected,
                cols.intent,
                cols.freshness,
                cols.price,
              ],
            });
            if (inserted.rows.length < chunk.leads.length) {
              rejections.push(...(await this.duplicates(tx, upload.id, chunk, new Set(inserted.rows.map((r) => r.upload_row)))));
            }
          }
          if (rejections.length > 0) {
            await tx.query({ name: 'leads-import-rejections', text: INSERT_REJECTIONS, values: [upload.id, JSON.stringify(rejections)] });
          }
          const duplicates = rejections.filter((r) => r.code.startsWith('DUPLICATE_')).length;
          const invalid = rejections.length - duplicates;
          await previous; // commit in file order: the chunk before must be in (its failure fails this one)
          const advanced = await tx.query<{ cancel_requested: boolean }>({
            name: 'leads-import-advance',
            text: ADVANCE,
            values: [upload.id, leaseId, expectedRowsRead, chunk.records, chunk.records - rejections.length, invalid, duplicates],
          });
          if (advanced.rows.length === 0) throw new LeaseLost();
          return advanced.rows[0]!.cancel_requested;
        });
      } catch (error) {
        const code = pgError(error).code;
        // A deadlock or lock timeout against a concurrent import: the transaction is gone, run it again.
        if ((code === '40P01' || code === '40001' || code === '55P03') && attempt < 5) continue;
        throw error;
      }
    }
  }

  private async duplicates(tx: Sql, uploadId: string, chunk: Chunk, inserted: Set<number>): Promise<Rejection[]> {
    const refused = chunk.leads.filter((l) => !inserted.has(l.row));
    const { rows } = await tx.query<{ row: number; in_file: boolean | null; owner_kind: string | null }>(CLASSIFY_DUPLICATES, [
      uploadId,
      refused.map((l) => l.row),
      refused.map((l) => l.lead.email),
      refused.map((l) => l.lead.phone),
    ]);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    return refused.map(({ row, fields }) => {
      const match = byRow.get(row);
      const inFile = match?.in_file === true;
      return {
        row,
        code: inFile ? 'DUPLICATE_IN_FILE' : 'DUPLICATE_IN_INVENTORY',
        message: inFile
          ? 'The same email or phone appears earlier in this file.'
          : match?.owner_kind === 'PLATFORM'
            ? 'This email or phone is already in the Hotlead inventory (a Hotlead-owned lead).'
            : 'This email or phone is already in the Hotlead inventory.',
        fields,
      };
    });
  }

  /** The last chunk is in: mark completed, apply the quality gates, queue verification and fuzzy dedup. */
  private async complete(upload: Claimed, leaseId: string): Promise<void> {
    const done = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ rows_read: number; rejected: number; duplicates: number; accepted: number }>(
        `UPDATE lead_uploads SET status = 'COMPLETED', finished_at = now(), lease_id = NULL, lease_expires_at = NULL, error = NULL, updated_at = now()
          WHERE id = $1 AND lease_id = $2 RETURNING rows_read, rejected, duplicates, accepted`,
        [upload.id, leaseId],
      );
      const row = rows[0];
      if (!row) throw new LeaseLost();
      await this.quality.afterImport(tx, {
        id: upload.id,
        partnerOrgId: upload.partner_org_id,
        rowsRead: row.rows_read,
        rejected: row.rejected,
      });
      return row;
    });
    await this.quality.refresh(upload.partner_org_id);
    if (done.accepted > 0) {
      await this.platform.jobs.send(VERIFY_JOB, { uploadId: upload.id });
      await this.platform.jobs.send(FUZZY_DEDUP_JOB, { uploadId: upload.id });
    }
    this.uploads.published(upload.id);
  }

  /** Ends an import that keeps nothing (failed or canceled): its leads and rejections are removed. */
  private async end(upload: Claimed, leaseId: string, status: 'FAILED' | 'CANCELED', error: string | null): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const owned = await tx.query(`SELECT 1 FROM lead_uploads WHERE id = $1 AND lease_id = $2 FOR UPDATE`, [upload.id, leaseId]);
      if (owned.rowCount === 0) throw new LeaseLost();
      await tx.query(`DELETE FROM leads WHERE upload_id = $1 AND sold_count = 0`, [upload.id]);
      await tx.query(`UPDATE leads SET status = 'ARCHIVED', updated_at = now() WHERE upload_id = $1`, [upload.id]);
      await tx.query(`DELETE FROM lead_upload_rejections WHERE upload_id = $1`, [upload.id]);
      await tx.query(
        `UPDATE lead_uploads SET status = $2, error = $3, finished_at = now(), lease_id = NULL, lease_expires_at = NULL,
                rows_read = 0, accepted = 0, rejected = 0, duplicates = 0, verified = 0, probable_duplicates = 0, updated_at = now()
          WHERE id = $1`,
        [upload.id, status, error],
      );
      await recordAuditSql(tx, 'SYSTEM', {
        action: status === 'FAILED' ? 'lead_upload.failed' : 'lead_upload.canceled',
        targetType: 'LeadUpload',
        targetId: upload.id,
        partnerOrgId: upload.partner_org_id,
        details: error ? { error } : {},
      });
    });
    this.uploads.published(upload.id);
  }

  /** Re-queues imports whose worker vanished (lease expired) or that were queued but never picked up. */
  async recover(): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM lead_uploads
        WHERE status IN ('QUEUED', 'PROCESSING') AND (lease_expires_at < now() OR (lease_id IS NULL AND updated_at < now() - interval '1 minute'))`,
    );
    for (const { id } of rows) await this.platform.jobs.send(IMPORT_JOB, { uploadId: id });
    return rows.length;
  }
}
