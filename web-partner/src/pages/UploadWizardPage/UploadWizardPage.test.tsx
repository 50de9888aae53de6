import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import type { RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  LeadImportStartDocument,
  UploadColumnsPreviewDocument,
  type LeadField,
  type LeadImportStartMutationVariables,
  type UploadColumnsPreviewQueryVariables,
} from '../../gql/graphql';
import { buildPartnerMembership, renderPortal, signedInAs } from '../../test/fixtures';
import {
  buildUploadDetail,
  buildWizardFile,
  uploadDetailHandlers,
  uploadEndpoint,
  uploadWizardHandlers,
  wizardFileHandler,
  type PreviewFixture,
} from '../../test/supply';

const HEADERS = ['E-mail', 'Name', 'Organisation', 'Land'];
/** What the server guesses for april.csv's headers: "Organisation" and "Land" are not recognized. */
const GUESSED: (LeadField | null)[] = ['EMAIL', 'FULL_NAME', null, null];
const COMPLETE: (LeadField | null)[] = ['EMAIL', 'FULL_NAME', 'COMPANY_NAME', 'COUNTRY'];

/** The preview as the server computes it for `mapping` (null: its guess). */
function preview(mapping: UploadColumnsPreviewQueryVariables['mapping']): PreviewFixture {
  const chosen = mapping == null ? GUESSED : (Array.isArray(mapping) ? mapping : [mapping]).map((f) => f ?? null);
  const has = (field: LeadField) => chosen.includes(field);
  return {
    __typename: 'LeadUploadPreview',
    headers: HEADERS,
    mapping: chosen,
    mappingProblems: has('COMPANY_NAME') ? [] : ['Map a column to Company.'],
    rows: [
      {
        __typename: 'LeadUploadPreviewRow',
        row: 2,
        accepted: true,
        rejectCode: null,
        message: null,
        fields: ['ada@example.com', 'Ada Lovelace', 'Analytical Engines', 'United Kingdom'],
        lead: {
          __typename: 'NormalizedLeadPreview',
          email: 'ada@example.com',
          phone: '+442071234567',
          firstName: 'Ada',
          lastName: 'Lovelace',
          companyName: has('COMPANY_NAME') ? 'Analytical Engines' : '',
          country: has('COUNTRY') ? 'GB' : 'US',
        },
      },
      {
        __typename: 'LeadUploadPreviewRow',
        row: 3,
        accepted: false,
        rejectCode: 'INVALID_EMAIL',
        message: '“bob@” is not a valid email address.',
        fields: ['bob@', 'Bob', 'Acme', 'France'],
        lead: null,
      },
    ],
  };
}

function previewHandler(sent: UploadColumnsPreviewQueryVariables[] = []) {
  return mockOperation(UploadColumnsPreviewDocument, (variables) => {
    sent.push(variables);
    return { leadUploadPreview: preview(variables.mapping) };
  });
}

function renderWizard(route: string, handlers: RequestHandler[]) {
  return renderPortal(route, [
    ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
    ...uploadWizardHandlers(),
    ...handlers,
  ]);
}

function csv(name = 'april.csv') {
  return new File(['E-mail;Name;Organisation;Land\nada@example.com;Ada Lovelace;Analytical Engines;United Kingdom\n'], name, {
    type: 'text/csv',
  });
}

