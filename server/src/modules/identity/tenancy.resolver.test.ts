// Workspaces, partner orgs, invitations, member roles and API keys through the GraphQL API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildPartnerOrg, buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { sha256 } from './secrets.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const WORKSPACE = `query($id: ID!) { workspace(id: $id) { name viewerRole members { id role user { email } } invitations { email role status } apiKeys { name prefix revokedAt } } }`;

describe('workspaces', () => {
  it('creates a workspace with the creator as owner and an audit entry', async () => {
    const owner = await buildSignedIn(app);
    const res = await app.http(
      `mutation { workspaceCreate(input: { name: "Acme Growth", kind: BUYER }) { workspace { id name slug kind viewerRole members { role user { email } } } userErrors { code } } }`,
      {},
      { token: owner.token },
    );
    const payload = res.body.data?.['workspaceCreate'] as {
      workspace: { id: string; slug: string; viewerRole: string; members: unknown[] };
    };
    expect(payload.workspace).toMatchObject({
      name: 'Acme Growth',
      kind: 'BUYER',
      viewerRole: 'OWNER',
      members: [{ role: 'OWNER', user: { email: owner.user.email } }],
    });
    expect(payload.workspace.slug).toMatch(/^acme-growth/);
    expect(await app.prisma.auditLogEntry.count({ where: { action: 'workspace.created', actorUserId: owner.user.id } })).toBe(1);
  });

  it('rejects a blank name beside the field and creates nothing', async () => {
    const owner = await buildSignedIn(app);
    const before = await app.prisma.workspace.count();
    const res = await app.http(
      `mutation { workspaceCreate(input: { name: " ", kind: BUYER }) { workspace { id } userErrors { field code } } }`,
      {},
      { token: owner.token },
    );
    expect(res.body.data?.['workspaceCreate']).toEqual({
      workspace: null,
      userErrors: [{ field: ['input', 'name'], code: 'INVALID_INPUT' }],
    });
    expect(await app.prisma.workspace.count()).toBe(before);
  });

  it("hides other tenants' workspaces as not found", async () => {
    const stranger = await buildSignedIn(app);
    const owner = await buildSignedIn(app);
    const ws = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
    const res = await app.http(WORKSPACE, { id: toGlobalId('Workspace', ws.id) }, { token: stranger.token });
    expect(errorCodes(res.body)).toEqual(['NOT_FOUND']);
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const asAdmin = await app.http(WORKSPACE, { id: toGlobalId('Workspace', ws.id) }, { token: admin.token });
    expect(asAdmin.body.data?.['workspace']).toMatchObject({ name: ws.name, viewerRole: null });
  });
});

