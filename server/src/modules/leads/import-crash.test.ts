// A real crash: the import's process is killed with SIGKILL between chunks. The next worker resumes
// after the last committed chunk: every row imported exactly once, counts right, nothing lost.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildUploader, csvFile, csvRows, postUpload, startImport, waitForImport } from '../../../test/uploads.js';

let app: TestApp;
beforeAll(async () => {
  // No in-process worker: the child process is the only one running the import until we resume it.
  app = await startTestApp({ IN_PROCESS_WORKER: 'false' });
});
afterAll(() => app.stop());

describe('import crash and resume', () => {
  it('resumes after SIGKILL without a duplicate lead and with exact counts', async () => {
    const p = await buildUploader(app);
    const rows = [...csvRows(9_000, 'crash'), ...csvRows(500, 'crash', 0)]; // the last 500 repeat earlier rows
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(rows));
    const gid = posted.body.upload!.id;
    expect((await startImport(app, p.owner.token, gid)).userErrors).toEqual([]);
    const uploadId = Buffer.from(gid, 'base64url').toString().split(':')[1]!;

    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/import-crash-child.ts'], {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        env: {
          ...process.env,
          DATABASE_URL: app.database.url,
          STORAGE_DIR: app.api.platform.config.STORAGE_DIR!,
          UPLOAD_ID: uploadId,
          NODE_ENV: 'test',
          IN_PROCESS_WORKER: 'false',
          LOG_LEVEL: 'silent',
        },
        stdio: 'inherit',
      });
      child.on('error', reject);
      child.on('exit', (exitCode, signal) => resolve(signal === 'SIGKILL' ? null : exitCode));
    });
    expect(code).toBeNull(); // killed, not finished

    const crashed = await app.prisma.leadUpload.findUniqueOrThrow({ where: { id: uploadId } });
    expect(crashed).toMatchObject({ status: 'PROCESSING', rowsRead: 4_000, accepted: 4_000 });
    expect(await app.prisma.lead.count({ where: { uploadId } })).toBe(4_000);

    // The dead worker's lease has not expired: a second worker must not start.
    await app.api.services.imports.run(uploadId);
    expect((await app.prisma.leadUpload.findUniqueOrThrow({ where: { id: uploadId } })).rowsRead).toBe(4_000);

    // Once it expires, the recovery sweep queues it and a worker resumes from row 4,001.
    await app.api.platform.database.pool.query(`UPDATE lead_uploads SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [
      uploadId,
    ]);
    expect(await app.api.services.imports.recover()).toBe(1);
    await app.api.services.imports.run(uploadId);
    const done = await waitForImport(app, uploadId);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 9_500, accepted: 9_000, duplicates: 500, rejected: 0, attempts: 2 });
    expect(await app.prisma.lead.count({ where: { uploadId } })).toBe(9_000);
    expect(await app.prisma.leadUploadRejection.count({ where: { uploadId, code: 'DUPLICATE_IN_FILE' } })).toBe(500);
  });
});
