import { mockOperation, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { DevMailboxMessageDocument, DevMailboxReplyDocument, type DevMailboxReplyMutationVariables } from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';
import { linksIn, sandboxedHtml } from './sandboxedHtml';

const message = {
  __typename: 'DevMailboxMessage',
  id: 'msg-1',
  messageId: '<abc@hotlead.local>',
  from: 'Hotlead <no-reply@hotlead.local>',
  to: ['ada@example.com', 'grace@example.com'],
  subject: 'Reset your password',
  textBody: 'Reset it here: https://app.example/buyer/reset-password?token=r1\nThanks',
  htmlBody: '<p>Reset <a href="https://app.example/buyer/reset-password?token=r1">here</a></p><script>alert(1)</script>',
  receivedAt: '2026-01-05T10:00:00.000Z',
} as const;

describe('DevMailboxMessagePage', () => {
  it('shows the headers, the links, and the HTML body in a sandboxed frame', async () => {
    const { user } = renderConsole('/dev-mailbox/msg-1', [
      ...signedInAs({ admin: true }),
      mockOperation(DevMailboxMessageDocument, { devMailboxMessage: { ...message, to: [...message.to] } }),
    ]);

    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeInTheDocument();
    const headers = screen.getByRole('table', { name: 'Message headers' });
    expect(within(headers).getByText('Hotlead <no-reply@hotlead.local>')).toBeInTheDocument();
    expect(within(headers).getByText('ada@example.com, grace@example.com')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://app.example/buyer/reset-password?token=r1' })).toHaveAttribute('target', '_blank');

    const frame = screen.getByTitle('Email HTML body');
    expect(frame.tagName).toBe('IFRAME');
    // No allow-scripts and no allow-same-origin: the email can neither run code nor reach the console.
    expect(frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(frame.getAttribute('srcdoc')).toContain('<p>Reset <a href=');
    expect(frame.getAttribute('srcdoc')).toContain("script-src 'none'");

    await user.click(screen.getByRole('tab', { name: 'Text' }));
    expect(await screen.findByText(/Reset it here:/)).toBeInTheDocument();
  });

  it('says when the message is gone', async () => {
    renderConsole('/dev-mailbox/nope', [
      ...signedInAs({ admin: true }),
      mockOperation(DevMailboxMessageDocument, { devMailboxMessage: null }),
    ]);
    expect(await screen.findByText('Message not found')).toBeInTheDocument();
  });
});

describe('sandboxedHtml / linksIn', () => {
  it('wraps the body with a restrictive CSP and a new-tab base target', () => {
    const html = sandboxedHtml('<p>Hi</p>');
    expect(html).toContain('<base target="_blank">');
    expect(html).toContain("script-src 'none'");
    expect(html).toContain('<body><p>Hi</p></body>');
  });

  it('finds each http(s) link once', () => {
    expect(linksIn('a https://x.test/a?b=1. and (https://x.test/a?b=1) http://y.test')).toEqual(['https://x.test/a?b=1', 'http://y.test']);
    expect(linksIn(null)).toEqual([]);
  });
});

describe('DevMailboxMessagePage: reply as recipient', () => {
  const relayed = {
    ...message,
    id: 'msg-2',
    from: '"Fast Plumbers (via Hotlead)" <p-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.local>',
    to: ['jane@example.com'],
    subject: 'Your plumbing request',
    textBody: 'Hello Jane',
    htmlBody: null,
  };

  it('replies to a relayed email over SMTP to the inbound relay', async () => {
    const replies: DevMailboxReplyMutationVariables[] = [];
    const { user } = renderConsole('/dev-mailbox/msg-2', [
      ...signedInAs({ admin: true }),
      mockOperation(DevMailboxMessageDocument, { devMailboxMessage: relayed }),
      mockOperation(DevMailboxReplyDocument, (variables) => {
        replies.push(variables);
        return { devMailboxReply: true };
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Reply as recipient' });
    expect(form).toHaveTextContent('Answers this relayed email as jane@example.com');
    await user.click(within(form).getByRole('button', { name: 'Send reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Write the reply first.');
    expect(replies).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: 'Reply' }), 'Tuesday works for me.');
    await user.click(within(form).getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Sent to the inbound relay over SMTP')).toBeInTheDocument();
    expect(replies).toEqual([{ messageId: 'msg-2', text: 'Tuesday works for me.' }]);
    expect(within(form).getByRole('textbox', { name: 'Reply' })).toHaveValue('');
  });

  it('offers no reply to mail that did not come through the relay', async () => {
    renderConsole('/dev-mailbox/msg-1', [
      ...signedInAs({ admin: true }),
      mockOperation(DevMailboxMessageDocument, { devMailboxMessage: { ...message, to: [...message.to] } }),
    ]);
    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Reply as recipient' })).not.toBeInTheDocument();
  });
});
