// What the HTTP endpoint does with bad input: clear errors, the right status, no stack traces, and
// nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

async function rowCounts() {
  const [users, sessions, workspaces, audit, emails] = await Promise.all([
    app.prisma.user.count(),
    app.prisma.session.count(),
    app.prisma.workspace.count(),
    app.prisma.auditLogEntry.count(),
    app.prisma.outboundEmail.count(),
  ]);
  return { users, sessions, workspaces, audit, emails };
}

describe('bad input', () => {
  it('answers each kind of bad request with its status and a message, without stack traces, writing nothing', async () => {
    const { token } = await buildSignedIn(app);
    const before = await rowCounts();
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const deep = `mutation { workspaceCreate(input: { name: "x", kind: BUYER }) { workspace { ${'members { workspace { '.repeat(100)}id${' } }'.repeat(100)} } } }`;
    const aliases = `mutation { ${Array.from({ length: 1000 }, (_, i) => `a${i}: workspaceCreate(input: { name: "n${i}", kind: BUYER }) { userErrors { code } }`).join(' ')} }`;
    const manyAliasesSmall = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

    const cases = [
      { name: 'malformed JSON', res: await post('{"query": ', auth), status: 400, code: 'BAD_REQUEST' },
      {
        name: 'malformed GraphQL',
        res: await post(JSON.stringify({ query: 'mutation { workspaceCreate(' }), auth),
        status: 400,
        code: 'GRAPHQL_PARSE_FAILED',
      },
      {
        name: 'body over 1 MB',
        res: await post(JSON.stringify({ query: '{ me { id } }', pad: 'x'.repeat(1_100_000) }), auth),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      { name: '200 levels deep', res: await post(JSON.stringify({ query: deep }), auth), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
      { name: '1,000 aliases', res: await post(JSON.stringify({ query: aliases }), auth), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
      {
        name: '20 aliases (over the alias limit, under the token limit)',
        res: await post(JSON.stringify({ query: manyAliasesSmall }), auth),
        status: 400,
        code: 'GRAPHQL_VALIDATION_FAILED',
      },
    ];
    for (const c of cases) {
      expect({ name: c.name, status: c.res.status, code: c.res.json.errors?.[0]?.extensions?.code }).toEqual({
        name: c.name,
        status: c.status,
        code: c.code,
      });
      expect(c.res.json.errors?.[0]?.message.length).toBeGreaterThan(5);
      expect(c.res.text).not.toMatch(/stacktrace|at [\w.]+ \(|\.ts:\d+/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects unknown fields with the standard validation error and no suggestions', async () => {
    const res = await post(JSON.stringify({ query: '{ mee { id } workspac(id: "x") { id } }' }));
    expect(res.status).toBe(400);
    expect(res.json.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "mee" on type "Query".',
      'Cannot query field "workspac" on type "Query".',
    ]);
    expect(res.text).not.toMatch(/Did you mean/);
  });

  it('blocks requests a browser could send cross-site (CSRF prevention)', async () => {
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    const form = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { sessionLogout { userErrors { code } } }' }),
    });
    expect(form.status).toBe(400);
  });

  it('masks an unexpected failure as INTERNAL: no SQL, no stack, no table names', async () => {
    const broken = await startTestApp();
    const { token } = await buildSignedIn(broken);
    // A real fault: the table the resolver reads is gone.
    await broken.prisma.$executeRawUnsafe('ALTER TABLE workspaces RENAME TO workspaces_gone');
    const res = await broken.http(
      `mutation { workspaceCreate(input: { name: "Acme", kind: BUYER }) { workspace { id } userErrors { code } } }`,
      {},
      { token },
    );
    expect(res.body.errors).toEqual([{ message: 'Internal server error', path: ['workspaceCreate'], extensions: { code: 'INTERNAL' } }]);
    expect(JSON.stringify(res.body)).not.toMatch(/workspaces|relation|prisma|\.ts/i);
    await broken.prisma.$executeRawUnsafe('ALTER TABLE workspaces_gone RENAME TO workspaces');
    await broken.stop();
  });
});

describe('health', () => {
  it('reports database, job queue and mail', async () => {
    const res = await fetch(`${app.url}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'jobs', 'mail']);
  });

  it('answers 503 with details when a dependency is down', async () => {
    const other = await startTestApp();
    await other.api.platform.jobs.stop();
    const res = await fetch(`${other.url}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', checks: { jobs: { ok: false }, database: { ok: true } } });
    await other.stop();
  });

  it('tags every response with a request id', async () => {
    const res = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
  });
});
