// Saved segments against a real database: create with validated filters, run for a count and a price
// (remembering the last count and run), pull into the cart, pause, archive, delete, and who may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { errorCodes, startTestApp, type TestApp } from '../../../test/app.js';
import { buildLead, buildSignedIn, buildWorkspace } from '../../../test/factories.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const CREATE = `mutation($input: LeadSegmentCreateInput!) { leadSegmentCreate(input: $input) { segment { id name status filters lastCount } userErrors { code field message } } }`;
const RUN = `mutation($id: ID!) { leadSegmentRun(input: { segmentId: $id }) { run { count countIsEstimate buyableCount totalUsd credits segment { lastCount lastRunAt } } userErrors { code message } } }`;
const PULL = `mutation($id: ID!) { leadSegmentPull(input: { segmentId: $id }) { cart { leadCount } userErrors { code message } } }`;
const UPDATE = `mutation($input: LeadSegmentUpdateInput!) { leadSegmentUpdate(input: $input) { segment { status name } userErrors { code field } } }`;

async function setup() {
  const owner = await buildSignedIn(app);
  const ws = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
  const company = `Segment ${ws.id.slice(0, 8)} Co`;
  for (let i = 0; i < 3; i++) await buildLead(app, { companyName: company, listPrice: '0.2500' });
  return { owner, gid: toGlobalId('Workspace', ws.id), company };
}

describe('saved segments', () => {
  it('saves filters, runs for a count and a price, and pulls the leads into the cart', async () => {
    const { owner, gid, company } = await setup();
    const created = await app.http(
      CREATE,
      { input: { workspaceId: gid, name: 'Segment co', description: 'Three leads', filters: { companyName: company } } },
      { token: owner.token },
    );
    const segment = (created.body.data as { leadSegmentCreate: { segment: { id: string; status: string; lastCount: number | null } } })
      .leadSegmentCreate.segment;
    expect(segment).toMatchObject({ status: 'ACTIVE', lastCount: null });

    const run = (await app.http(RUN, { id: segment.id }, { token: owner.token })).body.data as {
      leadSegmentRun: {
        run: { count: number; buyableCount: number; totalUsd: string; credits: string; segment: { lastCount: number; lastRunAt: string } };
      };
    };
    expect(run.leadSegmentRun.run).toMatchObject({
      count: 3,
      buyableCount: 3,
      totalUsd: '0.7500',
      credits: '7.5000',
      segment: { lastCount: 3 },
    });
    expect(run.leadSegmentRun.run.segment.lastRunAt).toBeTruthy();

    const pulled = (await app.http(PULL, { id: segment.id }, { token: owner.token })).body.data as {
      leadSegmentPull: { cart: { leadCount: number } };
    };
    expect(pulled.leadSegmentPull.cart.leadCount).toBe(3);
  });

  it('refuses a bad filter or a duplicate name beside the field, and pauses, archives and deletes', async () => {
    const { owner, gid, company } = await setup();
    const bad = await app.http(
      CREATE,
      { input: { workspaceId: gid, name: 'Bad', filters: { intentMin: 90, intentMax: 10 } } },
      { token: owner.token },
    );
    expect((bad.body.data as { leadSegmentCreate: { userErrors: { field: string[] }[] } }).leadSegmentCreate.userErrors[0]!.field).toEqual([
      'filters',
    ]);
    const first = await app.http(
      CREATE,
      { input: { workspaceId: gid, name: 'Same', filters: { companyName: company } } },
      { token: owner.token },
    );
    const id = (first.body.data as { leadSegmentCreate: { segment: { id: string } } }).leadSegmentCreate.segment.id;
    const dup = await app.http(CREATE, { input: { workspaceId: gid, name: 'Same', filters: {} } }, { token: owner.token });
    expect((dup.body.data as { leadSegmentCreate: { userErrors: { field: string[] }[] } }).leadSegmentCreate.userErrors[0]!.field).toEqual([
      'name',
    ]);

    const paused = await app.http(UPDATE, { input: { segmentId: id, status: 'PAUSED' } }, { token: owner.token });
    expect((paused.body.data as { leadSegmentUpdate: { segment: { status: string } } }).leadSegmentUpdate.segment.status).toBe('PAUSED');
    const pull = (await app.http(PULL, { id }, { token: owner.token })).body.data as {
      leadSegmentPull: { userErrors: { code: string }[] };
    };
    expect(pull.leadSegmentPull.userErrors[0]!.code).toBe('INVALID_INPUT');
    await app.http(UPDATE, { input: { segmentId: id, status: 'ARCHIVED' } }, { token: owner.token });
    const listed = await app.http(`query($w: ID!) { leadSegments(workspaceId: $w) { id } }`, { w: gid }, { token: owner.token });
    expect((listed.body.data as { leadSegments: unknown[] }).leadSegments).toHaveLength(0);
    const deleted = await app.http(
      `mutation($id: ID!) { leadSegmentDelete(input: { segmentId: $id }) { deletedSegmentId } }`,
      { id },
      { token: owner.token },
    );
    expect(deleted.body.errors).toBeUndefined();
    const stranger = await buildSignedIn(app);
    expect(errorCodes((await app.http(RUN, { id }, { token: stranger.token })).body)).toEqual(['NOT_FOUND']);
  });
});
