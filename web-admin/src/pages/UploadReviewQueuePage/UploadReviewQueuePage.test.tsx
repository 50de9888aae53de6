import { mockOperation, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { UploadReviewQueueDocument, type UploadReviewQueueQueryVariables } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';
import { uploadFixture } from '../../test/supplyFixtures';

const harborUpload = uploadFixture({
  id: 'up-2',
  fileName: 'harbor-bulk.csv',
  rowsRead: 500,
  accepted: 200,
  rejected: 290,
  duplicates: 130,
  verified: 180,
  probableDuplicates: 0,
  reviewReasons: ['HIGH_DUPLICATE_RATE', 'UPLOAD_REJECTION_RATE'],
  partnerOrg: { ...uploadFixture().partnerOrg, id: 'p2', name: 'DataHarbor' },
});

describe('UploadReviewQueuePage', () => {
  it('lists the uploads waiting for review with their counts and why, each opening its detail', async () => {
    const requests: UploadReviewQueueQueryVariables[] = [];
    renderConsole('/supply/review', [
      ...signedInAs({ admin: true }),
      mockOperation(UploadReviewQueueDocument, (variables) => {
        requests.push(variables);
        return { leadUploads: connection('LeadUpload', [uploadFixture(), harborUpload]) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Uploads waiting for review' });
    const forge = within(table).getByRole('row', { name: /october-leads\.csv/ });
    expect(forge).toHaveTextContent('Lead Forge');
    expect(
      within(forge)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['1,200', '1,100', '60', '40', '950', '3']));
    expect(forge).toHaveTextContent('first 100 leads of a new partner');
    expect(forge).toHaveTextContent('pass rate below 80 %');
    expect(within(forge).getByRole('link', { name: 'october-leads.csv' })).toHaveAttribute('href', '/supply/uploads/up-1');

    const harbor = within(table).getByRole('row', { name: /harbor-bulk\.csv/ });
    expect(harbor).toHaveTextContent('DataHarbor');
    expect(harbor).toHaveTextContent('duplicate rate above 20 %');
    expect(harbor).toHaveTextContent('over half the rows rejected (uploads suspended)');
    expect(harbor).not.toHaveTextContent('first 100 leads');
    expect(screen.getByText('2 results · showing 2')).toBeInTheDocument();
    expect(requests).toEqual([{ first: 25 }]);
  });

  it('says so when nothing waits for review', async () => {
    renderConsole('/supply/review', [
      ...signedInAs({ admin: true }),
      mockOperation(UploadReviewQueueDocument, { leadUploads: connection('LeadUpload', []) }),
    ]);
    expect(await screen.findByText('No uploads are waiting for review.')).toBeInTheDocument();
  });
});
