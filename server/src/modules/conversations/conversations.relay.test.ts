// Writing and closing through the real relay: the console and the end-user area post through
// RelayService, its refusals come back as GraphQL errors with their reason, and in local mode an
// admin answers a relayed email from the dev mailbox over real SMTP to the inbound server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { buildNiche, buildProvider, buildRoutedRequest } from '../../../test/routing.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { UPLOAD_CSRF_HEADER } from '../leads/upload.http.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof buildSignedIn>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
});
afterAll(() => app?.stop());

const SEND = `mutation($input: ThreadMessageInput!) { threadMessageSend(input: $input) { id direction mine subject text status } }`;
const CLOSE = `mutation($id: ID!) { threadClose(id: $id) }`;
const threadGid = (id: string) => toGlobalId('RelayThread', id);

async function routed() {
  const niche = await buildNiche(app, { name: `Plumbing ${Math.random().toString(36).slice(2, 8)}` });
  const provider = await buildProvider(app, { nicheIds: [niche.id] });
  const request = await buildRoutedRequest(app, provider, { nicheId: niche.id });
  return { niche, provider, ...request };
}

describe('threadMessageSend', () => {
  it('lets the provider write first, then the end user; the sender sees what they wrote', async () => {
    const a = await routed();
    const early = await app.execAs(a.endUser.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'Hello?' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PROVIDER_FIRST' });

    const first = await app.execAs(a.provider.sales.principal, SEND, {
      input: { threadId: threadGid(a.thread.id), text: 'Hi Casey, call me at 415-555-0199.' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.threadMessageSend).toMatchObject({
      direction: 'PROVIDER_TO_USER',
      mine: true,
      subject: `Re: ${a.niche.name} request`,
      text: 'Hi Casey, call me at 415-555-0199.',
    });
    const stored = await app.prisma.relayMessage.findFirstOrThrow({ where: { threadId: a.thread.id } });
    expect(stored).toMatchObject({ senderUserId: a.provider.sales.user.id, source: 'CONSOLE' });
    expect(stored.redactedText).not.toContain('415-555-0199');

    const reply = await app.execAs(a.endUser.principal, SEND, {
      input: { threadId: threadGid(a.thread.id), subject: 'Thanks', text: 'Tuesday works.' },
    });
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.threadMessageSend).toMatchObject({ direction: 'USER_TO_PROVIDER', mine: true, subject: 'Thanks' });

    // The end user reads the provider's message redacted.
    const view = await app.execAs(a.endUser.principal, `query($id: ID!) { myThread(id: $id) { canReply messages { mine text } } }`, {
      id: threadGid(a.thread.id),
    });
    expect(view.data?.myThread).toMatchObject({ canReply: true, messages: [{ mine: false }, { mine: true, text: 'Tuesday works.' }] });
    expect(JSON.stringify(view.data)).not.toContain('415-555-0199');
  });

  it('refuses bad input before the relay, with every problem named', async () => {
    const a = await routed();
    const result = await app.execAs(a.provider.sales.principal, SEND, {
      input: { threadId: threadGid(a.thread.id), text: '   ', subject: 'x'.repeat(201), attachmentTokens: Array(11).fill('t') },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions!['fieldErrors'] as { field: string[] }[]).map((e) => e.field.join('.'));
    expect(fields).toEqual(['input.text', 'input.subject', 'input.attachmentTokens']);
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(0);
    expect(errorCodes(await app.execAs(a.provider.sales.principal, SEND, { input: { threadId: 'nonsense', text: 'x' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('is refused on a suspended thread, and again accepted once resumed', async () => {
    const a = await routed();
    await app.execAs(admin.principal, `mutation($id: ID!) { adminThreadSuspend(id: $id, reason: "review") { status } }`, {
      id: threadGid(a.thread.id),
    });
    const refused = await app.execAs(a.provider.sales.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'Hello' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THREAD_SUSPENDED' });
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(0);
    await app.execAs(admin.principal, `mutation($id: ID!) { adminThreadResume(id: $id) { status } }`, { id: threadGid(a.thread.id) });
    const accepted = await app.execAs(a.provider.sales.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'Hello' } });
    expect(accepted.errors).toBeUndefined();
  });
});

describe('attachments', () => {
  it('sends a PDF uploaded beforehand; both parties see it and can download it', async () => {
    const a = await routed();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const upload = await fetch(`${app.url}/relay/uploads?filename=quote.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.provider.sales.token}`, 'content-type': 'application/pdf', [UPLOAD_CSRF_HEADER]: '1' },
      body: pdf,
    });
    expect(upload.status).toBe(201);
    const { token } = (await upload.json()) as { token: string };
    const sent = await app.execAs(
      a.provider.sales.principal,
      `mutation($input: ThreadMessageInput!) { threadMessageSend(input: $input) { attachments { id filename contentType sizeBytes downloadUrl } } }`,
      { input: { threadId: threadGid(a.thread.id), text: 'Our quote is attached.', attachmentTokens: [token] } },
    );
    expect(sent.errors).toBeUndefined();
    const [attachment] = (sent.data?.threadMessageSend as { attachments: { downloadUrl: string; sizeBytes: number }[] }).attachments;
    expect(attachment).toMatchObject({ filename: 'quote.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    // downloadUrl is on the public URL; the same path on this test server.
    const path = new URL(attachment!.downloadUrl).pathname;
    const download = (t: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${t}` } });
    const asUser = await download(a.endUser.token);
    expect(asUser.status).toBe(200);
    expect(Buffer.from(await asUser.arrayBuffer()).equals(pdf)).toBe(true);
    const view = await app.execAs(
      a.endUser.principal,
      `query($id: ID!) { myThread(id: $id) { messages { attachments { downloadUrl } } } }`,
      {
        id: threadGid(a.thread.id),
      },
    );
    expect(view.data?.myThread).toEqual({ messages: [{ attachments: [{ downloadUrl: attachment!.downloadUrl }] }] });
    const stranger = await buildSignedIn(app);
    expect((await download(stranger.token)).status).toBe(404);
  });
});

describe('suspended provider', () => {
  it('refuses messages both ways while the provider workspace is suspended', async () => {
    const a = await routed();
    await app.execAs(a.provider.sales.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'First.' } });
    await app.execAs(admin.principal, `mutation($ws: ID!) { adminProviderSuspend(workspaceId: $ws, suspended: true, reason: "fraud") }`, {
      ws: toGlobalId('Workspace', a.provider.workspace.id),
    });
    for (const principal of [a.provider.sales.principal, a.endUser.principal]) {
      const result = await app.execAs(principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'Anyone?' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THREAD_SUSPENDED' });
    }
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(1);
  });
});

describe('threadClose', () => {
  it('lets the end user close a thread; it then refuses messages and stays readable', async () => {
    const a = await routed();
    await app.execAs(a.provider.sales.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'Our offer: $200.' } });
    const closed = await app.execAs(a.endUser.principal, CLOSE, { id: threadGid(a.thread.id) });
    expect(closed.data).toEqual({ threadClose: threadGid(a.thread.id) });
    expect(await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } })).toMatchObject({
      status: 'CLOSED',
      closedBy: 'USER',
    });
    const after = await app.execAs(a.provider.manager.principal, SEND, {
      input: { threadId: threadGid(a.thread.id), text: 'Still there?' },
    });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THREAD_CLOSED' });
    const view = await app.execAs(
      a.endUser.principal,
      `query($id: ID!) { myThread(id: $id) { status closedBy canReply messages { text } } }`,
      {
        id: threadGid(a.thread.id),
      },
    );
    expect(view.data?.myThread).toMatchObject({
      status: 'CLOSED',
      closedBy: 'USER',
      canReply: false,
      messages: [{ text: 'Our offer: $200.' }],
    });
    // Closing again is harmless.
    expect((await app.execAs(a.provider.sales.principal, CLOSE, { id: threadGid(a.thread.id) })).errors).toBeUndefined();
  });
});

describe('devMailboxReply', () => {
  it('answers a relayed email as its recipient over SMTP; the reply lands in the thread, audited', async () => {
    const a = await routed();
    const sent = await app.execAs(a.provider.sales.principal, SEND, {
      input: { threadId: threadGid(a.thread.id), text: 'When can we come by?' },
    });
    expect(sent.errors).toBeUndefined();
    const relayed = await eventually(
      () =>
        app.prisma.devMailboxMessage.findFirst({ where: { toAddresses: { has: a.endUser.user.email } }, orderBy: { receivedAt: 'desc' } }),
      20_000,
      'the relayed email in the dev mailbox',
    );
    expect(relayed.fromAddress).toContain(`p-${a.thread.providerToken}@relay.`);

    const result = await app.execAs(
      admin.principal,
      `mutation($id: ID!, $text: String!) { devMailboxReply(messageId: $id, text: $text) }`,
      {
        id: toGlobalId('DevMailboxMessage', relayed.id),
        text: 'Tomorrow at 9 is fine.',
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ devMailboxReply: true });
    const reply = await eventually(
      () => app.prisma.relayMessage.findFirst({ where: { threadId: a.thread.id, direction: 'USER_TO_PROVIDER' } }),
      20_000,
      'the reply in the thread',
    );
    expect(reply).toMatchObject({ source: 'EMAIL' });
    expect(reply.textBody).toContain('Tomorrow at 9 is fine.');
    expect(await app.prisma.auditLogEntry.count({ where: { action: 'dev_mailbox.replied', targetId: relayed.id } })).toBe(1);
  });
});
