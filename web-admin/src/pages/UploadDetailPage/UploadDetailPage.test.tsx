import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  PartnerUploadsSuspendDocument,
  UploadDetailDocument,
  UploadDetailLeadsDocument,
  UploadImportRetryDocument,
  UploadReviewDocument,
  type PartnerUploadsSuspendMutationVariables,
  type UploadReviewMutationVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';
import { leadFixture, supplyFixture, uploadFixture, type UploadFixture } from '../../test/supplyFixtures';

const NOTE_REQUIRED = 'Write a note to reject an upload: the partner sees it.';

/** The page's queries for `upload`, whose state the mutations of a test change. */
function detailHandlers(state: { upload: UploadFixture }, counts = { leadsRequests: 0 }) {
  return [
    mockOperation(UploadDetailDocument, () => ({
      leadUpload: state.upload,
      openDuplicates: { __typename: 'LeadDuplicateFlagConnection', totalCount: 3, totalCountIsEstimate: false },
    })),
    mockOperation(UploadDetailLeadsDocument, () => {
      counts.leadsRequests += 1;
      const status = state.upload.reviewStatus === 'APPROVED' ? 'LISTED' : 'PENDING_REVIEW';
      return {
        inventoryLeads: connection('Lead', [
          leadFixture('l1', { status, intentScore: 81, freshnessScore: 97, listPrice: '4.5000' }),
          leadFixture('l2', { firstName: 'Alan', lastName: 'Turing', email: null, status, verificationStatus: 'RISKY', uploadRow: 3 }),
        ]),
      };
    }),
  ];
}

