import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  DuplicateFlagsDocument,
  DuplicateResolveDocument,
  type DuplicateFlagsQueryVariables,
  type DuplicateResolveMutationVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';
import { flagFixture, leadFixture, type FlagFixture } from '../../test/supplyFixtures';

const olderGrace = leadFixture('l1', { createdAt: '2025-11-02T10:00:00.000Z' });
const newerGrace = leadFixture('l9', {
  email: 'g.hopper@navy.example',
  phone: null,
  city: 'arlington',
  intentScore: 64,
  uploadRow: 14,
  status: 'PENDING_REVIEW',
});
const olderAlan = leadFixture('l2', {
  firstName: 'Alan',
  lastName: 'Turing',
  email: 'alan@bletchley.example',
  companyName: 'Bletchley Park',
});
const newerAlan = leadFixture('l8', {
  firstName: 'Alan M.',
  lastName: 'Turing',
  email: 'alan@bletchley.example',
  companyName: 'Bletchley Park',
});

function rowOf(table: HTMLElement, field: string) {
  return within(table).getByRole('row', { name: new RegExp(`^${field}`) });
}

describe('DuplicateReviewPage', () => {
  it('compares each pair side by side, keeps both or merges after a confirmation', async () => {
    let flags: FlagFixture[] = [flagFixture('f1', newerGrace, olderGrace), flagFixture('f2', newerAlan, olderAlan, { similarity: 0.87 })];
    const resolved: DuplicateResolveMutationVariables[] = [];
    const requests: DuplicateFlagsQueryVariables[] = [];
    const { user } = renderConsole('/supply/duplicates', [
      ...signedInAs({ admin: true }),
      mockOperation(DuplicateFlagsDocument, (variables) => {
        requests.push(variables);
        return {
          leadDuplicateFlags: connection(
            'LeadDuplicateFlag',
            flags.filter((f) => f.status === variables.status),
          ),
        };
      }),
      mockOperation(DuplicateResolveDocument, (variables) => {
        resolved.push(variables);
        const { flagId, action } = variables.input;
        const flag = flags.find((f) => f.id === flagId)!;
        const settled: FlagFixture = {
          ...flag,
          status: action === 'MERGE' ? 'MERGED' : 'DISMISSED',
          resolvedAt: '2026-01-11T10:00:00.000Z',
          lead: action === 'MERGE' ? { ...flag.lead, status: 'ARCHIVED' } : flag.lead,
        };
        flags = flags.map((f) => (f.id === flagId ? settled : f));
        return { leadDuplicateResolve: { __typename: 'LeadDuplicateFlagPayload', flag: settled, userErrors: [] } };
      }),
    ]);

    const grace = await screen.findByRole('article', { name: 'Grace Hopper and Grace Hopper' });
    expect(grace).toHaveTextContent('92 % similar');
    expect(screen.getByText('2 probable duplicates · showing 2')).toBeInTheDocument();
    const comparison = within(grace).getByRole('table', { name: 'Comparison of Grace Hopper and Grace Hopper' });
    expect(
      within(comparison)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Field', 'Flagged lead (newer) · row 14', 'Matched lead (older)']);
    const email = rowOf(comparison, 'Email');
    expect(email).toHaveAttribute('data-differs', 'true');
    expect(email).toHaveTextContent('(differs)');
    expect(
      within(email)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['g.hopper@navy.example', 'grace@navy.example']);
    expect(
      within(rowOf(comparison, 'Phone'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['—', '+15550100']);
    expect(rowOf(comparison, 'Phone')).toHaveAttribute('data-differs', 'true');
    expect(rowOf(comparison, 'Intent')).toHaveAttribute('data-differs', 'true');
    // Same values (the city only by case) are not highlighted, nor the creation dates.
    for (const field of ['Name', 'Company', 'Domain', 'Country / city', 'List price', 'Created']) {
      expect(rowOf(comparison, field)).not.toHaveAttribute('data-differs');
    }
    expect(grace).toHaveTextContent('3 fields differ');

    const alan = screen.getByRole('article', { name: 'Alan M. Turing and Alan Turing' });
    expect(alan).toHaveTextContent('87 % similar');
    await user.click(within(alan).getByRole('button', { name: 'Keep both' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Alan M. Turing and Alan Turing' })).not.toBeInTheDocument());
    expect(screen.getByText('1 probable duplicate · showing 1')).toBeInTheDocument();

    await user.click(within(grace).getByRole('button', { name: 'Merge into the older lead' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge into the older lead?' });
    expect(dialog).toHaveTextContent('the newer lead, is archived');
    expect(dialog).toHaveTextContent('is missing are copied from it');
    expect(resolved).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Merge leads' }));

    expect(await screen.findByText('No probable duplicates to review.')).toBeInTheDocument();
    expect(resolved).toEqual([{ input: { flagId: 'f2', action: 'DISMISS' } }, { input: { flagId: 'f1', action: 'MERGE' } }]);
    expect(requests).toEqual([{ first: 25, status: 'OPEN', uploadId: null }]);

    // The settled flags are under their new status.
    await user.click(screen.getByRole('radio', { name: 'Merged' }));
    expect(await screen.findByRole('article', { name: 'Grace Hopper and Grace Hopper' })).toHaveTextContent('Merged');
    expect(screen.queryByRole('button', { name: 'Merge into the older lead' })).not.toBeInTheDocument();
    expect(requests.at(-1)).toEqual({ first: 25, status: 'MERGED', uploadId: null });
  });

  it("shows one upload's duplicates and says when there are none", async () => {
    const requests: DuplicateFlagsQueryVariables[] = [];
    renderConsole('/supply/duplicates?upload=up-1', [
      ...signedInAs({ admin: true }),
      mockOperation(DuplicateFlagsDocument, (variables) => {
        requests.push(variables);
        return { leadDuplicateFlags: connection('LeadDuplicateFlag', []) };
      }),
    ]);
    expect(await screen.findByText('No probable duplicates to review.')).toBeInTheDocument();
    expect(screen.getByText('Showing the probable duplicates of one upload.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the upload' })).toHaveAttribute('href', '/supply/uploads/up-1');
    expect(requests).toEqual([{ first: 25, status: 'OPEN', uploadId: 'up-1' }]);
  });
});
