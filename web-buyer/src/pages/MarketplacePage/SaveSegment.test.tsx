import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { LeadSegmentCreateDocument, type LeadSegmentCreateMutationVariables } from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildSegment, marketplaceHandlers, mockLeadSegments } from '../../test/marketplace';

const route = '/workspaces/ws-1/marketplace?country=US&industry=ind-software&intentMin=60&phone=1&sort=NEWEST';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

describe('Save as segment', () => {
  it('saves the current filters, shows a name error beside the field, then links to the segments', async () => {
    const creates: LeadSegmentCreateMutationVariables[] = [];
    const { user, router } = renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers(),
      ...mockLeadSegments([buildSegment({ name: 'US software 2' })]),
      mockOperation(LeadSegmentCreateDocument, (variables) => {
        creates.push(variables);
        return creates.length === 1
          ? {
              leadSegmentCreate: {
                __typename: 'LeadSegmentPayload',
                segment: null,
                userErrors: [
                  {
                    __typename: 'MarketplaceUserError',
                    code: 'INVALID_INPUT',
                    message: 'A segment with this name already exists.',
                    field: ['input', 'name'],
                  },
                ],
              },
            }
          : {
              leadSegmentCreate: {
                __typename: 'LeadSegmentPayload',
                segment: buildSegment({ name: String(variables.name) }),
                userErrors: [],
              },
            };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Save as segment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as segment' });
    expect(within(dialog).getByTestId('segment-filters-summary')).toHaveTextContent('US · Software · intent 60–100 · has phone');

    // The name is required.
    await user.click(within(dialog).getByRole('button', { name: 'Save segment' }));
    expect(await within(dialog).findByText('Enter a name')).toBeInTheDocument();
    expect(creates).toHaveLength(0);

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'US software');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'High intent');
    await user.click(within(dialog).getByRole('button', { name: 'Save segment' }));

    expect(await within(dialog).findByText('A segment with this name already exists.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(creates[0]).toEqual({
      workspaceId: 'ws-1',
      name: 'US software',
      description: 'High intent',
      filters: { countries: ['US'], industryIds: ['ind-software'], intentMin: 60, hasPhone: true },
    });

    await user.clear(name);
    await user.type(name, 'US software 2');
    await user.click(within(dialog).getByRole('button', { name: 'Save segment' }));
    expect(await screen.findByText('US software 2 is saved.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save as segment' })).not.toBeInTheDocument());
    expect(creates).toHaveLength(2);

    const link = screen.getByRole('link', { name: 'View your segments' });
    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1/segments'));
    expect(await screen.findByRole('table', { name: 'Saved segments' })).toHaveTextContent('US software 2');
  });
});