describe('UploadWizardPage', () => {
  it('sends the file with the upload header and shows the server’s refusal in words', async () => {
    const received: Parameters<typeof uploadEndpoint>[2] = [];
    const message = 'This is an Excel workbook, not a CSV file. In Excel choose File → Save As → "CSV UTF-8" and upload that file.';
    const { user, router } = renderWizard('/orgs/po-1/uploads/new', [
      uploadEndpoint(415, { error: { code: 'EXCEL_FILE', message } }, received),
    ]);

    await user.upload(await screen.findByLabelText('CSV file of leads'), csv('renamed-workbook.csv'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file was not accepted');
    expect(alert).toHaveTextContent(message);
    expect(received).toEqual([{ partnerOrgId: 'po-1', csrf: '1', multipart: true, hasFile: true }]);
    expect(router.state.location.search).toBe('');
  });

  it('uploads a file, then previews again with each mapping change', async () => {
    const previews: UploadColumnsPreviewQueryVariables[] = [];
    const { user, router } = renderWizard('/orgs/po-1/uploads/new', [
      uploadEndpoint(201, {
        upload: { id: 'upload-9', fileName: 'april.csv', sizeBytes: 2048, encoding: 'utf-8', delimiter: ';', headers: HEADERS },
      }),
      wizardFileHandler(),
      previewHandler(previews),
    ]);

    await user.upload(await screen.findByLabelText('CSV file of leads'), csv());

    // Step 2, with the file in the URL (a reload continues from here).
    const mapping = await screen.findByRole('table', { name: 'Column mapping' });
    expect(router.state.location.search).toBe('?upload=upload-9');
    expect(screen.getByText('april.csv')).toBeInTheDocument();
    expect(within(mapping).getByRole('combobox', { name: 'Field for E-mail' })).toHaveValue('Email');
    expect(within(mapping).getByRole('combobox', { name: 'Field for Organisation' })).toHaveValue('Ignore this column');
    expect(screen.getByRole('alert')).toHaveTextContent('Map a column to Company.');
    expect(screen.getByRole('button', { name: 'Next: details' })).toBeDisabled();

    const rows = screen.getByRole('table', { name: 'Import preview' });
    expect(within(rows).getByRole('row', { name: /ada@example\.com/ })).toHaveTextContent('Accepted');
    expect(within(rows).getByRole('row', { name: /ada@example\.com/ })).toHaveTextContent('+442071234567');
    expect(within(rows).getByRole('row', { name: /^3/ })).toHaveTextContent('Rejected: “bob@” is not a valid email address.');

    await user.click(within(mapping).getByRole('combobox', { name: 'Field for Organisation' }));
    await user.click(await screen.findByRole('option', { name: 'Company' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await user.click(within(mapping).getByRole('combobox', { name: 'Field for Land' }));
    await user.click(await screen.findByRole('option', { name: 'Country' }));

    await waitFor(() => expect(within(rows).getByRole('row', { name: /ada@example\.com/ })).toHaveTextContent('GB'));
    expect(screen.getByRole('button', { name: 'Next: details' })).toBeEnabled();
    expect(previews).toEqual([
      { uploadId: 'upload-9', mapping: null },
      { uploadId: 'upload-9', mapping: ['EMAIL', 'FULL_NAME', 'COMPANY_NAME', null] },
      { uploadId: 'upload-9', mapping: COMPLETE },
    ]);
  });

  it('shows the server’s objections beside their fields', async () => {
    const sent: LeadImportStartMutationVariables[] = [];
    const { user } = renderWizard('/orgs/po-1/uploads/new?upload=upload-9', [
      wizardFileHandler(),
      previewHandler(),
      mockOperation(LeadImportStartDocument, (variables) => {
        sent.push(variables);
        return {
          leadImportStart: {
            upload: null,
            userErrors: [
              { field: ['industryId'], message: 'Choose an industry from the list.', code: 'INVALID_INPUT' },
              { field: null, message: 'Uploads are suspended for Lead Forge.', code: 'UPLOADS_SUSPENDED' },
            ],
          },
        };
      }),
    ]);

    await user.click(await screen.findByRole('combobox', { name: 'Field for Organisation' }));
    await user.click(await screen.findByRole('option', { name: 'Company' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Next: details' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Next: details' }));

    // Checked here first: the lawful-basis confirmation is required.
    await user.click(await screen.findByRole('combobox', { name: 'Industry' }));
    await user.click(await screen.findByRole('option', { name: 'SaaS' }));
    await user.click(screen.getByRole('button', { name: 'Start import' }));
    expect(screen.getByRole('checkbox', { name: /collected lawfully/ })).toHaveAccessibleDescription(
      'Confirm how these contacts were collected to start the import.',
    );
    expect(sent).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: /collected lawfully/ }));
    await user.click(screen.getByRole('button', { name: 'Start import' }));

    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Industry' })).toHaveAccessibleDescription('Choose an industry from the list.'),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Uploads are suspended for Lead Forge.');
    expect(sent).toHaveLength(1);
  });

  it('starts the import and opens the upload, which explains that it waits for review', async () => {
    const sent: LeadImportStartMutationVariables[] = [];
    const { user, router } = renderWizard('/orgs/po-1/uploads/new?upload=upload-9', [
      wizardFileHandler(),
      previewHandler(),
      mockOperation(LeadImportStartDocument, (variables) => {
        sent.push(variables);
        return {
          leadImportStart: {
            upload: {
              __typename: 'LeadUpload',
              id: 'upload-9',
              status: 'QUEUED',
              reviewStatus: 'PENDING',
              reviewReasons: ['LOW_PASS_RATE'],
              mapping: COMPLETE,
            },
            userErrors: [],
          },
        };
      }),
      ...uploadDetailHandlers({
        upload: buildUploadDetail({
          id: 'upload-9',
          fileName: 'april.csv',
          status: 'QUEUED',
          reviewStatus: 'PENDING',
          reviewReasons: ['LOW_PASS_RATE'],
          rowsRead: 0,
          accepted: 0,
          rejected: 0,
          duplicates: 0,
          verified: 0,
          probableDuplicates: 0,
          startedAt: null,
        }),
      }),
    ]);

    for (const [column, field] of [
      ['Organisation', 'Company'],
      ['Land', 'Country'],
    ] as const) {
      await user.click(await screen.findByRole('combobox', { name: `Field for ${column}` }));
      await user.click(await screen.findByRole('option', { name: field }));
    }
    await waitFor(() => expect(screen.getByRole('button', { name: 'Next: details' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Next: details' }));

    await user.click(await screen.findByRole('combobox', { name: 'Industry' }));
    await user.click(await screen.findByRole('option', { name: 'SaaS' }));
    await user.type(screen.getByRole('textbox', { name: /Minimum price per lead/ }), '0.25');
    const country = screen.getByRole('textbox', { name: /Default country/ });
    expect(country).toHaveValue('US');
    await user.clear(country);
    await user.type(country, 'gb');
    await user.click(screen.getByRole('checkbox', { name: /collected lawfully/ }));
    await user.click(screen.getByRole('button', { name: 'Start import' }));

    expect(await screen.findByText('Waiting for admin review')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/po-1/uploads/upload-9');
    expect(screen.getByText('Fewer than 80 % of your verified emails passed.')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        input: {
          uploadId: 'upload-9',
          mapping: COMPLETE,
          industryId: 'ind-saas',
          minPrice: '0.2500',
          defaultCountry: 'GB',
          lawfulBasisConfirmed: true,
        },
      },
    ]);
  });

  it('sends a partner back to an import that has already started', async () => {
    renderWizard('/orgs/po-1/uploads/new?upload=upload-9', [wizardFileHandler(buildWizardFile({ status: 'PROCESSING' }))]);
    expect(await screen.findByText('This file’s import has already started')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the upload' })).toHaveAttribute('href', '/orgs/po-1/uploads/upload-9');
  });

  it('explains that uploads are suspended instead of offering the dropzone', async () => {
    renderPortal('/orgs/po-1/uploads/new', [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' })] }),
      ...uploadWizardHandlers({ uploadsSuspended: true, uploadsSuspendedReason: 'Uploads are paused while we review your duplicates.' }),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Uploads are suspended');
    expect(alert).toHaveTextContent('Uploads are paused while we review your duplicates.');
    expect(screen.queryByLabelText('CSV file of leads')).not.toBeInTheDocument();
  });
});
