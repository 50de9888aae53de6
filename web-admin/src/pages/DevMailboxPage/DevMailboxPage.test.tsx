import { mockOperation, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { DevMailboxDocument, DevMailboxMessageDocument } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

describe('DevMailboxPage', () => {
  it('lists caught emails and opens one', async () => {
    const { user, router } = renderConsole('/dev-mailbox', [
      ...signedInAs({ admin: true }),
      mockOperation(DevMailboxDocument, {
        devMailbox: connection('DevMailboxMessage', [
          {
            __typename: 'DevMailboxMessage',
            id: 'msg-1',
            from: 'Hotlead <no-reply@hotlead.local>',
            to: ['ada@example.com'],
            subject: 'Confirm your email',
            receivedAt: '2026-01-05T10:00:00.000Z',
          },
        ]),
      }),
      mockOperation(DevMailboxMessageDocument, ({ id }) => ({
        devMailboxMessage: {
          __typename: 'DevMailboxMessage',
          id: String(id),
          messageId: '<abc@hotlead.local>',
          from: 'Hotlead <no-reply@hotlead.local>',
          to: ['ada@example.com'],
          subject: 'Confirm your email',
          textBody: 'Confirm: http://localhost:4000/buyer/verify-email?token=t1',
          htmlBody: '<p>Confirm</p><script>alert(1)</script>',
          receivedAt: '2026-01-05T10:00:00.000Z',
        },
      })),
    ]);

    const table = await screen.findByRole('table', { name: 'Messages' });
    expect(within(table).getByText('ada@example.com')).toBeInTheDocument();
    await user.click(within(table).getByRole('link', { name: 'Confirm your email' }));

    expect(await screen.findByRole('heading', { name: 'Confirm your email' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dev-mailbox/msg-1');
  });
});
