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
  renderPortal,
  signedInAs,
} from './test/fixtures';
import { buildUploadDetail, buildUploadListItem, supplyDashboardHandlers, uploadDetailHandlers, uploadWizardHandlers } from './test/supply';

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

  it('links the organization’s supply pages in the nav, the history staying active on an upload’s page', async () => {
    const { user, router } = renderPortal('/orgs/po-1/supply', [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
      ...supplyDashboardHandlers({ uploads: [buildUploadListItem({ id: 'upload-1', fileName: 'march.csv' })] }),
      ...uploadDetailHandlers({ upload: buildUploadDetail({ status: 'COMPLETED', fileName: 'march.csv' }) }),
      ...uploadWizardHandlers(),
    ]);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/orgs/po-1/supply');
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('data-active', 'true');
    expect(within(nav).getByRole('link', { name: 'Upload leads' })).toHaveAttribute('href', '/orgs/po-1/uploads/new');
    expect(within(nav).getByRole('link', { name: 'Upload history' })).toHaveAttribute('href', '/orgs/po-1/uploads');

    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: 'march.csv' }));
    expect(await screen.findByRole('heading', { name: 'march.csv' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/po-1/uploads/upload-1');
    expect(within(nav).getByRole('link', { name: 'Upload history' })).toHaveAttribute('data-active', 'true');
    expect(within(nav).getByRole('link', { name: 'Upload leads' })).not.toHaveAttribute('data-active', 'true');

    await user.click(within(nav).getByRole('link', { name: 'Upload leads' }));
    expect(await screen.findByRole('heading', { name: 'Upload leads' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Upload leads' })).toHaveAttribute('data-active', 'true');
    expect(within(nav).getByRole('link', { name: 'Upload history' })).not.toHaveAttribute('data-active', 'true');
  });

  it('sends a user without an organization to create one', async () => {
    const { router } = renderWithProviders(null, { routes, route: '/', handlers: signedInAs() });
    expect(await screen.findByRole('heading', { name: 'Create partner organization' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/new');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(nav).toHaveTextContent('Create partner organization');
  });
});
