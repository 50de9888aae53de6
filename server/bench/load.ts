// One HTTP load measurement with autocannon: a discarded warm-up, then the measured run. The load
// generator runs in a worker thread, so it does not share an event loop with a server in this process.
import autocannon from 'autocannon';

export const LOAD = { connections: 50, durationSeconds: 10, pipelining: 1, warmupSeconds: 2, workers: 1 } as const;

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Every response must be exactly this body; others are counted as mismatches. */
  expectBody: string;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  mismatches: number;
  errors: number;
  timeouts: number;
}

function fire(target: LoadTarget, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    expectBody: target.expectBody,
    connections: LOAD.connections,
    pipelining: LOAD.pipelining,
    duration: durationSeconds,
    workers: LOAD.workers,
  });
}

export async function measure(target: LoadTarget): Promise<LoadFigures> {
  await fire(target, LOAD.warmupSeconds);
  const r = await fire(target, LOAD.durationSeconds);
  return {
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