describe('invitations', () => {
  it('invites by email, and the invitee accepts after signing in with that address', async () => {
    const owner = await buildSignedIn(app);
    const ws = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
    const invitee = await buildSignedIn(app, { verified: false });
    const res = await app.http(
      `mutation($ws: ID!, $email: String!) { invitationCreate(input: { workspaceId: $ws, email: $email, role: "ADMIN" }) { invitation { email role status targetName } userErrors { code } } }`,
      { ws: toGlobalId('Workspace', ws.id), email: invitee.user.email.toUpperCase() },
      { token: owner.token },
    );
    expect(res.body.data?.['invitationCreate']).toEqual({
      invitation: { email: invitee.user.email, role: 'ADMIN', status: 'PENDING', targetName: ws.name },
      userErrors: [],
    });

    const mail = await waitForMail(app, invitee.user.email, 'invited you');
    expect(mail.link).toMatch(/\/buyer\/invite\/hli_/);
    const token = decodeURIComponent(mail.link!.split('/invite/')[1]!);
    // The token is stored only as a hash.
    expect(await app.prisma.invitation.count({ where: { tokenHash: sha256(token) } })).toBe(1);

    const preview = await app.http(`query($t: String!) { invitationPreview(token: $t) { email role targetName targetKind status } }`, {
      t: token,
    });
    expect(preview.body.data?.['invitationPreview']).toEqual({
      email: invitee.user.email,
      role: 'ADMIN',
      targetName: ws.name,
      targetKind: 'WORKSPACE',
      status: 'PENDING',
    });

    const someoneElse = await buildSignedIn(app);
    const wrong = await app.http(
      `mutation($t: String!) { invitationAccept(input: { token: $t }) { workspace { id } userErrors { code } } }`,
      { t: token },
      { token: someoneElse.token },
    );
    expect(wrong.body.data?.['invitationAccept']).toEqual({ workspace: null, userErrors: [{ code: 'EMAIL_MISMATCH' }] });

    const accept = await app.http(
      `mutation($t: String!) { invitationAccept(input: { token: $t }) { workspace { name viewerRole } userErrors { code } } }`,
      { t: token },
      { token: invitee.token },
    );
    expect(accept.body.data?.['invitationAccept']).toEqual({ workspace: { name: ws.name, viewerRole: 'ADMIN' }, userErrors: [] });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: invitee.user.id } });
    expect(user.emailVerifiedAt).not.toBeNull();

    const twice = await app.http(
      `mutation($t: String!) { invitationAccept(input: { token: $t }) { userErrors { code } } }`,
      { t: token },
      { token: invitee.token },
    );
    expect(twice.body.data?.['invitationAccept']).toEqual({ userErrors: [{ code: 'TOKEN_USED' }] });
  });

  it('lets admins invite members but not admins, and refuses duplicates', async () => {
    const owner = await buildSignedIn(app);
    const admin = await buildSignedIn(app);
    const ws = await buildWorkspace(app, {
      members: [
        { userId: owner.user.id, role: 'OWNER' },
        { userId: admin.user.id, role: 'ADMIN' },
      ],
    });
    const invite = (token: string, email: string, role: string) =>
      app.http(
        `mutation($ws: ID!, $email: String!, $role: String!) { invitationCreate(input: { workspaceId: $ws, email: $email, role: $role }) { invitation { status } userErrors { code field } } }`,
        { ws: toGlobalId('Workspace', ws.id), email, role },
        { token },
      );
    expect((await invite(admin.token, 'a@example.test', 'ADMIN')).body.data?.['invitationCreate']).toEqual({
      invitation: null,
      userErrors: [{ code: 'NOT_ALLOWED', field: ['input', 'role'] }],
    });
    expect((await invite(admin.token, 'a@example.test', 'MEMBER')).body.data?.['invitationCreate']).toMatchObject({
      invitation: { status: 'PENDING' },
    });
    expect((await invite(owner.token, 'a@example.test', 'MEMBER')).body.data?.['invitationCreate']).toMatchObject({
      userErrors: [{ code: 'INVITATION_PENDING' }],
    });
    expect((await invite(owner.token, admin.user.email, 'MEMBER')).body.data?.['invitationCreate']).toMatchObject({
      userErrors: [{ code: 'ALREADY_MEMBER' }],
    });
    expect((await invite(owner.token, 'not-an-email', 'MEMBER')).body.data?.['invitationCreate']).toMatchObject({
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'email'] }],
    });
  });

  it('invites into a partner org (owners only)', async () => {
    const owner = await buildSignedIn(app);
    const member = await buildSignedIn(app);
    const org = await buildPartnerOrg(app, {
      members: [
        { userId: owner.user.id, role: 'OWNER' },
        { userId: member.user.id, role: 'MEMBER' },
      ],
    });
    const q = `mutation($org: ID!) { invitationCreate(input: { partnerOrgId: $org, email: "new@partner.test", role: "MEMBER" }) { invitation { targetKind } userErrors { code } } }`;
    expect(
      (await app.http(q, { org: toGlobalId('PartnerOrg', org.id) }, { token: member.token })).body.data?.['invitationCreate'],
    ).toMatchObject({ userErrors: [{ code: 'NOT_ALLOWED' }] });
    expect((await app.http(q, { org: toGlobalId('PartnerOrg', org.id) }, { token: owner.token })).body.data?.['invitationCreate']).toEqual({
      invitation: { targetKind: 'PARTNER_ORG' },
      userErrors: [],
    });
  });
});

