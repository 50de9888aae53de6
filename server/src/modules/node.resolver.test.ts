// `node(id)` for the routing and relay types: each answers exactly where its own query would, and is
// null (like an unknown id) for everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { buildSignedIn } from '../../test/factories.js';
import { buildNiche, buildProvider, buildRoutedRequest } from '../../test/routing.js';
import { toGlobalId } from '../platform/graphql/ids.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const NODE = `query ($id: ID!) { node(id: $id) { id __typename } }`;

async function nodeAs(token: string, id: string) {
  const result = await app.http(NODE, { id }, { token });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data?.['node'] as { id: string; __typename: string } | null) ?? null;
}

describe('node(id) for requests, assignments and threads', () => {
  it('answers the parties and admins, and nobody else', async () => {
    const niche = await buildNiche(app);
    const provider = await buildProvider(app, { nicheIds: [niche.id] });
    const other = await buildProvider(app, { nicheIds: [niche.id] });
    const routed = await buildRoutedRequest(app, provider, { nicheId: niche.id });
    const stranger = await buildSignedIn(app, { endUser: true });
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });

    const requestId = toGlobalId('ServiceRequest', routed.request.id);
    expect(await nodeAs(routed.endUser.token, requestId)).toEqual({ id: requestId, __typename: 'ServiceRequest' });
    expect(await nodeAs(stranger.token, requestId)).toBeNull();

    const assignmentId = toGlobalId('RequestAssignment', routed.assignment.id);
    expect((await nodeAs(provider.sales.token, assignmentId))?.__typename).toBe('RequestAssignment');
    expect(await nodeAs(other.manager.token, assignmentId)).toBeNull();
    expect(await nodeAs(routed.endUser.token, assignmentId)).toBeNull();

    const threadId = toGlobalId('RelayThread', routed.thread.id);
    expect((await nodeAs(admin.token, threadId))?.__typename).toBe('AdminThread');
    expect(await nodeAs(provider.manager.token, threadId)).toBeNull();
  });
});
