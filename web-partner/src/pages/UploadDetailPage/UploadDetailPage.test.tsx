import { mockOperation, mockOperationError, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import type { RequestHandler, WebSocketHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { LeadImportCancelDocument, LeadImportRetryDocument, UploadDetailDocument, UploadProgressDocument } from '../../gql/graphql';
import { buildPartnerMembership, renderPortal, signedInAs } from '../../test/fixtures';
import { buildLead, buildUploadDetail, leadsPage, uploadDetailHandlers, type UploadDetailFixture } from '../../test/supply';

function renderDetail(handlers: (RequestHandler | WebSocketHandler)[], options: { subscriptions?: boolean } = {}) {
  return renderPortal(
    '/orgs/po-1/uploads/upload-1',
    [...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }), ...handlers],
    options,
  );
}

/** The part of an upload the progress subscription and the import mutations answer with. */
function importState(upload: UploadDetailFixture) {
  const { fileName, sizeBytes, encoding, delimiter, headers, createdAt, defaultCountry, minPrice, soldLeads, industry, ...state } = upload;
  void [fileName, sizeBytes, encoding, delimiter, headers, createdAt, defaultCountry, minPrice, soldLeads, industry];
  return state;
}

describe('UploadDetailPage', () => {
  it('follows the import live and shows its leads once it has finished', async () => {
    const socket = mockSubscriptions();
    let finished = false;
    renderDetail(
      [
        ...uploadDetailHandlers({
          upload: buildUploadDetail(),
          leads: () =>
            leadsPage(
              finished
                ? [buildLead(), buildLead({ id: 'lead-2', firstName: 'Alan', lastName: 'Kay', email: null, verificationStatus: 'PENDING' })]
                : [buildLead()],
            ),
        }),
        socket.handler,
      ],
      { subscriptions: true },
    );

    const progress = await screen.findByRole('region', { name: 'Import progress' });
    expect(within(progress).getByRole('group', { name: 'Rows read' })).toHaveTextContent('400');
    expect(within(progress).getByRole('group', { name: 'Accepted' })).toHaveTextContent('350');
    expect(progress).toHaveTextContent('400 rows read so far');
    expect(screen.getByRole('group', { name: 'Status' })).toHaveTextContent('Importing');

    await socket.waitForSubscription(UploadProgressDocument);
    socket.emit(UploadProgressDocument, {
      leadUploadProgress: importState(buildUploadDetail({ rowsRead: 1800, accepted: 1650, rejected: 90, duplicates: 60, verified: 700 })),
    });
    await waitFor(() => expect(within(progress).getByRole('group', { name: 'Rows read' })).toHaveTextContent('1,800'));
    expect(within(progress).getByRole('group', { name: 'Accepted' })).toHaveTextContent('1,650');
    expect(within(progress).getByRole('group', { name: 'Rejected' })).toHaveTextContent('90');
    expect(within(progress).getByRole('group', { name: 'Duplicates' })).toHaveTextContent('60');
    expect(within(progress).getByRole('group', { name: 'Verified' })).toHaveTextContent('700');

    finished = true;
    socket.emit(UploadProgressDocument, {
      leadUploadProgress: importState(
        buildUploadDetail({
          status: 'COMPLETED',
          rowsRead: 2000,
          accepted: 1840,
          rejected: 100,
          duplicates: 60,
          verified: 1500,
          finishedAt: '2026-03-02T10:02:10.000Z',
          durationMs: 125_000,
        }),
      ),
    });
    await waitFor(() => expect(screen.getByRole('group', { name: 'Status' })).toHaveTextContent('Completed'));
    expect(within(progress).getByRole('group', { name: 'Rows read' })).toHaveTextContent('2,000');
    expect(progress).toHaveTextContent('2,000 rows read');
    expect(screen.getByRole('region', { name: 'File and settings' })).toHaveTextContent('2 min 5 s');

    // The leads list is read again once the import has ended.
    const leads = await screen.findByRole('table', { name: 'Leads of this upload' });
    expect(await within(leads).findByRole('row', { name: /Alan Kay/ })).toHaveTextContent('Not verified yet');
    const grace = within(leads).getByRole('row', { name: /Grace Hopper/ });
    expect(grace).toHaveTextContent('grace@navy.example');
    expect(grace).toHaveTextContent('Navy Labs');
    expect(grace).toHaveTextContent('Valid');
    expect(grace).toHaveTextContent('$1.25');
    expect(grace).toHaveTextContent('Listed');
  });

  it('cancels a running import after asking', async () => {
    const sent: unknown[] = [];
    const { user } = renderDetail([
      ...uploadDetailHandlers({ upload: buildUploadDetail() }),
      mockOperation(LeadImportCancelDocument, (variables) => {
        sent.push(variables);
        return { leadImportCancel: { upload: importState(buildUploadDetail({ cancelRequested: true })), userErrors: [] } };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Cancel import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this import?' });
    expect(dialog).toHaveTextContent('every lead it has added so far is removed');
    await user.click(within(dialog).getByRole('button', { name: 'Stop the import' }));

    expect(await screen.findByText('Stopping the import')).toBeInTheDocument();
    expect(sent).toEqual([{ uploadId: 'upload-1' }]);
    expect(screen.queryByRole('button', { name: 'Cancel import' })).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Status' })).toHaveTextContent('Stopping');
  });

  it('explains a failed import and retries it', async () => {
    const sent: unknown[] = [];
    const failed = buildUploadDetail({
      status: 'FAILED',
      error: 'Row 5012 could not be read: the file ends inside a quoted field.',
      rowsRead: 5010,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      verified: 0,
      probableDuplicates: 0,
      finishedAt: '2026-03-02T10:01:00.000Z',
    });
    const { user } = renderDetail([
      ...uploadDetailHandlers({ upload: failed }),
      mockOperation(LeadImportRetryDocument, (variables) => {
        sent.push(variables);
        return {
          leadImportRetry: {
            upload: importState({ ...failed, status: 'QUEUED', error: null, rowsRead: 0, finishedAt: null }),
            userErrors: [],
          },
        };
      }),
    ]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The import failed');
    expect(alert).toHaveTextContent('Row 5012 could not be read: the file ends inside a quoted field.');
    expect(screen.queryByRole('link', { name: /Download rejected rows/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The import starts again.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('group', { name: 'Status' })).toHaveTextContent('Queued'));
    expect(screen.getByText('Waiting for an import worker…')).toBeInTheDocument();
    expect(sent).toEqual([{ uploadId: 'upload-1' }]);
  });

  it('says a finished upload waits for review, and offers its rejected rows', async () => {
    renderDetail(
      uploadDetailHandlers({
        upload: buildUploadDetail({
          status: 'COMPLETED',
          reviewStatus: 'PENDING',
          reviewReasons: ['FIRST_100_LEADS'],
          finishedAt: '2026-03-02T10:02:00.000Z',
          durationMs: 2400,
          soldLeads: 0,
        }),
        leads: () => leadsPage([buildLead({ status: 'PENDING_REVIEW' })]),
      }),
    );

    expect(await screen.findByText('Waiting for admin review')).toBeInTheDocument();
    expect(screen.getByText(/an admin reviews this upload before buyers can see them/)).toBeInTheDocument();
    expect(screen.getByText('Hotlead reviews every partner after its first 100 leads.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download rejected rows (CSV)' })).toHaveAttribute(
      'href',
      '/uploads/leads/upload-1/rejected.csv',
    );
    expect(screen.getByRole('link', { name: 'Download rejected rows (CSV)' })).toHaveAttribute('download');
    expect(screen.queryByRole('button', { name: 'Cancel import' })).not.toBeInTheDocument();
    const settings = screen.getByRole('region', { name: 'File and settings' });
    expect(settings).toHaveTextContent('UTF-8');
    expect(settings).toHaveTextContent('Comma (,)');
    expect(settings).toHaveTextContent('SaaS');
    expect(settings).toHaveTextContent('$0.50');
    expect(screen.getByRole('region', { name: 'Import progress' })).toHaveTextContent('Sold');
  });

  it('says so when the upload is not one of the viewer’s', async () => {
    renderDetail([mockOperationError(UploadDetailDocument, 'NOT_FOUND')]);
    expect(await screen.findByText('Upload not found')).toBeInTheDocument();
  });
});
