import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { PayoutAccountRefreshDocument, type PayoutAccountRefreshMutationVariables } from '../../gql/graphql';
import { buildPartnerMembership, buildPayoutsOrg, payoutsPageHandlers, renderPortal, signedInAs } from '../../test/fixtures';

const onboarding = {
  __typename: 'PayoutAccount',
  provider: 'SANDBOX',
  status: 'ONBOARDING',
  detailsSubmitted: false,
  payoutsEnabled: false,
} as const;
// The result shows after the whole page, the refresh mutation and its refetch: more than one default wait.
const AFTER_REFRESH = { timeout: 5_000 };

const active = {
  __typename: 'PayoutAccount',
  provider: 'SANDBOX',
  status: 'ACTIVE',
  detailsSubmitted: true,
  payoutsEnabled: true,
} as const;

describe('/payouts (back from the payout provider)', () => {
  it('forwards to the owned organization’s payouts page, re-reads the account once and shows it is ready', async () => {
    let refreshed = false;
    const calls: PayoutAccountRefreshMutationVariables[] = [];
    const { router } = renderPortal('/payouts?onboarding=return', [
      ...signedInAs({
        memberships: [
          buildPartnerMembership({ id: 'po-2', name: 'Other Org' }, 'MEMBER'),
          buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' }, 'OWNER'),
        ],
      }),
      ...payoutsPageHandlers({ partnerOrg: () => buildPayoutsOrg('OWNER', { payoutAccount: refreshed ? active : onboarding }) }),
      mockOperation(PayoutAccountRefreshDocument, (variables) => {
        calls.push(variables);
        refreshed = true;
        return { payoutAccountRefresh: { payoutAccount: active, userErrors: [] } };
      }),
    ]);

    const card = await screen.findByRole('region', { name: 'Payout account' });
    expect(await within(card).findByText('Payout account connected', {}, AFTER_REFRESH)).toBeInTheDocument();
    expect(within(card).getByText('Payouts enabled')).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/orgs/po-1/payouts?onboarding=return');
    expect(calls).toEqual([{ partnerOrgId: 'po-1' }]);
  });

  it('says the link expired when the provider sends the partner back to refresh it', async () => {
    const calls: PayoutAccountRefreshMutationVariables[] = [];
    renderPortal('/payouts?onboarding=refresh', [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
      ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER', { payoutAccount: onboarding }) }),
      mockOperation(PayoutAccountRefreshDocument, (variables) => {
        calls.push(variables);
        return { payoutAccountRefresh: { payoutAccount: onboarding, userErrors: [] } };
      }),
    ]);

    expect(await screen.findByText('Onboarding is not finished yet', {}, AFTER_REFRESH)).toBeInTheDocument();
    expect(screen.getByText('The onboarding link expired. Continue onboarding to get a fresh one.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue onboarding' })).toBeEnabled();
    expect(calls).toHaveLength(1);
  });

  it('shows why the account could not be re-read', async () => {
    renderPortal('/payouts?onboarding=return', [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
      ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER', { payoutAccount: null }) }),
      mockOperation(PayoutAccountRefreshDocument, {
        payoutAccountRefresh: {
          payoutAccount: null,
          userErrors: [{ field: null, code: 'PAYOUT_ACCOUNT_MISSING', message: 'Connect a payout account first.' }],
        },
      }),
    ]);

    const alert = await screen.findByRole('alert', {}, AFTER_REFRESH);
    expect(alert).toHaveTextContent('Could not check the payout account');
    expect(alert).toHaveTextContent('Connect a payout account first.');
  });

  it('opens the payouts page without re-reading anything when not coming back from onboarding', async () => {
    const { router } = renderPortal('/payouts', [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' }, 'MEMBER')] }),
      ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('MEMBER') }),
      // No PayoutAccountRefresh handler: calling it would fail the test.
    ]);
    expect(await screen.findByRole('heading', { name: 'Earnings & payouts' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/orgs/po-1/payouts'));
    expect(screen.queryByText('Checking your payout account…')).not.toBeInTheDocument();
  });

  it('asks someone without an organization to create one', async () => {
    renderPortal('/payouts?onboarding=return', signedInAs());
    expect(await screen.findByText('No partner organization yet')).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Create partner organization' })).toHaveAttribute('href', '/orgs/new');
  });
});
