import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RelayEventsDocument,
  RelaySettingsDocument,
  RelaySettingsUpdateDocument,
  type RelayEventsQueryVariables,
  type RelaySettingsUpdateMutationVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

const MIB = 1024 * 1024;

const settings = {
  __typename: 'RelaySettings',
  maxMessageBytes: 25 * MIB,
  maxAttachmentBytes: 10 * MIB,
  messagesPerThreadPerHour: 30,
  messagesPerUserPerHour: 60,
  retentionDays: 0,
  maxProvidersPerRequest: 3,
  updatedAt: '2026-03-01T09:00:00.000Z',
};

const events = [
  {
    __typename: 'RelayEvent',
    id: 'ev-1',
    at: '2026-03-02T10:00:00.000Z',
    kind: 'rate_limited',
    reason: 'Thread over 30 messages/hour',
    threadId: null,
    messageId: null,
  },
  {
    __typename: 'RelayEvent',
    id: 'ev-2',
    at: '2026-03-02T09:00:00.000Z',
    kind: 'cc_stripped',
    reason: 'Cc to 1 other address removed',
    threadId: null,
    messageId: null,
  },
];

describe('RelaySettingsPage', () => {
  it('checks the limits before saving and sends them in bytes', async () => {
    const updates: RelaySettingsUpdateMutationVariables[] = [];
    const { user } = renderConsole('/conversations/settings', [
      ...signedInAs({ admin: true }),
      mockOperation(RelaySettingsDocument, { relaySettings: settings }),
      mockOperation(RelayEventsDocument, { relayEvents: connection('RelayEvent', []) }),
      mockOperation(RelaySettingsUpdateDocument, (variables) => {
        updates.push(variables);
        return { relaySettingsUpdate: { ...settings, ...variables.input, updatedAt: '2026-03-03T09:00:00.000Z' } };
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Relay settings' });
    const message = within(form).getByRole('textbox', { name: 'Largest message (MB)' });
    const attachment = within(form).getByRole('textbox', { name: 'Largest attachment (MB)' });
    const providers = within(form).getByRole('textbox', { name: 'Providers per request' });
    const retention = within(form).getByRole('textbox', { name: 'Retention (days)' });
    expect(message).toHaveValue('25');
    expect(attachment).toHaveValue('10');
    expect(retention).toHaveAccessibleDescription('0: messages are kept forever.');

    await user.clear(attachment);
    await user.type(attachment, '30');
    await user.clear(providers);
    await user.type(providers, '0');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(attachment).toHaveAccessibleDescription(expect.stringContaining('No larger than the message limit'));
    expect(providers).toHaveAccessibleDescription(expect.stringContaining('A whole number from 1 to 10'));
    expect(updates).toHaveLength(0);

    await user.clear(attachment);
    await user.type(attachment, '12.5');
    await user.clear(providers);
    await user.type(providers, '2');
    await user.clear(retention);
    await user.type(retention, '365');
    expect(retention).toHaveAccessibleDescription('Message bodies are deleted after this many days.');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({
      input: {
        maxMessageBytes: 25 * MIB,
        maxAttachmentBytes: 12.5 * MIB,
        messagesPerThreadPerHour: 30,
        messagesPerUserPerHour: 60,
        retentionDays: 365,
        maxProvidersPerRequest: 2,
      },
    });
    expect(await screen.findByText('Relay settings saved')).toBeInTheDocument();
  });

  it('lists the relay events and filters them by kind through the URL', async () => {
    const requests: RelayEventsQueryVariables[] = [];
    const { user, router } = renderConsole('/conversations/settings', [
      ...signedInAs({ admin: true }),
      mockOperation(RelaySettingsDocument, { relaySettings: settings }),
      mockOperation(RelayEventsDocument, (variables) => {
        requests.push(variables);
        return {
          relayEvents: connection(
            'RelayEvent',
            events.filter((e) => !variables.kind || e.kind === variables.kind),
          ),
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Relay events' });
    expect(within(table).getByRole('row', { name: /rate_limited/ })).toHaveTextContent('Thread over 30 messages/hour');
    expect(within(table).getByRole('row', { name: /cc_stripped/ })).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Event kind' }), 'cc_stripped');
    // The search commits after a pause in typing.
    await waitFor(() => expect(router.state.location.search).toBe('?kind=cc_stripped'), { timeout: 3000 });
    await waitFor(() => expect(screen.queryByRole('row', { name: /rate_limited/ })).not.toBeInTheDocument(), { timeout: 3000 });
    expect(screen.getByRole('row', { name: /cc_stripped/ })).toBeInTheDocument();
    expect(requests.map((r) => r.kind)).toEqual([null, 'cc_stripped']);
  });
});
