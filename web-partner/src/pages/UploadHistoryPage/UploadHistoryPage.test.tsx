import { screen, within } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildPartnerMembership, renderPortal, signedInAs } from '../../test/fixtures';
import { buildUploadListItem, uploadHistoryHandlers, uploadsPage } from '../../test/supply';

function renderHistory(handlers: GraphQLHandler[]) {
  return renderPortal('/orgs/po-1/uploads', [
    ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
    ...handlers,
  ]);
}

describe('UploadHistoryPage', () => {
  it('lists the uploads with their counts, review and rejected rows', async () => {
    renderHistory(
      uploadHistoryHandlers([
        buildUploadListItem({ id: 'upload-2', fileName: 'april.csv', status: 'PROCESSING', reviewStatus: 'PENDING', soldLeads: 0 }),
        buildUploadListItem({ id: 'upload-1', fileName: 'march.csv', rejected: 0, duplicates: 0 }),
      ]),
    );

    const table = await screen.findByRole('table', { name: 'Uploads' });
    const april = within(table).getByRole('row', { name: /april\.csv/ });
    expect(within(april).getByRole('link', { name: 'april.csv' })).toHaveAttribute('href', '/orgs/po-1/uploads/upload-2');
    expect(april).toHaveTextContent('Importing');
    expect(april).toHaveTextContent('Waiting for review');
    // Rows read, accepted, rejected, duplicates, verified, probable duplicates, sold.
    const cells = within(april)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(4, 11)).toEqual(['1,000', '940', '40', '20', '900', '3', '0']);
    expect(within(april).getByRole('link', { name: 'Rejected rows (CSV) of april.csv' })).toHaveAttribute(
      'href',
      '/uploads/leads/upload-2/rejected.csv',
    );

    const march = within(table).getByRole('row', { name: /march\.csv/ });
    expect(march).toHaveTextContent('Completed');
    expect(march).toHaveTextContent('No review needed');
    expect(within(march).queryByRole('link', { name: /Rejected rows/ })).not.toBeInTheDocument();
    expect(screen.getByText(/2 uploads · showing 2/)).toBeInTheDocument();
  });

  it('loads more uploads', async () => {
    const { user } = renderHistory(
      uploadHistoryHandlers({
        '': uploadsPage([buildUploadListItem({ id: 'upload-3', fileName: 'may.csv' })], { hasNextPage: true, totalCount: 2 }),
        'cursor-upload-3': uploadsPage([buildUploadListItem({ id: 'upload-1', fileName: 'march.csv' })], { totalCount: 2 }),
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    const table = screen.getByRole('table', { name: 'Uploads' });
    expect(await within(table).findByRole('link', { name: 'march.csv' })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'may.csv' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('invites a partner without uploads to upload one', async () => {
    renderHistory(uploadHistoryHandlers([]));

    const section = await screen.findByRole('region', { name: 'Uploads' });
    expect(section).toHaveTextContent('No uploads yet');
    expect(section).toHaveTextContent('Upload a CSV to start supplying leads.');
    expect(within(section).getByRole('link', { name: 'Upload leads' })).toHaveAttribute('href', '/orgs/po-1/uploads/new');
  });
});
