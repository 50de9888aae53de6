import { mockOperation, renderWithProviders, screen, waitFor } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { PartnerOrgCreateDocument } from '../../gql/graphql';
import { routes } from '../../routes';
import { buildPartnerOrg, partnerOrgHandlers, signedInAs } from '../../test/fixtures';

describe('CreatePartnerOrgPage', () => {
  it('checks the website is a full URL', async () => {
    const { user } = renderWithProviders(null, { routes, route: '/orgs/new', handlers: signedInAs() });
    await user.type(await screen.findByLabelText(/Organization name/), 'Lead Forge');
    await user.type(screen.getByLabelText(/Website/), 'leadforge');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    expect(screen.getByLabelText(/Website/)).toHaveAccessibleDescription('Enter a full URL, e.g. https://example.com');
  });

  it('shows a name user error beside the field', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/orgs/new',
      handlers: [
        ...signedInAs(),
        mockOperation(PartnerOrgCreateDocument, {
          partnerOrgCreate: {
            partnerOrg: null,
            userErrors: [{ field: ['input', 'name'], message: 'This name is taken', code: 'INVALID_INPUT' }],
          },
        }),
      ],
    });
    await user.type(await screen.findByLabelText(/Organization name/), 'Lead Forge');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(screen.getByLabelText(/Organization name/)).toHaveAccessibleDescription('This name is taken'));
  });

  it('creates the organization and opens it', async () => {
    const sent: unknown[] = [];
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/orgs/new',
      handlers: [
        ...signedInAs(),
        ...partnerOrgHandlers(buildPartnerOrg('OWNER')),
        mockOperation(PartnerOrgCreateDocument, (variables) => {
          sent.push(variables);
          return { partnerOrgCreate: { partnerOrg: { __typename: 'PartnerOrg', id: 'po-1', name: variables.name }, userErrors: [] } };
        }),
      ],
    });
    await user.type(await screen.findByLabelText(/Organization name/), 'Lead Forge');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    expect(await screen.findByRole('heading', { name: 'Lead Forge' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/po-1');
    expect(sent).toEqual([{ name: 'Lead Forge', website: null }]);
  });
});
