// GET /health: 200 when the database, the job queue and mail all answer, 503 with details otherwise.
import type { Platform } from '../platform.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, { ok: boolean; ms: number; detail?: string }>;
}

async function timed(check: () => Promise<boolean>): Promise<{ ok: boolean; ms: number; detail?: string }> {
  const started = performance.now();
  try {
    const ok = await Promise.race([check(), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000).unref())]);
    return { ok, ms: Math.round(performance.now() - started), ...(ok ? {} : { detail: 'not answering' }) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: (error as Error).message.slice(0, 200) };
  }
}

export async function healthReport(platform: Platform): Promise<HealthReport> {
  const [database, jobs, mail] = await Promise.all([
    timed(async () => (await platform.database.pool.query('SELECT 1')).rowCount === 1),
    timed(() => platform.jobs.healthy()),
    timed(() => platform.mail.healthy()),
  ]);
  const checks = { database, jobs, mail };
  return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'degraded', checks };
}
