import { buildViewer, MeDocument, mockOperation, renderWithProviders, screen, SessionLoginDocument, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { PartnerViewerDocument } from './gql/graphql';
import { routes } from './routes';
import {
  buildPartnerMembership,
  buildPartnerOrg,
  buildPayoutsOrg,
  partnerOrgHandlers,
  payoutsPageHandlers,
  signedInAs,
} from './test/fixtures';

describe('partner portal routing', () => {
  it('logs a partner in and lands them on their organization', async () => {
    let signedIn = false;
    const viewer = buildViewer();
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/',
      handlers: [
        mockOperation(MeDocument, () => ({ me: signedIn ? viewer : null })),
        mockOperation(SessionLoginDocument, () => {
          signedIn = true;
          return { sessionLogin: { user: { __typename: 'User', id: viewer.id }, userErrors: [] } };
        }),
        mockOperation(PartnerViewerDocument, () => ({
          me: signedIn
            ? { __typename: 'User', id: viewer.id, partnerMemberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }
            : null,
        })),
        ...partnerOrgHandlers(buildPartnerOrg('OWNER')),
      ],
    });

    expect(await screen.findByText('Partner portal')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Lead Forge' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/po-1');
  });

  it('shows a partner their organization in the nav, not the create entry', async () => {
    renderWithProviders(null, {
      routes,
      route: '/orgs/po-1',
      handlers: [
        ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' }, 'MEMBER')] }),
        ...partnerOrgHandlers(buildPartnerOrg('MEMBER')),
      ],
    });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(await screen.findByRole('link', { name: 'Lead Forge' })).toHaveAttribute('data-active', 'true');
    expect(nav).not.toHaveTextContent('Create partner organization');
  });

  it('links the organization to its earnings and payouts, in the nav and on the org page', async () => {
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/orgs/po-1',
      handlers: [
        ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
        ...partnerOrgHandlers(buildPartnerOrg('OWNER')),
        ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER') }),
      ],
    });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    const main = screen.getByRole('main');
    await user.click(await within(main).findByRole('link', { name: 'Earnings & payouts' }));

    expect(await screen.findByRole('heading', { name: 'Earnings & payouts' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/po-1/payouts');
    expect(within(nav).getByRole('link', { name: 'Earnings & payouts' })).toHaveAttribute('data-active', 'true');
    expect(within(nav).getByRole('link', { name: 'Lead Forge' })).not.toHaveAttribute('data-active', 'true');
  });

  it('sends a user without an organization to create one', async () => {
    const { router } = renderWithProviders(null, { routes, route: '/', handlers: signedInAs() });
    expect(await screen.findByRole('heading', { name: 'Create partner organization' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/new');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(nav).toHaveTextContent('Create partner organization');
  });
});