describe('UploadDetailPage', () => {
  it('shows the upload, its leads and links, and approves it', async () => {
    const state = { upload: uploadFixture() };
    const counts = { leadsRequests: 0 };
    const reviews: UploadReviewMutationVariables[] = [];
    const { user } = renderConsole('/supply/uploads/up-1', [
      ...signedInAs({ admin: true }),
      ...detailHandlers(state, counts),
      mockOperation(UploadReviewDocument, (variables) => {
        reviews.push(variables);
        state.upload = { ...state.upload, reviewStatus: 'APPROVED', reviewedAt: '2026-01-11T10:00:00.000Z' };
        return { leadUploadReview: { __typename: 'LeadUploadPayload', upload: state.upload, userErrors: [] } };
      }),
    ]);

    expect(await screen.findByRole('heading', { name: 'october-leads.csv' })).toBeInTheDocument();
    const importSection = screen.getByRole('region', { name: 'Import' });
    expect(importSection).toHaveTextContent('1 m 12 s');
    expect(importSection).toHaveTextContent('Software');
    expect(within(importSection).getByRole('link', { name: 'Download rejected rows' })).toHaveAttribute(
      'href',
      '/api/uploads/up-1/rejected.csv',
    );
    expect(importSection).toHaveTextContent('3 open probable duplicates.');
    expect(within(importSection).getByRole('link', { name: 'Review duplicates' })).toHaveAttribute(
      'href',
      '/supply/duplicates?upload=up-1',
    );

    const supply = screen.getByRole('region', { name: /Partner supply/ });
    expect(supply).toHaveTextContent('72 / 100');
    expect(supply).toHaveTextContent('84.5 %');
    expect(supply).toHaveTextContent('6.3 %');

    const leads = await screen.findByRole('table', { name: 'Leads from this upload' });
    const grace = within(leads).getByRole('row', { name: /Grace Hopper/ });
    expect(grace).toHaveTextContent('$4.50');
    expect(grace).toHaveTextContent('Valid');
    expect(grace).toHaveTextContent('Waiting for review');
    expect(
      within(grace)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['81', '97']));
    expect(within(leads).getByRole('row', { name: /Alan Turing/ })).toHaveTextContent('Risky');

    const review = screen.getByRole('region', { name: 'Review this upload' });
    expect(review).toHaveTextContent('first 100 leads of a new partner');
    expect(review).toHaveTextContent('pass rate below 80 %');
    await user.click(within(review).getByRole('button', { name: 'Approve' }));

    expect(await screen.findByText('Approved: its leads are listed')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Review this upload' })).not.toBeInTheDocument();
    expect(reviews).toEqual([{ input: { uploadId: 'up-1', decision: 'APPROVE', note: '' } }]);
    // The upload's leads are fetched again: they are listed now.
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Leads from this upload' })).getByRole('row', { name: /Grace Hopper/ }),
      ).toHaveTextContent('Listed'),
    );
    expect(counts.leadsRequests).toBe(2);
  });

  it('needs a note to reject: shows the API’s error beside the note, then rejects with one', async () => {
    const state = { upload: uploadFixture() };
    const reviews: UploadReviewMutationVariables[] = [];
    const { user } = renderConsole('/supply/uploads/up-1', [
      ...signedInAs({ admin: true }),
      ...detailHandlers(state),
      mockOperation(UploadReviewDocument, (variables) => {
        reviews.push(variables);
        if (!variables.input.note) {
          return {
            leadUploadReview: {
              __typename: 'LeadUploadPayload',
              upload: null,
              userErrors: [{ __typename: 'LeadsUserError', code: 'INVALID_INPUT', field: ['input', 'note'], message: NOTE_REQUIRED }],
            },
          };
        }
        state.upload = {
          ...state.upload,
          reviewStatus: 'REJECTED',
          reviewNote: variables.input.note ?? null,
          reviewedAt: '2026-01-11T10:00:00.000Z',
        };
        return { leadUploadReview: { __typename: 'LeadUploadPayload', upload: state.upload, userErrors: [] } };
      }),
    ]);

    const review = await screen.findByRole('region', { name: 'Review this upload' });
    await user.click(within(review).getByRole('button', { name: 'Reject' }));
    const note = within(review).getByRole('textbox', { name: 'Note to the partner' });
    await waitFor(() => expect(note).toHaveAttribute('aria-invalid', 'true'));
    expect(note).toHaveAccessibleDescription(expect.stringContaining(NOTE_REQUIRED));
    expect(screen.queryByText('Rejected: its unsold leads were removed')).not.toBeInTheDocument();

    await user.type(note, 'Most emails bounce; please verify the list first.');
    await user.click(within(review).getByRole('button', { name: 'Reject' }));
    const outcome = await screen.findByText('Rejected: its unsold leads were removed');
    expect(outcome.closest('[role="status"]')).toHaveTextContent('Note to the partner: Most emails bounce; please verify the list first.');
    expect(screen.queryByRole('region', { name: 'Review this upload' })).not.toBeInTheDocument();
    expect(reviews.map((r) => r.input)).toEqual([
      { uploadId: 'up-1', decision: 'REJECT', note: '' },
      { uploadId: 'up-1', decision: 'REJECT', note: 'Most emails bounce; please verify the list first.' },
    ]);
  });

  it('retries a failed import', async () => {
    const state = {
      upload: uploadFixture({
        status: 'FAILED',
        reviewStatus: 'NOT_REQUIRED',
        error: 'The database was unavailable.',
        attempts: 2,
        rejected: 0,
        duplicates: 0,
      }),
    };
    const retried: string[] = [];
    const { user } = renderConsole('/supply/uploads/up-1', [
      ...signedInAs({ admin: true }),
      ...detailHandlers(state),
      mockOperation(UploadImportRetryDocument, ({ uploadId }) => {
        retried.push(String(uploadId));
        state.upload = { ...state.upload, status: 'QUEUED', error: null, attempts: 3, rowsRead: 0 };
        return { leadImportRetry: { __typename: 'LeadUploadPayload', upload: state.upload, userErrors: [] } };
      }),
    ]);

    const failure = await screen.findByRole('alert', { name: 'The import failed' });
    expect(failure).toHaveTextContent('The database was unavailable.');
    expect(screen.queryByRole('region', { name: 'Review this upload' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download rejected rows' })).not.toBeInTheDocument();
    await user.click(within(failure).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('status', { name: 'Waiting to import' })).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'The import failed' })).not.toBeInTheDocument();
    expect(retried).toEqual(['up-1']);
  });

  it('suspends the partner’s uploads only with a reason, and lifts the suspension', async () => {
    const state = { upload: uploadFixture({ reviewStatus: 'APPROVED' }) };
    const calls: PartnerUploadsSuspendMutationVariables[] = [];
    const { user } = renderConsole('/supply/uploads/up-1', [
      ...signedInAs({ admin: true }),
      ...detailHandlers(state),
      mockOperation(PartnerUploadsSuspendDocument, (variables) => {
        calls.push(variables);
        const { suspended, reason } = variables.input;
        return {
          partnerUploadsSuspend: {
            __typename: 'PartnerUploadsSuspendPayload',
            supply: supplyFixture({
              uploadsSuspended: suspended,
              uploadsSuspendedReason: suspended ? (reason ?? null) : null,
              uploadsSuspendedAt: suspended ? '2026-01-11T10:00:00.000Z' : null,
            }),
            userErrors: [],
          },
        };
      }),
    ]);

    const supply = await screen.findByRole('region', { name: /Partner supply/ });
    await user.click(within(supply).getByRole('button', { name: 'Suspend uploads' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend uploads of Lead Forge?' });
    await user.click(within(dialog).getByRole('button', { name: 'Suspend uploads' }));
    expect(await within(dialog).findByText('Give a reason: the partner sees it.')).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Too many bounced emails this month.');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend uploads' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Suspend uploads of Lead Forge?' })).not.toBeInTheDocument());
    const suspended = await within(supply).findByRole('status');
    expect(suspended).toHaveTextContent('Uploads suspended');
    expect(suspended).toHaveTextContent('Too many bounced emails this month.');
    expect(calls).toEqual([{ input: { partnerOrgId: 'p1', suspended: true, reason: 'Too many bounced emails this month.' } }]);

    await user.click(within(supply).getByRole('button', { name: 'Lift suspension' }));
    expect(await within(supply).findByRole('button', { name: 'Suspend uploads' })).toBeInTheDocument();
    expect(within(supply).queryByText('Uploads suspended')).not.toBeInTheDocument();
    expect(calls.at(-1)).toEqual({ input: { partnerOrgId: 'p1', suspended: false, reason: null } });
  });
});
