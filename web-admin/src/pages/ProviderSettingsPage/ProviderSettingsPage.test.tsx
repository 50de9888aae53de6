import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  ProviderProfileUpdateDocument,
  ProviderSettingsDocument,
  type ProviderProfileFieldsFragment,
  type ProviderProfileUpdateMutationVariables,
} from '../../gql/graphql';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

const plumbing = { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing', defaultPrice: '25.0000' } as const;
const roofing = { __typename: 'Niche', id: 'niche-roofing', name: 'Roofing', defaultPrice: '40.0000' } as const;

const profile: WithTypename<ProviderProfileFieldsFragment> = {
  __typename: 'ProviderProfile',
  workspaceId: 'ws-prov',
  active: true,
  niches: [plumbing],
  sicCodes: ['1711'],
  countries: ['US'],
  regions: ['CA'],
  postalPrefixes: ['941'],
  capPerDay: 10,
  capPerWeek: null,
  capPerMonth: 200,
  prices: [{ __typename: 'ProviderNichePrice', niche: { __typename: 'Niche', id: 'niche-plumbing' }, price: '30.0000' }],
  deliveredToday: 4,
  deliveredThisWeek: 17,
  deliveredThisMonth: 60,
};

const manager = signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'OWNER')] });
const settings = mockOperation(ProviderSettingsDocument, {
  providerProfile: profile,
  niches: [
    { ...plumbing, active: true },
    { ...roofing, active: true },
  ],
});

describe('ProviderSettingsPage', () => {
  it('shows the targeting with deliveries against the caps and saves the changes', async () => {
    const updates: ProviderProfileUpdateMutationVariables[] = [];
    const { user } = renderConsole('/provider/ws-prov/settings', [
      ...manager,
      settings,
      mockOperation(ProviderProfileUpdateDocument, (variables) => {
        updates.push(variables);
        return { providerProfileUpdate: { ...profile, capPerDay: variables.input.capPerDay ?? null } };
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Routing settings' });
    expect(within(form).getByRole('switch', { name: /Receive new leads/ })).toBeChecked();
    expect(screen.getByRole('group', { name: 'Delivered today' })).toHaveTextContent('4 of 10');
    expect(screen.getByRole('group', { name: 'Delivered this week' })).toHaveTextContent('17 delivered · no cap');
    expect(screen.getByRole('group', { name: 'Delivered this month' })).toHaveTextContent('60 of 200');
    const plumbingPrice = within(form).getByRole('textbox', { name: 'Plumbing' });
    expect(plumbingPrice).toHaveValue('30');
    expect(plumbingPrice).toHaveAccessibleDescription('Default: 25 credits');

    // Add a niche: its price field appears with the niche's default as a hint.
    await user.click(within(form).getByRole('combobox', { name: 'Niches' }));
    await user.click(await screen.findByRole('option', { name: 'Roofing' }));
    const roofingPrice = await within(form).findByRole('textbox', { name: 'Roofing' });
    expect(roofingPrice).toHaveAccessibleDescription('Default: 40 credits');

    await user.type(within(form).getByRole('combobox', { name: 'Countries' }), 'de{Enter}');
    await user.clear(within(form).getByRole('textbox', { name: 'Per day' }));
    await user.type(within(form).getByRole('textbox', { name: 'Per week' }), '50');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({
      workspaceId: 'ws-prov',
      input: {
        active: true,
        nicheIds: ['niche-plumbing', 'niche-roofing'],
        sicCodes: ['1711'],
        countries: ['US', 'DE'],
        regions: ['CA'],
        postalPrefixes: ['941'],
        capPerDay: null,
        capPerWeek: 50,
        capPerMonth: 200,
        // Roofing has no price of its own: routing charges its default.
        prices: [{ nicheId: 'niche-plumbing', price: '30' }],
      },
    });
    expect(await screen.findByText('Routing settings saved')).toBeInTheDocument();
  });

  it('checks the caps before sending and shows the server’s field errors on their fields', async () => {
    const updates: ProviderProfileUpdateMutationVariables[] = [];
    const { user } = renderConsole('/provider/ws-prov/settings', [
      ...manager,
      settings,
      graphql.mutation('ProviderProfileUpdate', ({ variables }) => {
        updates.push(variables as ProviderProfileUpdateMutationVariables);
        return HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'Regions must belong to the chosen countries: "Bavaria" is not in US.',
              extensions: { code: 'BAD_USER_INPUT', field: ['input', 'regions'] },
            },
          ],
        });
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Routing settings' });
    const perMonth = within(form).getByRole('textbox', { name: 'Per month' });
    await user.clear(perMonth);
    await user.type(perMonth, '5');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    // No weekly cap: the month is checked against the day.
    expect(perMonth).toHaveAccessibleDescription('Lower than the daily cap');
    expect(updates).toHaveLength(0);
    await user.clear(perMonth);
    await user.type(perMonth, '300');

    await user.type(within(form).getByRole('combobox', { name: 'Regions' }), 'Bavaria{Enter}');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Regions' })).toHaveAccessibleDescription(
        expect.stringContaining('Regions must belong to the chosen countries'),
      ),
    );
    expect(updates).toHaveLength(1);
  });
});
