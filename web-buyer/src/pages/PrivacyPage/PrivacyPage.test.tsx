import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { EndUserAccountDeleteDocument } from '../../gql/graphql';
import { mockOperationErrors, renderConsole, signedInAs } from '../../test/fixtures';

describe('PrivacyPage: deleting the account', () => {
  it('asks for the password, confirms, deletes and says goodbye signed out', async () => {
    const passwords: string[] = [];
    const { user, router, client } = renderConsole('/me/privacy', [
      ...signedInAs({ isEndUser: true }),
      mockOperation(EndUserAccountDeleteDocument, ({ password }) => {
        passwords.push(password);
        return { endUserAccountDelete: true };
      }),
    ]);

    expect(await screen.findByRole('heading', { name: 'Privacy' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Privacy' })).toHaveAttribute('aria-selected', 'true');
    const section = screen.getByRole('region', { name: 'Delete my account' });
    expect(section).toHaveTextContent('Anonymized user');

    await user.click(within(section).getByRole('button', { name: 'Delete my account' }));
    expect(await within(section).findByText('Enter your password to confirm')).toBeInTheDocument();

    await user.type(within(section).getByLabelText(/Your password/), 'my secret password');
    await user.click(within(section).getByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account for good?' });
    // Nothing is deleted before the confirmation.
    expect(passwords).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, delete my account' }));

    expect(await screen.findByRole('heading', { name: 'Your account is deleted' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/goodbye');
    expect(passwords).toEqual(['my secret password']);
    // Nothing of the deleted account stays cached.
    await waitFor(() => expect(client.cache.extract()).toEqual({}));
    expect(screen.getByRole('link', { name: 'Request a service' })).toHaveAttribute('href', '/request');
  });

  it('shows a wrong password beside the field and keeps the account', async () => {
    const { user, router } = renderConsole('/me/privacy', [
      ...signedInAs({ isEndUser: true }),
      mockOperationErrors(EndUserAccountDeleteDocument, [
        { message: 'The password is not correct.', extensions: { code: 'BAD_USER_INPUT', field: ['password'] } },
      ]),
    ]);

    const section = await screen.findByRole('region', { name: 'Delete my account' });
    await user.type(within(section).getByLabelText(/Your password/), 'wrong password');
    await user.click(within(section).getByRole('button', { name: 'Delete my account' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, delete my account' }));

    expect(await within(section).findByText('The password is not correct.')).toBeInTheDocument();
    expect(within(section).getByLabelText(/Your password/)).toHaveAccessibleDescription('The password is not correct.');
    expect(router.state.location.pathname).toBe('/me/privacy');
  });
});
