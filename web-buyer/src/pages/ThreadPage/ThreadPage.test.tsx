import { mockOperation, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MyRequestEventsDocument,
  MyThreadDocument,
  ThreadCloseDocument,
  ThreadMessageSendDocument,
  type ThreadMessageSendMutationVariables,
} from '../../gql/graphql';
import { buildMessage, buildThread, renderConsole, signedInAs, threadRequests, type ThreadFixture } from '../../test/fixtures';
import { CLOSED_NOTICE, PROVIDER_WRITES_FIRST } from './ThreadPage';

function threadHandler(thread: () => ThreadFixture, onCall?: () => void) {
  return mockOperation(MyThreadDocument, () => {
    onCall?.();
    return { myThread: thread(), myServiceRequests: threadRequests() };
  });
}

describe('ThreadPage', () => {
  it('keeps the composer disabled until the provider has written first', async () => {
    renderConsole('/me/threads/thread-1', [
      ...signedInAs({ isEndUser: true }),
      threadHandler(() => buildThread({ canReply: false, messages: [] })),
    ]);

    expect(await screen.findByRole('heading', { name: 'Rapid Plumbers' })).toBeInTheDocument();
    expect(screen.getByText('About your Plumbing request')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(PROVIDER_WRITES_FIRST);
    expect(screen.getByRole('textbox', { name: 'Your message' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeDisabled();
    expect(screen.getByText(/You can also reply from your email app: your replies go through/)).toHaveTextContent(
      'p-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test',
    );
  });

  it('shows the messages as text with their attachments and the status of mine', async () => {
    renderConsole('/me/threads/thread-1', [
      ...signedInAs({ isEndUser: true }),
      threadHandler(() =>
        buildThread({
          messages: [
            buildMessage({
              attachments: [
                {
                  __typename: 'RelayAttachment',
                  id: 'att-1',
                  filename: 'quote.pdf',
                  contentType: 'application/pdf',
                  sizeBytes: 48_000,
                  downloadUrl: '/relay/attachments/att-1',
                },
              ],
            }),
            buildMessage({
              id: 'msg-2',
              direction: 'USER_TO_PROVIDER',
              mine: true,
              text: 'Tuesday works. Call me on [phone removed]?',
              redactions: 1,
              status: 'DELIVERED',
              createdAt: '2026-11-20T12:00:00.000Z',
            }),
            buildMessage({
              id: 'msg-3',
              text: null,
              html: '<p>See you <b>then</b></p><img src="https://tracker.example/p.gif"><script>window.hacked = true</script>',
              createdAt: '2026-11-20T13:00:00.000Z',
            }),
          ],
        }),
      ),
    ]);

    const list = await screen.findByRole('list', { name: 'Messages' });
    const [first, second, third] = within(list).getAllByRole('article');
    expect(first).toHaveAccessibleName('Message from Rapid Plumbers');
    // Line breaks kept as text.
    expect(within(first!).getByText(/Hello!\s+We can come on Tuesday\./)).toBeInTheDocument();
    expect(within(first!).getByRole('link', { name: 'quote.pdf' })).toHaveAttribute('href', '/relay/attachments/att-1');
    expect(within(first!).queryByTestId('message-status')).not.toBeInTheDocument();

    expect(second).toHaveAccessibleName('Message from You');
    expect(within(second!).getByTestId('message-status')).toHaveTextContent('Delivered');
    expect(within(second!).getByText(/were hidden from the provider/)).toBeInTheDocument();

    // HTML is never rendered: only its text shows, no element, image or script from it.
    expect(within(third!).getByText('See you then')).toBeInTheDocument();
    expect(third!.querySelector('b, img, script')).toBeNull();
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('uploads an attachment, then sends the message with its token', async () => {
    let thread = buildThread();
    const uploads: { filename: string | null; contentType: string | null; body: string }[] = [];
    const sent: ThreadMessageSendMutationVariables[] = [];
    const { user } = renderConsole('/me/threads/thread-1', [
      ...signedInAs({ isEndUser: true }),
      threadHandler(() => thread),
      http.post('/relay/uploads', async ({ request }) => {
        // The relay refuses uploads without the CSRF header.
        if (request.headers.get('x-hotlead-upload') !== '1')
          return HttpResponse.json({ error: { message: 'no CSRF header' } }, { status: 400 });
        uploads.push({
          filename: new URL(request.url).searchParams.get('filename'),
          contentType: request.headers.get('content-type'),
          body: await request.text(),
        });
        return HttpResponse.json({ token: 'upl_tok_1', filename: 'photo of leak.png', sizeBytes: 9 });
      }),
      mockOperation(ThreadMessageSendDocument, (variables) => {
        sent.push(variables);
        const message = buildMessage({
          id: 'msg-new',
          direction: 'USER_TO_PROVIDER',
          mine: true,
          text: variables.input.text,
          status: 'QUEUED',
          createdAt: '2026-11-21T08:00:00.000Z',
        });
        thread = { ...thread, messages: [...thread.messages, message] };
        return { threadMessageSend: message };
      }),
    ]);

    const message = await screen.findByRole('textbox', { name: 'Your message' });
    // Nothing to send yet.
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Write a message')).toBeInTheDocument();

    await user.type(message, 'Here is the leak.{Enter}Thanks!');
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['PNG bytes'], 'photo of leak.png', { type: 'image/png' }));
    expect(within(screen.getByRole('list', { name: 'Attachments to send' })).getByText('photo of leak.png')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const list = screen.getByRole('list', { name: 'Messages' });
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(2));
    expect(uploads).toEqual([{ filename: 'photo of leak.png', contentType: 'image/png', body: 'PNG bytes' }]);
    expect(sent).toEqual([{ input: { threadId: 'thread-1', text: 'Here is the leak.\nThanks!', attachmentTokens: ['upl_tok_1'] } }]);
    expect(within(within(list).getAllByRole('article')[1]!).getByTestId('message-status')).toHaveTextContent('Sending');
    // The composer is empty again.
    expect(screen.getByRole('textbox', { name: 'Your message' })).toHaveValue('');
    expect(screen.queryByRole('list', { name: 'Attachments to send' })).not.toBeInTheDocument();
  });

  it('keeps the message when the relay refuses an attachment', async () => {
    const sent: unknown[] = [];
    const { user } = renderConsole('/me/threads/thread-1', [
      ...signedInAs({ isEndUser: true }),
      threadHandler(() => buildThread()),
      http.post('/relay/uploads', () =>
        HttpResponse.json({ error: { code: 'ATTACHMENT_REFUSED', message: 'executable files are not allowed' } }, { status: 422 }),
      ),
      mockOperation(ThreadMessageSendDocument, (variables) => {
        sent.push(variables);
        return { threadMessageSend: buildMessage() };
      }),
    ]);

    await user.type(await screen.findByRole('textbox', { name: 'Your message' }), 'See attached');
    await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]')!, new File(['MZ'], 'setup.exe'));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('setup.exe was not attached: executable files are not allowed');
    expect(sent).toHaveLength(0);
    expect(screen.getByRole('textbox', { name: 'Your message' })).toHaveValue('See attached');
  });

  it('closes the conversation after confirming and keeps the history readable', async () => {
    let thread = buildThread();
    const closed: string[] = [];
    const { user } = renderConsole('/me/threads/thread-1', [
      ...signedInAs({ isEndUser: true }),
      threadHandler(() => thread),
      mockOperation(ThreadCloseDocument, ({ id }) => {
        closed.push(String(id));
        thread = { ...thread, status: 'CLOSED', closedBy: 'END_USER', closedAt: '2026-11-21T09:00:00.000Z' };
        return { threadClose: String(id) };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Close this conversation' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close this conversation?' });
    expect(dialog).toHaveTextContent('Rapid Plumbers will no longer be able to message you');
    await user.click(within(dialog).getByRole('button', { name: 'Close conversation' }));

    expect(await screen.findByText(new RegExp(CLOSED_NOTICE))).toBeInTheDocument();
    expect(closed).toEqual(['thread-1']);
    expect(screen.queryByRole('textbox', { name: 'Your message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close this conversation' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('article')).toHaveLength(1);
  });

  it('refetches on events of this thread only', async () => {
    const socket = mockSubscriptions();
    let thread = buildThread({ canReply: false, messages: [] });
    let fetches = 0;
    renderConsole(
      '/me/threads/thread-1',
      [
        ...signedInAs({ isEndUser: true }),
        threadHandler(
          () => thread,
          () => (fetches += 1),
        ),
        socket.handler,
      ],
      { subscriptions: true },
    );
    expect(await screen.findByText('No messages yet.')).toBeInTheDocument();
    await socket.waitForSubscription(MyRequestEventsDocument);
    const event = {
      __typename: 'ConversationEvent',
      kind: 'MESSAGE_CREATED' as const,
      requestId: 'req-1',
      assignmentId: 'asg-1',
      messageId: 'msg-1',
    };

    socket.emit(MyRequestEventsDocument, { myRequestEvents: { ...event, threadId: 'thread-other' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetches).toBe(1);

    thread = buildThread({ canReply: true });
    socket.emit(MyRequestEventsDocument, { myRequestEvents: { ...event, threadId: 'thread-1' } });
    expect(await screen.findByText(/We can come on Tuesday/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Your message' })).toBeEnabled();
    expect(fetches).toBe(2);
  });
});
