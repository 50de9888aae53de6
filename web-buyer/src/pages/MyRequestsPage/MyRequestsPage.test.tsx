import { mockAccount, renderWithProviders, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { routes } from '../../routes';
import { signedInAs } from '../../test/fixtures';

describe('MyRequestsPage', () => {
  it('shows the end-user layout with an empty state', async () => {
    renderWithProviders(null, { routes, route: '/me', handlers: signedInAs({ isEndUser: true }) });

    expect(await screen.findByRole('heading', { name: 'My requests' })).toBeInTheDocument();
    expect(screen.getByText('Your service requests will appear here')).toBeInTheDocument();
    const tabs = screen.getByRole('tablist', { name: 'My area' });
    expect(within(tabs).getByRole('tab', { name: 'Account' })).toBeInTheDocument();
    // None of the buyer console's navigation.
    expect(screen.queryByText('New workspace')).not.toBeInTheDocument();
  });

  it("opens the end user's account from the tabs", async () => {
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/me',
      handlers: [...signedInAs({ isEndUser: true }), mockAccount()],
    });
    await user.click(await screen.findByRole('tab', { name: 'Account' }));
    expect(await screen.findByRole('heading', { name: 'Account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/me/account');
    expect(screen.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
  });
});
