// Platform-admin lists: search, keyset pages, counts, the dev mailbox, and bounded SQL per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildPartnerOrg, buildSignedIn, buildUser, buildWorkspace } from '../../../test/factories.js';

let app: TestApp;
let adminToken: string;
beforeAll(async () => {
  app = await startTestApp();
  adminToken = (await buildSignedIn(app, { platformRole: 'ADMIN', email: 'root@hotlead.test' })).token;
});
afterAll(() => app?.stop());

type Page = {
  nodes: { email: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  totalCountIsEstimate: boolean;
};

describe('admin users', () => {
  it('pages through every account newest first with keyset cursors, and searches', async () => {
    for (let i = 0; i < 7; i++) await buildUser(app, { email: `paged-${i}@corp.test`, name: `Paged ${i}` });
    const Q = `query($after: String, $search: String) { adminUsers(first: 3, after: $after, search: $search) { nodes { email } pageInfo { hasNextPage endCursor } totalCount totalCountIsEstimate } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await app.http(Q, { after, search: 'corp.test' }, { token: adminToken });
      const page = res.body.data?.['adminUsers'] as Page;
      expect(page.totalCount).toBe(7);
      expect(page.totalCountIsEstimate).toBe(false);
      seen.push(...page.nodes.map((n) => n.email));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `paged-${6 - i}@corp.test`));

    const none = await app.http(Q, { search: 'no-such-person' }, { token: adminToken });
    expect((none.body.data?.['adminUsers'] as Page).nodes).toEqual([]);
  });

  it('refuses a bad cursor or page size as BAD_USER_INPUT, and non-admins as FORBIDDEN', async () => {
    const bad = await app.http(`{ adminUsers(first: 3, after: "garbage") { totalCount } }`, {}, { token: adminToken });
    expect(errorCodes(bad.body)).toEqual(['BAD_USER_INPUT']);
    const big = await app.http(`{ adminUsers(first: 1000) { totalCount } }`, {}, { token: adminToken });
    expect(errorCodes(big.body)).toEqual(['BAD_USER_INPUT']);
    const { token } = await buildSignedIn(app);
    expect(errorCodes((await app.http(`{ adminUsers { totalCount } }`, {}, { token })).body)).toEqual(['FORBIDDEN']);
  });
});

describe('admin workspaces and partner orgs', () => {
  it('lists with member counts and filters by kind', async () => {
    const owner = await buildUser(app);
    await buildWorkspace(app, { name: 'Filter Buyer', kind: 'BUYER', members: [{ userId: owner.id, role: 'OWNER' }] });
    await buildWorkspace(app, { name: 'Filter Provider', kind: 'PROVIDER' });
    await buildPartnerOrg(app, { name: 'Filter Partner', members: [{ userId: owner.id, role: 'OWNER' }] });
    const res = await app.http(
      `{ adminWorkspaces(search: "Filter", kind: PROVIDER) { nodes { name kind memberCount } totalCount } adminPartnerOrgs(search: "filter partner") { nodes { name memberCount uploadsSuspended } } }`,
      {},
      { token: adminToken },
    );
    expect(res.body.data).toEqual({
      adminWorkspaces: { nodes: [{ name: 'Filter Provider', kind: 'PROVIDER', memberCount: 0 }], totalCount: 1 },
      adminPartnerOrgs: { nodes: [{ name: 'Filter Partner', memberCount: 1, uploadsSuspended: false }] },
    });
  });

  it('resolves a workspace with all its members in a bounded number of SQL statements (no N+1)', async () => {
    const owner = await buildSignedIn(app);
    const small = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
    const members = await Promise.all(Array.from({ length: 25 }, () => buildUser(app)));
    const big = await buildWorkspace(app, {
      members: [{ userId: owner.user.id, role: 'OWNER' }, ...members.map((m) => ({ userId: m.id, role: 'MEMBER' as const }))],
    });
    const { toGlobalId } = await import('../../platform/graphql/ids.js');
    const Q = `query($id: ID!) { workspace(id: $id) { viewerRole members { role user { name email } workspace { name } } } }`;
    const count = async (id: string) => {
      const before = app.api.platform.database.statementCount();
      const res = await app.http(Q, { id: toGlobalId('Workspace', id) }, { token: owner.token });
      expect(res.body.errors).toBeUndefined();
      return app.api.platform.database.statementCount() - before;
    };
    const forOne = await count(small.id);
    const forMany = await count(big.id);
    expect(forMany).toBe(forOne);
    expect(forMany).toBeLessThanOrEqual(8);
  });
});

describe('dev mailbox', () => {
  it('shows every email the platform sent, as admins see it', async () => {
    await app.http(`mutation { passwordResetRequest(input: { email: "root@hotlead.test" }) { userErrors { code } } }`);
    await waitForMail(app, 'root@hotlead.test', 'Reset your Hotlead password');
    const res = await app.http(
      `{ devMailbox(first: 5, search: "Reset") { nodes { id subject to from textBody htmlBody } totalCount } }`,
      {},
      { token: adminToken },
    );
    const box = res.body.data?.['devMailbox'] as {
      nodes: { id: string; subject: string; to: string[]; textBody: string; htmlBody: string }[];
      totalCount: number;
    };
    expect(box.totalCount).toBe(1);
    expect(box.nodes[0]).toMatchObject({ subject: 'Reset your Hotlead password', to: ['root@hotlead.test'] });
    expect(box.nodes[0]!.textBody).toContain('/buyer/reset-password?token=hlr_');
    expect(box.nodes[0]!.htmlBody).toContain('<a href=');
    const one = await app.http(
      `query($id: ID!) { devMailboxMessage(id: $id) { subject } }`,
      { id: box.nodes[0]!.id },
      { token: adminToken },
    );
    expect(one.body.data?.['devMailboxMessage']).toEqual({ subject: 'Reset your Hotlead password' });
  });
});
