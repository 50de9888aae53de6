import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminLeadUploadsDocument, type AdminLeadUploadsQueryVariables } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';
import { mockPartnerPicker, uploadFixture } from '../../test/supplyFixtures';

const completed = uploadFixture({ reviewStatus: 'APPROVED' });
const failed = uploadFixture({
  id: 'up-2',
  fileName: 'broken.csv',
  status: 'FAILED',
  reviewStatus: 'NOT_REQUIRED',
  attempts: 3,
  durationMs: 4_200,
  error: 'The file is not valid CSV (unclosed quote on line 12).',
  rowsRead: 10,
  accepted: 0,
  rejected: 0,
  duplicates: 0,
});

const partnerPicker = mockPartnerPicker();

describe('UploadsPage', () => {
  it('lists every upload as a job and filters by status through the API', async () => {
    const requests: AdminLeadUploadsQueryVariables[] = [];
    const { user, router } = renderConsole('/supply/uploads', [
      ...signedInAs({ admin: true }),
      partnerPicker,
      mockOperation(AdminLeadUploadsDocument, (variables) => {
        requests.push(variables);
        const uploads = [completed, failed].filter((u) => !variables.status || u.status === variables.status);
        return { leadUploads: connection('LeadUpload', uploads) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Uploads' });
    const done = within(table).getByRole('row', { name: /october-leads\.csv/ });
    expect(done).toHaveTextContent('Completed');
    expect(done).toHaveTextContent('1 m 12 s');
    expect(within(done).getByRole('link', { name: 'october-leads.csv' })).toHaveAttribute('href', '/supply/uploads/up-1');
    const broken = within(table).getByRole('row', { name: /broken\.csv/ });
    expect(broken).toHaveTextContent('Failed');
    expect(broken).toHaveTextContent('4 s');
    expect(broken).toHaveTextContent('The file is not valid CSV (unclosed quote on line 12).');
    expect(
      within(broken)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('3');

    await user.click(screen.getByRole('radio', { name: 'Failed' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Uploads' })).queryByText('october-leads.csv')).not.toBeInTheDocument(),
    );
    expect(router.state.location.search).toBe('?status=FAILED');
    expect(requests).toEqual([
      { first: 25, status: null, partnerOrgId: null },
      { first: 25, status: 'FAILED', partnerOrgId: null },
    ]);
  });

  it("shows one partner's uploads from the partner orgs page link", async () => {
    const requests: AdminLeadUploadsQueryVariables[] = [];
    renderConsole('/supply/uploads?partner=p1', [
      ...signedInAs({ admin: true }),
      partnerPicker,
      mockOperation(AdminLeadUploadsDocument, (variables) => {
        requests.push(variables);
        return { leadUploads: connection('LeadUpload', []) };
      }),
    ]);
    expect(await screen.findByText('No uploads match these filters')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Partner' })).toHaveValue('Lead Forge'));
    expect(requests).toEqual([{ first: 25, status: null, partnerOrgId: 'p1' }]);
  });
});
