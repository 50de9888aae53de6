// Scaled-out mode: an API instance that runs no job handlers (IN_PROCESS_WORKER=false) queues work;
// a separate worker process (src/worker.ts) on the same database delivers it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from './app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ IN_PROCESS_WORKER: 'false' });
});
afterAll(() => app?.stop());

describe('standalone worker', () => {
  it('delivers an email queued by an API instance that runs no handlers', async () => {
    await app.prisma.user.create({ data: { email: 'worker@example.test', name: 'W' } });
    await app.http(`mutation { passwordResetRequest(input: { email: "worker@example.test" }) { userErrors { code } } }`);
    await new Promise((r) => setTimeout(r, 1500));
    // Queued, not delivered: nothing in this process handles jobs.
    expect(await app.prisma.outboundEmail.findFirst({ where: { toAddress: 'worker@example.test' }, select: { status: true } })).toEqual({
      status: 'QUEUED',
    });

    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: app.database.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      stdio: 'ignore',
    });
    try {
      await eventually(
        () => app.prisma.devMailboxMessage.findFirst({ where: { toAddresses: { has: 'worker@example.test' } } }),
        30_000,
        'the worker to deliver',
      );
      expect(await app.prisma.outboundEmail.findFirst({ where: { toAddress: 'worker@example.test' }, select: { status: true } })).toEqual({
        status: 'SENT',
      });
    } finally {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
  });
});
