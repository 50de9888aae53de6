// Admin oversight against the real database: the conversation list and its filters, diagnostics
// without bodies, audited body reads, relay events, settings validation, suspending threads,
// providers and users, and the provider's CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { buildNiche, buildProvider, buildRoutedRequest } from '../../../test/routing.js';
import { parseGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { userParty } from '../relay/relay.events.js';
import { storeMessage } from './conversations.testing.js';
import { anonymizedRawMime } from './oversight.service.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof buildSignedIn>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
});
afterAll(() => app?.stop());

const threadGid = (id: string) => toGlobalId('RelayThread', id);

async function routed() {
  const niche = await buildNiche(app);
  const provider = await buildProvider(app, { nicheIds: [niche.id] });
  const request = await buildRoutedRequest(app, provider, { nicheId: niche.id });
  return { niche, provider, ...request };
}

const auditCount = (action: string, targetId: string) => app.prisma.auditLogEntry.count({ where: { action, targetId } });

describe('conversations list and diagnostics', () => {
  it('lists every conversation with its parties and filters by status, bounce and provider; shows no bodies', async () => {
    const a = await routed();
    const b = await routed();
    await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', text: 'SECRET-BODY-A', status: 'DELIVERED' });
    const bounced = await storeMessage(app, b.thread.id, {
      direction: 'PROVIDER_TO_USER',
      text: 'SECRET-BODY-B',
      status: 'NOT_DELIVERED',
      bounce: { action: 'failed', status: '5.1.1', class: 'INVALID_ADDRESS', reason: 'User unknown' },
      attachment: { filename: 'quote.pdf', contentType: 'application/pdf' },
    });
    await app.api.platform.database.pool.query(
      `INSERT INTO relay_events (kind, thread_id, message_id, reason) VALUES ('BOUNCE_RECORDED', $1, $2, 'invalid address')`,
      [b.thread.id, bounced.id],
    );
    await app.prisma.relayThread.update({ where: { id: a.thread.id }, data: { status: 'CLOSED', closedBy: 'USER', closedAt: new Date() } });

    const list = `query($filter: AdminThreadFilter) { adminThreads(filter: $filter, first: 100) { totalCount nodes {
      id status providerName providerWorkspaceId endUserName endUserId niche { name } requestId messageCount } } }`;
    const all = await app.execAs(admin.principal, list, {});
    expect(all.errors).toBeUndefined();
    const nodes = (all.data?.adminThreads as { nodes: { id: string }[] }).nodes;
    expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining([threadGid(a.thread.id), threadGid(b.thread.id)]));
    expect(nodes.find((n) => n.id === threadGid(b.thread.id))).toEqual({
      id: threadGid(b.thread.id),
      status: 'OPEN',
      providerName: expect.any(String),
      providerWorkspaceId: toGlobalId('Workspace', b.provider.workspace.id),
      endUserName: 'Casey Consumer',
      endUserId: toGlobalId('User', b.endUser.user.id),
      niche: { name: b.niche.name },
      requestId: toGlobalId('ServiceRequest', b.request.id),
      messageCount: 1,
    });
    const ids = async (filter: object) =>
      ((await app.execAs(admin.principal, list, { filter })).data?.adminThreads as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    expect(await ids({ bounced: true, workspaceId: toGlobalId('Workspace', b.provider.workspace.id) })).toEqual([threadGid(b.thread.id)]);
    expect(await ids({ bounced: true, workspaceId: toGlobalId('Workspace', a.provider.workspace.id) })).toEqual([]);
    expect(await ids({ status: 'CLOSED' })).toContain(threadGid(a.thread.id));
    expect(await ids({ status: 'CLOSED' })).not.toContain(threadGid(b.thread.id));

    const detail = await app.execAs(
      admin.principal,
      `query($id: ID!) { adminThread(id: $id) { id messages { id direction status bounceAction bounceStatus bounceClass bounceReason
        sizeBytes attachments { filename downloadUrl } } events { kind reason messageId } } }`,
      { id: threadGid(b.thread.id) },
    );
    expect(detail.errors).toBeUndefined();
    expect(detail.data?.adminThread).toMatchObject({
      messages: [
        {
          id: toGlobalId('RelayMessage', bounced.id),
          status: 'NOT_DELIVERED',
          bounceAction: 'failed',
          bounceStatus: '5.1.1',
          bounceClass: 'INVALID_ADDRESS',
          bounceReason: 'User unknown',
          attachments: [{ filename: 'quote.pdf', downloadUrl: expect.stringMatching(/^http:\/\/localhost:3999\/relay\/attachments\//) }],
        },
      ],
      events: [{ kind: 'BOUNCE_RECORDED', reason: 'invalid address', messageId: toGlobalId('RelayMessage', bounced.id) }],
    });
    expect(JSON.stringify(all.data) + JSON.stringify(detail.data)).not.toContain('SECRET-BODY');
  });

  it('audits every body read, repeated ones too, without the body in the log', async () => {
    const a = await routed();
    const message = await storeMessage(app, a.thread.id, {
      direction: 'PROVIDER_TO_USER',
      text: 'Call 415-555-0199',
      redactedText: 'Call [phone removed]',
      html: '<p>Call 415-555-0199</p>',
    });
    const read = `mutation($id: ID!) { adminMessageBodyRead(messageId: $id) { messageId originalText relayedText originalHtml rawMime } }`;
    const first = await app.execAs(admin.principal, read, { id: toGlobalId('RelayMessage', message.id) });
    expect(first.errors).toBeUndefined();
    expect(first.data?.adminMessageBodyRead).toMatchObject({
      originalText: 'Call 415-555-0199',
      relayedText: 'Call [phone removed]',
      originalHtml: '<p>Call 415-555-0199</p>',
      rawMime: expect.stringContaining('Call 415-555-0199'),
    });
    await app.execAs(admin.principal, read, { id: toGlobalId('RelayMessage', message.id) });
    const entries = await app.prisma.auditLogEntry.findMany({ where: { action: 'message.body_read', targetId: message.id } });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorUserId: admin.user.id, targetType: 'RelayMessage', workspaceId: a.provider.workspace.id });
    expect(entries[0]!.details).toEqual({ threadId: a.thread.id });
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain('415-555');

    // A provider (a party) cannot use the admin read.
    expect(errorCodes(await app.execAs(a.provider.manager.principal, read, { id: toGlobalId('RelayMessage', message.id) }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await auditCount('message.body_read', message.id)).toBe(2);
  });

  it('pages relay events newest first and filters them by kind', async () => {
    const pool = app.api.platform.database.pool;
    for (let i = 0; i < 3; i += 1)
      await pool.query(`INSERT INTO relay_events (kind, reason) VALUES ('RATE_LIMITED_T', $1)`, [`burst ${i}`]);
    const query = `query($after: String) { relayEvents(kind: "RATE_LIMITED_T", first: 2, after: $after) {
      totalCount nodes { reason kind } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await app.execAs(admin.principal, query, {})).data?.relayEvents as {
      totalCount: number;
      nodes: { reason: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((n) => n.reason)).toEqual(['burst 2', 'burst 1']);
    const page2 = (await app.execAs(admin.principal, query, { after: page1.pageInfo.endCursor })).data?.relayEvents as typeof page1;
    expect(page2.nodes.map((n) => n.reason)).toEqual(['burst 0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });
});

describe('relay settings', () => {
  const update = `mutation($input: RelaySettingsInput!) { relaySettingsUpdate(input: $input) {
    maxMessageBytes maxAttachmentBytes messagesPerThreadPerHour messagesPerUserPerHour retentionDays maxProvidersPerRequest } }`;
  const valid = {
    maxMessageBytes: 20 * 1024 * 1024,
    maxAttachmentBytes: 5 * 1024 * 1024,
    messagesPerThreadPerHour: 40,
    messagesPerUserPerHour: 80,
    retentionDays: 365,
    maxProvidersPerRequest: 3,
  };

  it('refuses values out of range, all at once, and changes nothing', async () => {
    const before = await app.prisma.relaySettings.findUniqueOrThrow({ where: { id: 1 } });
    const result = await app.execAs(admin.principal, update, {
      input: { ...valid, maxMessageBytes: 10, maxProvidersPerRequest: 11, retentionDays: 7, messagesPerThreadPerHour: 0 },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions!['fieldErrors'] as { field: string[] }[]).map((e) => e.field.at(-1));
    expect(fields).toEqual(
      expect.arrayContaining(['maxMessageBytes', 'maxProvidersPerRequest', 'retentionDays', 'messagesPerThreadPerHour']),
    );
    const bigAttachment = await app.execAs(admin.principal, update, { input: { ...valid, maxAttachmentBytes: valid.maxMessageBytes + 1 } });
    expect(errorCodes(bigAttachment)).toEqual(['BAD_USER_INPUT']);
    expect(await app.prisma.relaySettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
  });

  it('saves valid values and audits before and after', async () => {
    const result = await app.execAs(admin.principal, update, { input: valid });
    expect(result.errors).toBeUndefined();
    expect(result.data?.relaySettingsUpdate).toEqual(valid);
    expect((await app.execAs(admin.principal, `{ relaySettings { retentionDays messagesPerThreadPerHour } }`)).data?.relaySettings).toEqual(
      {
        retentionDays: 365,
        messagesPerThreadPerHour: 40,
      },
    );
    const entry = await app.prisma.auditLogEntry.findFirstOrThrow({ where: { action: 'relay_settings.updated' }, orderBy: { id: 'desc' } });
    expect(entry.details).toMatchObject({ before: { messagesPerThreadPerHour: 30 }, after: { messagesPerThreadPerHour: 40 } });
  });
});

describe('suspensions', () => {
  it('suspends and resumes a thread: audited, the parties told, the webhook queued', async () => {
    const a = await routed();
    await app.prisma.webhookEndpoint.create({
      data: {
        workspaceId: a.provider.workspace.id,
        url: 'http://127.0.0.1:9/hook',
        secret: 'whsec_test',
        events: ['thread.status_changed'],
      },
    });
    const events = app.api.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, userParty(a.endUser.user.id));
    const next = events.next();
    const suspend = `mutation($id: ID!, $reason: String!) { adminThreadSuspend(id: $id, reason: $reason) { status suspendedReason } }`;
    expect(errorCodes(await app.execAs(admin.principal, suspend, { id: threadGid(a.thread.id), reason: '  ' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const result = await app.execAs(admin.principal, suspend, { id: threadGid(a.thread.id), reason: 'abuse report' });
    expect(result.data?.adminThreadSuspend).toEqual({ status: 'SUSPENDED', suspendedReason: 'abuse report' });
    expect((await next).value).toMatchObject({ kind: 'THREAD_UPDATED', threadId: a.thread.id });
    await events.return?.(undefined);
    expect(await auditCount('thread.suspended', a.thread.id)).toBe(1);
    const delivery = await app.prisma.webhookDelivery.findFirstOrThrow({
      where: { event: 'thread.status_changed', endpoint: { workspaceId: a.provider.workspace.id } },
    });
    expect(delivery.payload).toMatchObject({
      type: 'thread.status_changed',
      data: { status: 'SUSPENDED', threadId: threadGid(a.thread.id) },
    });
    expect(JSON.stringify(delivery.payload)).not.toContain('abuse report');

    // The end user sees the thread suspended and cannot reply.
    const mine = await app.execAs(a.endUser.principal, `query($id: ID!) { myThread(id: $id) { status canReply } }`, {
      id: threadGid(a.thread.id),
    });
    expect(mine.data?.myThread).toEqual({ status: 'SUSPENDED', canReply: false });

    const resume = `mutation($id: ID!) { adminThreadResume(id: $id) { status suspendedReason } }`;
    expect((await app.execAs(admin.principal, resume, { id: threadGid(a.thread.id) })).data?.adminThreadResume).toEqual({
      status: 'OPEN',
      suspendedReason: null,
    });
    expect(await auditCount('thread.resumed', a.thread.id)).toBe(1);
    const again = await app.execAs(admin.principal, resume, { id: threadGid(a.thread.id) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_SUSPENDED' });

    await app.prisma.relayThread.update({ where: { id: a.thread.id }, data: { status: 'CLOSED' } });
    const closed = await app.execAs(admin.principal, suspend, { id: threadGid(a.thread.id), reason: 'late' });
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THREAD_CLOSED' });
  });

  it('suspends a provider workspace (only providers), audited', async () => {
    const a = await routed();
    const mutation = `mutation($ws: ID!, $s: Boolean!) { adminProviderSuspend(workspaceId: $ws, suspended: $s, reason: "fraud check") }`;
    expect((await app.execAs(admin.principal, mutation, { ws: toGlobalId('Workspace', a.provider.workspace.id), s: true })).data).toEqual({
      adminProviderSuspend: true,
    });
    expect((await app.prisma.workspace.findUniqueOrThrow({ where: { id: a.provider.workspace.id } })).status).toBe('SUSPENDED');
    await app.execAs(admin.principal, mutation, { ws: toGlobalId('Workspace', a.provider.workspace.id), s: false });
    expect((await app.prisma.workspace.findUniqueOrThrow({ where: { id: a.provider.workspace.id } })).status).toBe('ACTIVE');
    expect(await auditCount('provider.suspended', a.provider.workspace.id)).toBe(1);
    expect(await auditCount('provider.resumed', a.provider.workspace.id)).toBe(1);

    const buyer = await buildWorkspace(app, { kind: 'BUYER' });
    const refused = await app.execAs(admin.principal, mutation, { ws: toGlobalId('Workspace', buyer.id), s: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PROVIDER' });
    expect(
      errorCodes(
        await app.execAs(a.provider.manager.principal, mutation, { ws: toGlobalId('Workspace', a.provider.workspace.id), s: true }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('suspends a user: sessions revoked and sign-in refused; an admin cannot suspend themselves', async () => {
    const person = await buildSignedIn(app, { endUser: true });
    expect((await app.api.services.sessions.resolve(person.token)).kind).toBe('user');
    const mutation = `mutation($id: ID!, $s: Boolean!) { adminUserSuspend(userId: $id, suspended: $s, reason: "spam") }`;
    const result = await app.execAs(admin.principal, mutation, { id: toGlobalId('User', person.user.id), s: true });
    expect(result.data).toEqual({ adminUserSuspend: true });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: person.user.id } })).status).toBe('SUSPENDED');
    expect(await app.prisma.session.count({ where: { userId: person.user.id, revokedAt: null } })).toBe(0);
    expect((await app.api.services.sessions.resolve(person.token)).kind).toBe('anonymous');
    expect(await auditCount('user.suspended', person.user.id)).toBe(1);

    await app.execAs(admin.principal, mutation, { id: toGlobalId('User', person.user.id), s: false });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: person.user.id } })).status).toBe('ACTIVE');

    const self = await app.execAs(admin.principal, mutation, { id: toGlobalId('User', admin.user.id), s: true });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_ALLOWED' });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } })).status).toBe('ACTIVE');
  });
});

describe('right to be forgotten', () => {
  it('anonymizes an end user on an admin request, keeps the message bodies, and refuses staff accounts', async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, { direction: 'USER_TO_PROVIDER', text: 'KEEP-THIS-BODY' });
    const forget = `mutation($id: ID!) { adminEndUserForget(userId: $id, reason: "GDPR request #42") }`;
    const result = await app.execAs(admin.principal, forget, { id: toGlobalId('User', a.endUser.user.id) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ adminEndUserForget: true });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: a.endUser.user.id } })).status).toBe('DELETED');
    expect((await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } })).status).toBe('CLOSED');
    expect((await app.prisma.relayMessage.findFirstOrThrow({ where: { threadId: a.thread.id } })).textBody).toBe('KEEP-THIS-BODY');
    const view = await app.execAs(admin.principal, `query($id: ID!) { adminThread(id: $id) { endUserName status } }`, {
      id: threadGid(a.thread.id),
    });
    expect(view.data?.adminThread).toEqual({ endUserName: 'Anonymized user', status: 'CLOSED' });
    const entry = await app.prisma.auditLogEntry.findFirstOrThrow({
      where: { targetId: a.endUser.user.id, action: { startsWith: 'end_user.' } },
    });
    expect(entry).toMatchObject({ actorUserId: admin.user.id });
    expect(entry.details).toMatchObject({ reason: 'GDPR request #42' });

    const staff = await app.execAs(admin.principal, forget, { id: toGlobalId('User', a.provider.sales.user.id) });
    expect(staff.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_ALLOWED' });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: a.provider.sales.user.id } })).status).toBe('ACTIVE');
    expect(errorCodes(await app.execAs(a.provider.manager.principal, forget, { id: toGlobalId('User', a.endUser.user.id) }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('body reads after the right to be forgotten', () => {
  const READ = `mutation($id: ID!) { adminMessageBodyRead(messageId: $id) { originalText rawMime } }`;
  const RAW = [
    'Received: from mail.example.com (mail.example.com [203.0.113.9])',
    '\tby relay.hotlead.local with ESMTP; Sat, 21 Nov 2026 10:00:00 +0000',
    'Return-Path: <casey.forgotten@example.com>',
    'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; i=casey.forgotten@example.com;',
    '  b=abc',
    'Authentication-Results: relay.hotlead.local; spf=pass smtp.mailfrom=casey.forgotten@example.com',
    'From: Casey Forgotten <casey.forgotten@example.com>',
    'Reply-To: casey.forgotten@example.com',
    'To: p-token@relay.hotlead.local',
    'Cc: "Casey at work" <casey@work.example>',
    'X-Original-To: p-token@relay.hotlead.local',
    'Subject: Re: your quote',
    'Message-ID: <m1@example.com>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'From: the quoted part of the body stays as written, like the body itself.',
    'Thanks!',
    '',
  ].join('\r\n');

  async function storeRaw(a: Awaited<ReturnType<typeof routed>>, raw: string, parseNotes: object = {}) {
    const { rows } = await app.api.platform.database.pool.query<{ id: string }>(
      `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, subject, text_body, raw_mime, size_bytes, parse_notes)
       VALUES ($1, $2, $3, $4, $5, 'USER_TO_PROVIDER', 'EMAIL', 'Re: your quote', 'Thanks!', $6, $7, $8::jsonb) RETURNING id`,
      [a.thread.id, a.request.id, a.provider.workspace.id, a.endUser.user.id, a.niche.id, raw, raw.length, JSON.stringify(parseNotes)],
    );
    return toGlobalId('RelayMessage', rows[0]!.id);
  }

  it('give the raw MIME without the address headers once the end user is forgotten; the body stays', async () => {
    const a = await routed();
    const id = await storeRaw(a, RAW);
    const before = await app.execAs(admin.principal, READ, { id });
    expect((before.data?.adminMessageBodyRead as { rawMime: string }).rawMime).toBe(RAW);

    await app.execAs(admin.principal, `mutation($id: ID!) { adminEndUserForget(userId: $id, reason: "GDPR request #43") }`, {
      id: toGlobalId('User', a.endUser.user.id),
    });
    const after = await app.execAs(admin.principal, READ, { id });
    expect(after.errors).toBeUndefined();
    expect(after.data?.adminMessageBodyRead).toEqual({
      originalText: 'Thanks!',
      rawMime: [
        'Subject: Re: your quote',
        'Message-ID: <m1@example.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'From: the quoted part of the body stays as written, like the body itself.',
        'Thanks!',
        '',
      ].join('\r\n'),
    });
    expect(await auditCount('message.body_read', parseGlobalId(id)!.id)).toBe(2);
  });

  it('keep a message stored as base64 (not UTF-8) in that form, its other bytes unchanged', () => {
    const e = Buffer.from([0xe9]); // é in ISO-8859-1: not UTF-8, so the store keeps base64
    const stored = Buffer.concat([Buffer.from('From: x@example.com\nSubject: caf'), e, Buffer.from('\n\nol'), e]).toString('base64');
    const out = Buffer.from(anonymizedRawMime(stored, { rawMimeEncoding: 'base64' }), 'base64');
    expect(out.equals(Buffer.concat([Buffer.from('Subject: caf'), e, Buffer.from('\n\nol'), e]))).toBe(true);
    // No header section at all: nothing to take away.
    expect(anonymizedRawMime('\r\nFrom: in the body', {})).toBe('\r\nFrom: in the body');
  });
});

describe('dev mailbox reply', () => {
  it('answers only messages that came from a relay address', async () => {
    const mail = await app.prisma.devMailboxMessage.create({
      data: {
        messageId: '<x@hotlead.local>',
        fromAddress: 'Hotlead <no-reply@hotlead.local>',
        toAddresses: ['someone@example.test'],
        subject: 'Welcome',
        rawMime: 'Subject: Welcome\r\n\r\nhi',
      },
    });
    const result = await app.execAs(admin.principal, `mutation($id: ID!) { devMailboxReply(messageId: $id, text: "hello") }`, {
      id: toGlobalId('DevMailboxMessage', mail.id),
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_RELAY_MESSAGE' });
  });
});

describe('CSV export', () => {
  it('exports lead metadata and outcomes for members and admins, never bodies or the hidden email', async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', text: 'SECRET-BODY', redactedText: 'SECRET-BODY' });
    await storeMessage(app, a.thread.id, { direction: 'USER_TO_PROVIDER', text: 'my phone 415-555-0100' });
    await app.prisma.requestAssignment.update({
      where: { id: a.assignment.id },
      data: { outcome: 'BAD_LEAD', outcomeReason: '=HYPERLINK("http://x")', firstResponseAt: new Date() },
    });
    const url = `${app.url}/provider/${toGlobalId('Workspace', a.provider.workspace.id)}/assignments.csv`;
    const get = (token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    const response = await get(a.provider.sales.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await response.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'assignment_id,request_id,niche,delivered_at,status,price,outcome,outcome_reason,first_response_at,messages,last_message_at,thread_status,dispute_status',
    );
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(',');
    expect(cells[0]).toBe(toGlobalId('RequestAssignment', a.assignment.id));
    expect(cells[2]).toBe(a.niche.name);
    expect(cells[4]).toBe('ACTIVE');
    expect(cells[6]).toBe('BAD_LEAD');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(cells.slice(9)).toEqual(['2', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'OPEN', '']);
    for (const secret of ['SECRET-BODY', '415-555', a.endUser.user.email, 'Casey']) expect(csv).not.toContain(secret);

    expect((await get(admin.token)).status).toBe(200);
    expect((await get()).status).toBe(401);
    const other = await buildProvider(app);
    expect((await get(other.manager.token)).status).toBe(404);
  });
});
