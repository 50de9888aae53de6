// A real API instance for a test file: its own database, the real job queue (workers in-process),
// the real HTTP server on a random port, the dev mailbox for mail. Nothing of ours is mocked.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { execute, parse, type ExecutionResult } from 'graphql';
import type { DestinationStream } from 'pino';
import { startApi, type RunningApi } from '../src/app.js';
import type { Principal } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config.js';
import { createContext } from '../src/platform/graphql/context.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  api: RunningApi;
  url: string;
  database: TestDatabase;
  prisma: RunningApi['platform']['prisma'];
  /** Runs an operation in-process as a principal (same schema, access rules and services as HTTP). */
  execAs(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  /** Posts an operation over real HTTP. */
  http(
    query: string,
    variables?: Record<string, unknown>,
    auth?: { token?: string; headers?: Record<string, string> },
  ): Promise<HttpResult>;
  stop(): Promise<void>;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

export async function startTestApp(env: Record<string, string> = {}, options: { logStream?: DestinationStream } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    PUBLIC_URL: 'http://localhost:3999',
    STORAGE_DIR: path.join(os.tmpdir(), `hotlead-test-files-${randomUUID()}`),
    ...env,
  });
  const logger = options.logStream
    ? createLogger(config.LOG_LEVEL, 'hotlead', options.logStream)
    : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const api = await startApi(config, database.url, logger, { runWorkers: config.IN_PROCESS_WORKER });
  const url = api.http.url;
  return {
    api,
    url,
    database,
    prisma: api.platform.prisma,
    execAs: (principal, query, variables) =>
      Promise.resolve(
        execute({
          schema: api.schema,
          document: parse(query),
          variableValues: variables,
          contextValue: createContext(api.platform, api.services, principal),
        }),
      ),
    async http(query, variables, auth = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
          ...auth.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as HttpResult['body'] };
    },
    async stop() {
      await api.stop();
      await database.drop();
    },
  };
}

/** The error codes of a result, for assertions. */
export function errorCodes(result: { errors?: readonly { extensions?: Record<string, unknown> }[] | undefined }): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.['code']);
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for an email to an address in the dev mailbox and returns it with the first link in it. */
export async function waitForMail(app: TestApp, to: string, subjectIncludes: string) {
  const message = await eventually(
    () =>
      app.prisma.devMailboxMessage.findFirst({
        where: { toAddresses: { has: to }, subject: { contains: subjectIncludes } },
        orderBy: { receivedAt: 'desc' },
      }),
    20_000,
    `an email "${subjectIncludes}" to ${to}`,
  );
  const link = /https?:\/\/\S+/.exec(message.textBody ?? '')?.[0];
  return {
    message,
    link,
    token: link ? (new URL(link).searchParams.get('token') ?? decodeURIComponent(link.split('/').pop() ?? '')) : null,
  };
}
