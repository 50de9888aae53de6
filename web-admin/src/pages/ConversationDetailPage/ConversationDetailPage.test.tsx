import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminEndUserForgetDocument,
  AdminMessageBodyReadDocument,
  AdminProviderSuspendDocument,
  AdminThreadDocument,
  AdminThreadResumeDocument,
  AdminThreadSuspendDocument,
  ConversationProviderDocument,
  type AdminEndUserForgetMutationVariables,
  type AdminProviderSuspendMutationVariables,
  type AdminThreadSuspendMutationVariables,
} from '../../gql/graphql';
import { buildAdminThread, type AdminThreadFixture } from '../../test/conversationFixtures';
import { renderConsole, signedInAs } from '../../test/fixtures';

const admin = signedInAs({ admin: true });

function provider(status: 'ACTIVE' | 'SUSPENDED') {
  return mockOperation(ConversationProviderDocument, {
    workspace: { __typename: 'Workspace', id: 'ws-prov', name: 'Fast Plumbers', status },
  });
}

describe('ConversationDetailPage', () => {
  it('shows each message’s delivery diagnostics and the relay events', async () => {
    renderConsole('/conversations/at-1', [
      ...admin,
      provider('ACTIVE'),
      mockOperation(AdminThreadDocument, { adminThread: buildAdminThread() }),
    ]);

    expect(await screen.findByRole('heading', { name: 'Fast Plumbers ↔ Jane Doe' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Message diagnostics' });
    const read = within(table).getByRole('row', { name: /Your plumbing request/ });
    expect(read).toHaveTextContent('Provider → end user');
    expect(read).toHaveTextContent('1 redacted');
    expect(read).toHaveTextContent('2.0 KB');
    expect(read).toHaveTextContent('Read');
    expect(within(read).getByRole('link', { name: 'quote.pdf' })).toHaveAttribute('href', '/relay/attachments/att-1');
    const bounced = within(table).getByRole('row', { name: /Following up/ });
    expect(bounced).toHaveTextContent('Not delivered');
    expect(bounced).toHaveTextContent('INVALID_ADDRESS');
    expect(bounced).toHaveTextContent('5.1.1');
    expect(bounced).toHaveTextContent('550 5.1.1 User unknown');

    const events = screen.getByRole('table', { name: 'Relay events' });
    expect(within(events).getByRole('row', { name: /bounce/ })).toHaveTextContent('Invalid address (5.1.1)');
  });

  it('reads a message body only on request, through the audited mutation, and says so', async () => {
    const reads: string[] = [];
    const { user } = renderConsole('/conversations/at-1', [
      ...admin,
      provider('ACTIVE'),
      mockOperation(AdminThreadDocument, { adminThread: buildAdminThread() }),
      mockOperation(AdminMessageBodyReadDocument, (variables) => {
        const messageId = String(variables.messageId);
        reads.push(messageId);
        return {
          adminMessageBodyRead: {
            __typename: 'AdminMessageBody',
            messageId,
            originalText: 'Call me at +1 415 555 0100',
            originalHtml: null,
            relayedText: 'Call me at [phone removed]',
            relayedHtml: '<p>Call me at [phone removed]</p><img src="https://relay.example/pixel/1.gif">',
            rawMime: 'From: p-abc@relay.hotlead.test\r\nSubject: Your plumbing request\r\n\r\nCall me at +1 415 555 0100',
          },
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Message diagnostics' });
    // Opening the conversation reads no body.
    expect(reads).toEqual([]);
    await user.click(within(within(table).getByRole('row', { name: /Your plumbing request/ })).getByRole('button', { name: 'Read body' }));

    const dialog = await screen.findByRole('dialog', { name: 'Message body' });
    expect(dialog).toHaveTextContent('This read is recorded in the audit log.');
    expect(await within(dialog).findByText('Call me at +1 415 555 0100')).toBeInTheDocument();
    expect(reads).toEqual(['am-1']);

    await user.click(within(dialog).getByRole('tab', { name: 'Relayed' }));
    expect(await within(dialog).findByText('Call me at [phone removed]')).toBeInTheDocument();
    // The relayed HTML sits in a frame that loads nothing: the read pixel stays unloaded.
    const frame = within(dialog).getByTitle('Relayed HTML');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain("default-src 'none'; img-src data:");

    await user.click(within(dialog).getByRole('tab', { name: 'Raw MIME' }));
    expect(within(dialog).getByLabelText('Raw MIME source')).toHaveTextContent('Subject: Your plumbing request');
    expect(reads).toEqual(['am-1']);
  });

  it('suspends the thread with a reason and resumes it', async () => {
    const suspensions: AdminThreadSuspendMutationVariables[] = [];
    const resumes: string[] = [];
    const { user } = renderConsole('/conversations/at-1', [
      ...admin,
      provider('ACTIVE'),
      mockOperation(AdminThreadDocument, { adminThread: buildAdminThread() }),
      mockOperation(AdminThreadSuspendDocument, (variables) => {
        suspensions.push(variables);
        return { adminThreadSuspend: buildAdminThread({ status: 'SUSPENDED', suspendedReason: variables.reason }) };
      }),
      mockOperation(AdminThreadResumeDocument, ({ id }) => {
        resumes.push(String(id));
        return { adminThreadResume: buildAdminThread() };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Suspend thread' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend this thread' });
    await user.click(within(dialog).getByRole('button', { name: 'Suspend thread' }));
    expect(suspensions).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Harassment reported by the end user');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend thread' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(suspensions).toEqual([{ id: 'at-1', reason: 'Harassment reported by the end user' }]);
    // The suspension and its reason show on the page; the button turns into "Resume thread".
    expect(await screen.findByText('Harassment reported by the end user')).toBeInTheDocument();
    expect(screen.getAllByText('Suspended').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Suspend thread' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resume thread' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Resume this thread?' })).getByRole('button', { name: 'Resume thread' }),
    );
    await waitFor(() => expect(resumes).toEqual(['at-1']));
    expect(await screen.findByRole('button', { name: 'Suspend thread' })).toBeInTheDocument();
  });

  it('suspends the provider workspace and forgets the end user after a danger confirmation', async () => {
    let thread: AdminThreadFixture = buildAdminThread();
    let providerStatus: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE';
    const providerCalls: AdminProviderSuspendMutationVariables[] = [];
    const forgets: AdminEndUserForgetMutationVariables[] = [];
    const { user } = renderConsole('/conversations/at-1', [
      ...admin,
      mockOperation(ConversationProviderDocument, () => ({
        workspace: { __typename: 'Workspace', id: 'ws-prov', name: 'Fast Plumbers', status: providerStatus },
      })),
      mockOperation(AdminThreadDocument, () => ({ adminThread: thread })),
      mockOperation(AdminProviderSuspendDocument, (variables) => {
        providerCalls.push(variables);
        providerStatus = variables.suspended ? 'SUSPENDED' : 'ACTIVE';
        return { adminProviderSuspend: true };
      }),
      mockOperation(AdminEndUserForgetDocument, (variables) => {
        forgets.push(variables);
        thread = buildAdminThread({ endUserName: 'Anonymized user', endUserId: null });
        return { adminEndUserForget: true };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Suspend provider' }));
    let dialog = await screen.findByRole('dialog', { name: 'Suspend Fast Plumbers' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Repeated spam');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend provider' }));
    expect(await screen.findByRole('button', { name: 'Lift provider suspension' })).toBeInTheDocument();
    expect(providerCalls).toEqual([{ workspaceId: 'ws-prov', suspended: true, reason: 'Repeated spam' }]);

    await user.click(screen.getByRole('button', { name: 'End user' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Forget end user' }));
    dialog = await screen.findByRole('dialog', { name: 'Forget Jane Doe' });
    expect(dialog).toHaveTextContent('This cannot be undone.');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'GDPR request #4411');
    await user.click(within(dialog).getByRole('button', { name: 'Forget end user' }));
    expect(within(dialog).getByRole('checkbox', { name: 'I understand this cannot be undone' })).toHaveAccessibleDescription(
      'Tick this to confirm',
    );
    expect(forgets).toHaveLength(0);
    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand this cannot be undone' }));
    await user.click(within(dialog).getByRole('button', { name: 'Forget end user' }));
    expect(await screen.findByRole('heading', { name: 'Fast Plumbers ↔ Anonymized user' })).toBeInTheDocument();
    expect(forgets).toEqual([{ userId: 'user-jane', reason: 'GDPR request #4411' }]);
    expect(screen.queryByRole('button', { name: 'End user' })).not.toBeInTheDocument();
  });
});
