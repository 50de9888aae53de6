import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  LeadSegmentDeleteDocument,
  LeadSegmentPullDocument,
  LeadSegmentRunDocument,
  LeadSegmentUpdateDocument,
  type LeadSegmentDeleteMutationVariables,
  type LeadSegmentPullMutationVariables,
  type LeadSegmentsQueryVariables,
  type LeadSegmentUpdateMutationVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildCart, buildSegment, marketplaceHandlers, mockCart, mockLeadSegments, type LeadSegmentFixture } from '../../test/marketplace';

const route = '/workspaces/ws-1/segments';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

const fresh = buildSegment();
const ran = buildSegment({
  id: 'seg-2',
  name: 'Texas healthcare',
  description: null,
  filters: { countries: ['US'], states: ['TX'], industryIds: ['ind-health'], emailVerified: true },
  status: 'PAUSED',
  lastCount: 1234,
  lastRunAt: '2026-02-11T10:00:00.000Z',
});

async function rowOf(name: string) {
  const table = await screen.findByRole('table', { name: 'Saved segments' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(name));
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

describe('SegmentsPage', () => {
  it('lists the segments with their filters in words, status, last count and last run', async () => {
    const { user, router } = renderConsole(route, [...signedIn(), ...mockLeadSegments([fresh, ran]), ...marketplaceHandlers()]);

    const first = await rowOf('US software');
    expect(first).toHaveTextContent('High-intent software buyers');
    expect(first).toHaveTextContent('US · Software · intent 60–100 · has phone');
    expect(first).toHaveTextContent('Active');
    expect(first).toHaveTextContent('—');

    const second = await rowOf('Texas healthcare');
    expect(second).toHaveTextContent('TX, US · Healthcare · verified email');
    expect(second).toHaveTextContent('Paused');
    expect(second).toHaveTextContent('1,234');
    expect(second).toHaveTextContent(/Feb 11, 2026/);
    // Only an active segment can be pulled into the cart.
    expect(within(second).getByRole('button', { name: 'Add to cart' })).toBeDisabled();

    await user.click(within(first).getByRole('link', { name: 'Open in marketplace' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1/marketplace'));
    expect(router.state.location.search).toBe('?industry=ind-software&country=US&intentMin=60&intentMax=100&phone=1');
  });

  it('runs a segment and shows the count and price', async () => {
    const { user } = renderConsole(route, [
      ...signedIn(),
      ...mockLeadSegments([fresh]),
      mockOperation(LeadSegmentRunDocument, (variables) => ({
        leadSegmentRun: {
          __typename: 'LeadSegmentRunPayload',
          run: {
            __typename: 'LeadSegmentRun',
            count: 12500,
            countIsEstimate: true,
            buyableCount: 10000,
            totalUsd: '125000.0000',
            credits: '1250000.0000',
            segment: {
              __typename: 'LeadSegment',
              id: String(variables.segmentId),
              lastCount: 12500,
              lastRunAt: '2026-02-11T10:00:00.000Z',
            },
          },
          userErrors: [],
        },
      })),
    ]);

    const row = await rowOf('US software');
    await user.click(within(row).getByRole('button', { name: 'Run' }));
    const result = await within(row).findByTestId('segment-run-result');
    expect(result).toHaveTextContent('about 12,500 leads');
    expect(result).toHaveTextContent('$125,000.00');
    expect(result).toHaveTextContent('1,250,000 credits');
    expect(result).toHaveTextContent('for the first 10,000');
    expect(row).toHaveTextContent(/Feb 11, 2026/);
  });

  it('adds the segment to the cart, or shows why not', async () => {
    const pulls: LeadSegmentPullMutationVariables[] = [];
    const { user, router } = renderConsole(route, [
      ...signedIn(),
      ...mockLeadSegments([fresh]),
      mockCart(buildCart()),
      mockOperation(LeadSegmentPullDocument, (variables) => {
        pulls.push(variables);
        return pulls.length === 1
          ? {
              leadSegmentPull: {
                __typename: 'CartPayload',
                cart: buildCart([], { leadCount: 340 }),
                userErrors: [],
              },
            }
          : {
              leadSegmentPull: {
                __typename: 'CartPayload',
                cart: null,
                userErrors: [
                  { __typename: 'MarketplaceUserError', code: 'CART_FULL', message: 'Your cart holds at most 10,000 leads.', field: null },
                ],
              },
            };
      }),
    ]);

    const row = await rowOf('US software');
    await user.click(within(row).getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('340 leads in your cart')).toBeInTheDocument();
    expect(pulls).toEqual([{ segmentId: 'seg-1' }]);

    await user.click(within(row).getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('Your cart holds at most 10,000 leads.')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Go to the cart' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1/cart'));
  });

  it('pauses, archives and deletes from the menu, and shows archived segments on request', async () => {
    let segments: LeadSegmentFixture[] = [fresh, buildSegment({ id: 'seg-old', name: 'Old list', status: 'ARCHIVED' })];
    const lists: LeadSegmentsQueryVariables[] = [];
    const updates: LeadSegmentUpdateMutationVariables[] = [];
    const deletes: LeadSegmentDeleteMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      ...mockLeadSegments((variables) => {
        lists.push(variables);
        return segments.filter((s) => variables.includeArchived || s.status !== 'ARCHIVED');
      }),
      mockOperation(LeadSegmentUpdateDocument, (variables) => {
        updates.push(variables);
        segments = segments.map((s) => (s.id === variables.segmentId ? { ...s, status: variables.status ?? s.status } : s));
        return {
          leadSegmentUpdate: {
            __typename: 'LeadSegmentPayload',
            segment: segments.find((s) => s.id === variables.segmentId) ?? null,
            userErrors: [],
          },
        };
      }),
      mockOperation(LeadSegmentDeleteDocument, (variables) => {
        deletes.push(variables);
        segments = segments.filter((s) => s.id !== variables.segmentId);
        return {
          leadSegmentDelete: { __typename: 'LeadSegmentDeletePayload', deletedSegmentId: String(variables.segmentId), userErrors: [] },
        };
      }),
    ]);

    let row = await rowOf('US software');
    expect(screen.queryByText('Old list')).not.toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'More actions for US software' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Pause' }));
    await waitFor(() => expect(within(row).getByText('Paused')).toBeInTheDocument());
    expect(updates).toEqual([{ segmentId: 'seg-1', status: 'PAUSED' }]);

    await user.click(screen.getByRole('switch', { name: 'Show archived' }));
    expect(await screen.findByText('Old list')).toBeInTheDocument();
    expect(lists.at(-1)).toEqual({ workspaceId: 'ws-1', includeArchived: true });

    row = await rowOf('US software');
    await user.click(within(row).getByRole('button', { name: 'More actions for US software' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete segment?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete segment' }));
    expect(await screen.findByText('US software was deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('row', { name: /US software/ })).not.toBeInTheDocument());
    expect(deletes).toEqual([{ segmentId: 'seg-1' }]);
  });

  it('shows the empty state', async () => {
    renderConsole(route, [...signedIn(), ...mockLeadSegments([])]);
    expect(await screen.findByText('No saved segments yet.')).toBeInTheDocument();
    expect(screen.getByText('Set filters in the marketplace and choose Save as segment.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the marketplace' })).toHaveAttribute('href', '/workspaces/ws-1/marketplace');
  });
});
