import { mockOperationError, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { SupplyDashboardDocument } from '../../gql/graphql';
import { buildPartnerMembership, renderPortal, signedInAs } from '../../test/fixtures';
import { buildSupply, buildUploadListItem, supplyDashboardHandlers } from '../../test/supply';
import type { GraphQLHandler } from 'msw';

function renderDashboard(handlers: GraphQLHandler[]) {
  return renderPortal('/orgs/po-1/supply', [
    ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
    ...handlers,
  ]);
}

describe('SupplyDashboardPage', () => {
  it('shows the volume, the partner score and its rates, and that uploads list at once', async () => {
    renderDashboard(
      supplyDashboardHandlers({
        uploads: Array.from({ length: 7 }, (_, i) => buildUploadListItem({ id: `upload-${i + 1}`, fileName: `batch-${i + 1}.csv` })),
      }),
    );

    expect(await screen.findByRole('group', { name: 'Leads uploaded' })).toHaveTextContent('1,240');
    expect(screen.getByRole('group', { name: 'Listed' })).toHaveTextContent('1,100');
    expect(screen.getByRole('group', { name: 'Sold' })).toHaveTextContent('312');
    expect(screen.getByRole('group', { name: 'Pending review' })).toHaveTextContent('0');

    const score = screen.getByRole('region', { name: 'Partner score' });
    expect(within(score).getByTestId('partner-score')).toHaveTextContent('87');
    expect(within(score).getByRole('group', { name: 'Verification pass rate' })).toHaveTextContent('93.5%');
    expect(within(score).getByRole('group', { name: 'Duplicate rate' })).toHaveTextContent('4.2%');
    expect(within(score).getByRole('group', { name: 'Acceptance rate' })).toHaveTextContent('88%');

    expect(screen.getByRole('region', { name: 'Review status' })).toHaveTextContent('New uploads list as soon as they import');
    expect(screen.queryByText('Uploads are suspended')).not.toBeInTheDocument();

    // The five latest uploads, each linking to its page, and the way to the whole history.
    const latest = screen.getByRole('table', { name: 'Latest uploads' });
    expect(within(latest).getAllByRole('row')).toHaveLength(1 + 5);
    expect(within(latest).getByRole('link', { name: 'batch-1.csv' })).toHaveAttribute('href', '/orgs/po-1/uploads/upload-1');
    expect(screen.getByRole('link', { name: 'All uploads' })).toHaveAttribute('href', '/orgs/po-1/uploads');
    expect(screen.getAllByRole('link', { name: 'Upload leads' }).some((l) => l.getAttribute('href') === '/orgs/po-1/uploads/new')).toBe(
      true,
    );
  });

  it('says why new uploads wait for review, and marks rates not measured yet', async () => {
    renderDashboard(
      supplyDashboardHandlers({
        supply: buildSupply({
          score: null,
          passRatePercent: null,
          duplicateRatePercent: 24,
          acceptanceRatePercent: null,
          leadsPendingReview: 96,
          firstReviewDone: false,
          reviewReasons: ['FIRST_100_LEADS', 'HIGH_DUPLICATE_RATE'],
        }),
      }),
    );

    const review = await screen.findByRole('region', { name: 'Review status' });
    expect(review).toHaveTextContent('New uploads wait for admin review because:');
    expect(review).toHaveTextContent('Hotlead reviews every partner after its first 100 leads.');
    expect(review).toHaveTextContent('More than 20 % of your rows were duplicates.');
    expect(review).not.toHaveTextContent('verified emails passed');

    const score = screen.getByRole('region', { name: 'Partner score' });
    expect(within(score).getByTestId('partner-score')).toHaveTextContent('—');
    const passRate = within(score).getByRole('group', { name: 'Verification pass rate' });
    expect(passRate).toHaveTextContent('—');
    expect(passRate).toHaveTextContent('Not measured yet');
    expect(within(score).getByRole('group', { name: 'Duplicate rate' })).toHaveTextContent('24%');
    expect(screen.getByRole('group', { name: 'Pending review' })).toHaveTextContent('96');
  });

  it('shows a suspension in red with its reason', async () => {
    renderDashboard(
      supplyDashboardHandlers({
        supply: buildSupply({
          uploadsSuspended: true,
          uploadsSuspendedAt: '2026-03-01T08:00:00.000Z',
          uploadsSuspendedReason: 'Too many invalid emails in recent uploads; contact support@hotlead.example.',
          reviewReasons: ['LOW_PASS_RATE', 'UPLOAD_REJECTION_RATE'],
        }),
      }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Uploads are suspended');
    expect(alert).toHaveTextContent('Too many invalid emails in recent uploads; contact support@hotlead.example.');
    const review = screen.getByRole('region', { name: 'Review status' });
    expect(review).toHaveTextContent('Fewer than 80 % of your verified emails passed.');
    expect(review).toHaveTextContent('More than half of an upload’s rows were rejected.');
  });

  it('invites a partner without uploads to upload a CSV', async () => {
    renderDashboard(supplyDashboardHandlers({ supply: buildSupply({ leadsUploaded: 0, leadsListed: 0, leadsSold: 0 }) }));

    const latest = await screen.findByRole('region', { name: 'Latest uploads' });
    expect(latest).toHaveTextContent('No uploads yet');
    expect(latest).toHaveTextContent('Upload a CSV to start supplying leads.');
    expect(within(latest).getByRole('link', { name: 'Upload leads' })).toHaveAttribute('href', '/orgs/po-1/uploads/new');
    expect(screen.queryByRole('table', { name: 'Latest uploads' })).not.toBeInTheDocument();
  });

  it('says so when the organization is not one of the viewer’s', async () => {
    renderPortal('/orgs/po-9/supply', [...signedInAs(), mockOperationError(SupplyDashboardDocument, 'NOT_FOUND')]);
    expect(await screen.findByText('Organization not found')).toBeInTheDocument();
  });
});
