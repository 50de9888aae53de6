import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { SuppressionAddDocument, SuppressionStatsDocument, type SuppressionAddMutationVariables } from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

describe('SuppressionPage', () => {
  it('shows the list sizes and explains that only hashes are kept', async () => {
    renderConsole('/marketplace/suppression', [
      ...signedInAs({ admin: true }),
      mockOperation(SuppressionStatsDocument, {
        suppressionStats: { __typename: 'SuppressionStats', total: 1520, optOutPage: 1400, admin: 120 },
      }),
    ]);
    expect(await screen.findByRole('heading', { name: 'Suppression list' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('group', { name: 'Suppressed contacts' })).toHaveTextContent('1,520'));
    expect(screen.getByRole('group', { name: 'From the opt-out page' })).toHaveTextContent('1,400');
    expect(screen.getByRole('group', { name: 'Added by admins' })).toHaveTextContent('120');
    expect(screen.getByText(/stores only hashes/)).toBeInTheDocument();
  });

  it('needs an email or a phone, shows field errors beside their field, then the counts', async () => {
    let total = 10;
    const sent: SuppressionAddMutationVariables[] = [];
    const { user } = renderConsole('/marketplace/suppression', [
      ...signedInAs({ admin: true }),
      mockOperation(SuppressionStatsDocument, () => ({
        suppressionStats: { __typename: 'SuppressionStats', total, optOutPage: 8, admin: total - 8 },
      })),
      mockOperation(SuppressionAddDocument, (variables) => {
        sent.push(variables);
        if (variables.input.phone === '555') {
          return {
            suppressionAdd: {
              __typename: 'SuppressionAddPayload',
              leadsSuppressed: null,
              webhooksQueued: null,
              userErrors: [
                {
                  __typename: 'MarketplaceUserError',
                  code: 'INVALID_INPUT',
                  field: ['phone'],
                  message: 'Enter the phone number with its country code.',
                },
              ],
            },
          };
        }
        total += 1;
        return { suppressionAdd: { __typename: 'SuppressionAddPayload', leadsSuppressed: 3, webhooksQueued: 2, userErrors: [] } };
      }),
    ]);
    const form = await screen.findByRole('form', { name: 'Suppress a contact' });
    await waitFor(() => expect(screen.getByRole('group', { name: 'Suppressed contacts' })).toHaveTextContent('10'));

    // Neither email nor phone: refused in the browser, nothing sent.
    await user.click(within(form).getByRole('button', { name: 'Suppress contact' }));
    expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      'Enter an email address or a phone number (or both)',
    );
    expect(sent).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: 'Phone' }), '555');
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Request by phone, ticket 123');
    await user.click(within(form).getByRole('button', { name: 'Suppress contact' }));
    await waitFor(() =>
      expect(within(form).getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription(
        expect.stringContaining('Enter the phone number with its country code.'),
      ),
    );
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();

    await user.clear(within(form).getByRole('textbox', { name: 'Phone' }));
    await user.type(within(form).getByRole('textbox', { name: 'Phone' }), '+1 415 555 0100');
    await user.type(within(form).getByRole('textbox', { name: 'Email' }), ' Grace@Navy.example ');
    await user.click(within(form).getByRole('button', { name: 'Suppress contact' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('3 leads suppressed, 2 webhooks queued.');
    await waitFor(() => expect(screen.getByRole('group', { name: 'Suppressed contacts' })).toHaveTextContent('11'));
    expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveValue('');
    expect(sent).toEqual([
      { input: { email: null, phone: '555', reason: 'Request by phone, ticket 123' } },
      { input: { email: 'Grace@Navy.example', phone: '+1 415 555 0100', reason: 'Request by phone, ticket 123' } },
    ]);
  });
});