describe('members', () => {
  const CHANGE = `mutation($id: ID!, $role: WorkspaceRole!) { workspaceMemberRoleChange(input: { membershipId: $id, role: $role }) { membership { role } userErrors { code } } }`;
  const REMOVE = `mutation($id: ID!) { workspaceMemberRemove(input: { membershipId: $id }) { removedMembershipId userErrors { code } } }`;

  it('lets only owners change roles and remove members; members may leave', async () => {
    const owner = await buildSignedIn(app);
    const member = await buildSignedIn(app);
    const ws = await buildWorkspace(app, {
      members: [
        { userId: owner.user.id, role: 'OWNER' },
        { userId: member.user.id, role: 'MEMBER' },
      ],
    });
    const memberships = await app.prisma.workspaceMembership.findMany({ where: { workspaceId: ws.id } });
    const mine = memberships.find((m) => m.userId === member.user.id)!;
    const ownerMembership = memberships.find((m) => m.userId === owner.user.id)!;

    expect(
      (await app.http(CHANGE, { id: toGlobalId('WorkspaceMembership', ownerMembership.id), role: 'MEMBER' }, { token: member.token })).body
        .data?.['workspaceMemberRoleChange'],
    ).toMatchObject({ userErrors: [{ code: 'NOT_ALLOWED' }] });
    expect(
      (await app.http(CHANGE, { id: toGlobalId('WorkspaceMembership', mine.id), role: 'ADMIN' }, { token: owner.token })).body.data?.[
        'workspaceMemberRoleChange'
      ],
    ).toEqual({ membership: { role: 'ADMIN' }, userErrors: [] });
    const audit = await app.prisma.auditLogEntry.findFirst({
      where: { action: 'workspace.member_role_changed', targetId: member.user.id },
    });
    expect(audit?.details).toEqual({ from: 'MEMBER', to: 'ADMIN' });

    expect(
      (await app.http(REMOVE, { id: toGlobalId('WorkspaceMembership', mine.id) }, { token: member.token })).body.data?.[
        'workspaceMemberRemove'
      ],
    ).toMatchObject({ userErrors: [] });
    expect(await app.prisma.workspaceMembership.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it('never leaves a workspace without an owner, even with concurrent demotions', async () => {
    const a = await buildSignedIn(app);
    const b = await buildSignedIn(app);
    const ws = await buildWorkspace(app, {
      members: [
        { userId: a.user.id, role: 'OWNER' },
        { userId: b.user.id, role: 'OWNER' },
      ],
    });
    const ms = await app.prisma.workspaceMembership.findMany({ where: { workspaceId: ws.id } });
    const ofA = ms.find((m) => m.userId === a.user.id)!;
    const ofB = ms.find((m) => m.userId === b.user.id)!;
    // Each owner demotes the other at the same moment: one must be refused.
    const [r1, r2] = await Promise.all([
      app.http(CHANGE, { id: toGlobalId('WorkspaceMembership', ofB.id), role: 'MEMBER' }, { token: a.token }),
      app.http(CHANGE, { id: toGlobalId('WorkspaceMembership', ofA.id), role: 'MEMBER' }, { token: b.token }),
    ]);
    const outcomes = [r1, r2].map((r) =>
      (r.body.data?.['workspaceMemberRoleChange'] as { userErrors: { code: string }[] }).userErrors.map((e) => e.code).join(),
    );
    expect(outcomes.sort()).toEqual(['', 'LAST_OWNER']);
    expect(await app.prisma.workspaceMembership.count({ where: { workspaceId: ws.id, role: 'OWNER' } })).toBe(1);

    const lastOwner = await app.prisma.workspaceMembership.findFirstOrThrow({ where: { workspaceId: ws.id, role: 'OWNER' } });
    const token = lastOwner.userId === a.user.id ? a.token : b.token;
    const leave = await app.http(REMOVE, { id: toGlobalId('WorkspaceMembership', lastOwner.id) }, { token });
    expect(leave.body.data?.['workspaceMemberRemove']).toEqual({ removedMembershipId: null, userErrors: [{ code: 'LAST_OWNER' }] });
  });
});

describe('API keys', () => {
  it('shows the secret once, stores only its hash, authenticates with it, and stops working when revoked', async () => {
    const owner = await buildSignedIn(app);
    const member = await buildSignedIn(app);
    const ws = await buildWorkspace(app, {
      members: [
        { userId: owner.user.id, role: 'OWNER' },
        { userId: member.user.id, role: 'MEMBER' },
      ],
    });
    const wsId = toGlobalId('Workspace', ws.id);
    const CREATE = `mutation($ws: ID!) { apiKeyCreate(input: { workspaceId: $ws, name: "CRM sync", scopes: ["packs:read"] }) { apiKey { id prefix scopes } secret userErrors { code } } }`;

    expect((await app.http(CREATE, { ws: wsId }, { token: member.token })).body.data?.['apiKeyCreate']).toMatchObject({
      secret: null,
      userErrors: [{ code: 'NOT_ALLOWED' }],
    });
    const created = (await app.http(CREATE, { ws: wsId }, { token: owner.token })).body.data?.['apiKeyCreate'] as {
      apiKey: { id: string; prefix: string };
      secret: string;
    };
    expect(created.secret).toMatch(/^hl_live_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const stored = await app.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(stored.keyHash).toBe(sha256(created.secret));
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    const listed = await app.http(WORKSPACE, { id: wsId }, { token: owner.token });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);

    const asKey = await app.http(`query($id: ID!) { workspace(id: $id) { name } me { id } }`, { id: wsId }, { token: created.secret });
    expect(asKey.body.data).toEqual({ workspace: { name: ws.name }, me: null });
    const other = await buildWorkspace(app);
    expect(
      errorCodes(
        (
          await app.http(
            `query($id: ID!) { workspace(id: $id) { name } }`,
            { id: toGlobalId('Workspace', other.id) },
            { token: created.secret },
          )
        ).body,
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        (
          await app.http(
            `mutation { workspaceCreate(input: { name: "Nope", kind: BUYER }) { userErrors { code } } }`,
            {},
            { token: created.secret },
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);

    const revoke = await app.http(
      `mutation($id: ID!) { apiKeyRevoke(input: { apiKeyId: $id }) { apiKey { revokedAt } userErrors { code } } }`,
      { id: created.apiKey.id },
      { token: owner.token },
    );
    expect((revoke.body.data?.['apiKeyRevoke'] as { apiKey: { revokedAt: string } }).apiKey.revokedAt).toBeTruthy();
    const after = await app.http(`query($id: ID!) { workspace(id: $id) { name } }`, { id: wsId }, { token: created.secret });
    expect(errorCodes(after.body)).toEqual(['UNAUTHENTICATED']);
    expect(
      await app.prisma.auditLogEntry.count({ where: { action: { in: ['api_key.created', 'api_key.revoked'] }, workspaceId: ws.id } }),
    ).toBe(2);
  });
});
