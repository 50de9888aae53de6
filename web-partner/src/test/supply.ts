// Fixtures for the supply pages: the dashboard, the upload wizard, an upload's page and the history.
import { connectionPage, mockOperation, type WithTypename } from '@hotlead/ui/test-utils';
import { http, HttpResponse, type GraphQLHandler, type HttpHandler } from 'msw';
import {
  SupplyDashboardDocument,
  UploadDetailDocument,
  UploadHistoryDocument,
  UploadLeadsDocument,
  UploadWizardDocument,
  UploadWizardFileDocument,
  type SupplyDashboardQuery,
  type UploadColumnsPreviewQuery,
  type UploadDetailQuery,
  type UploadLeadsQuery,
  type UploadLeadsQueryVariables,
  type UploadListItemFragment,
  type UploadWizardFileQuery,
} from '../gql/graphql';

export type SupplyFixture = WithTypename<NonNullable<SupplyDashboardQuery['partnerOrg']>['supply']>;
export type UploadListItemFixture = WithTypename<UploadListItemFragment>;
export type UploadDetailFixture = WithTypename<UploadDetailQuery['leadUpload']>;
export type LeadFixture = WithTypename<UploadLeadsQuery['inventoryLeads']['edges'][number]['node']>;
export type PreviewFixture = WithTypename<UploadColumnsPreviewQuery['leadUploadPreview']>;
export type WizardFileFixture = WithTypename<UploadWizardFileQuery['leadUpload']>;

/** A partner past its first review, uploads listing at once. */
export function buildSupply(overrides: Partial<SupplyFixture> = {}): SupplyFixture {
  return {
    __typename: 'PartnerSupply',
    leadsUploaded: 1240,
    leadsListed: 1100,
    leadsSold: 312,
    leadsPendingReview: 0,
    score: 87,
    passRatePercent: 93.5,
    duplicateRatePercent: 4.2,
    acceptanceRatePercent: 88,
    firstReviewDone: true,
    reviewReasons: [],
    uploadsSuspended: false,
    uploadsSuspendedAt: null,
    uploadsSuspendedReason: null,
    ...overrides,
  };
}

export function buildUploadListItem(overrides: Partial<UploadListItemFixture> = {}): UploadListItemFixture {
  const id = overrides.id ?? 'upload-1';
  return {
    __typename: 'LeadUpload',
    id,
    fileName: 'march-leads.csv',
    createdAt: '2026-03-02T10:00:00.000Z',
    status: 'COMPLETED',
    reviewStatus: 'NOT_REQUIRED',
    rowsRead: 1000,
    accepted: 940,
    rejected: 40,
    duplicates: 20,
    verified: 900,
    probableDuplicates: 3,
    soldLeads: 57,
    rejectedRowsUrl: `/uploads/leads/${id}/rejected.csv`,
    ...overrides,
  };
}

export function uploadsPage(nodes: UploadListItemFixture[], page: { hasNextPage?: boolean; totalCount?: number } = {}) {
  return connectionPage('LeadUpload', nodes, page);
}

/** The dashboard's query: the org's supply and its latest uploads. */
export function supplyDashboardHandlers(options: { supply?: SupplyFixture; uploads?: UploadListItemFixture[] } = {}): GraphQLHandler[] {
  const { supply = buildSupply(), uploads = [] } = options;
  return [
    mockOperation(SupplyDashboardDocument, (variables) => ({
      partnerOrg: { __typename: 'PartnerOrg', id: String(variables.partnerOrgId), name: 'Lead Forge', supply },
      leadUploads: uploadsPage(uploads.slice(0, variables.first ?? 25), { totalCount: uploads.length }),
    })),
  ];
}

/** The history's query; `pages` answers each request in turn (by `after`). */
export function uploadHistoryHandlers(pages: Record<string, ReturnType<typeof uploadsPage>> | UploadListItemFixture[]): GraphQLHandler[] {
  return [
    mockOperation(UploadHistoryDocument, (variables) => ({
      partnerOrg: { __typename: 'PartnerOrg', id: String(variables.partnerOrgId), name: 'Lead Forge' },
      leadUploads: Array.isArray(pages) ? uploadsPage(pages) : (pages[variables.after ?? ''] ?? uploadsPage([])),
    })),
  ];
}

export function buildUploadDetail(overrides: Partial<UploadDetailFixture> = {}): UploadDetailFixture {
  const id = overrides.id ?? 'upload-1';
  return {
    __typename: 'LeadUpload',
    id,
    fileName: 'march-leads.csv',
    sizeBytes: 5_242_880,
    encoding: 'utf-8',
    delimiter: ',',
    headers: ['Email', 'First name', 'Last name', 'Company'],
    createdAt: '2026-03-02T10:00:00.000Z',
    defaultCountry: 'US',
    minPrice: '0.5000',
    soldLeads: 0,
    industry: { __typename: 'Industry', id: 'ind-saas', name: 'SaaS' },
    status: 'PROCESSING',
    reviewStatus: 'NOT_REQUIRED',
    reviewReasons: [],
    reviewNote: null,
    reviewedAt: null,
    cancelRequested: false,
    attempts: 1,
    rowsRead: 400,
    accepted: 350,
    rejected: 30,
    duplicates: 20,
    verified: 120,
    probableDuplicates: 2,
    error: null,
    startedAt: '2026-03-02T10:00:05.000Z',
    finishedAt: null,
    durationMs: null,
    rejectedRowsUrl: `/uploads/leads/${id}/rejected.csv`,
    ...overrides,
  };
}

export function buildLead(overrides: Partial<LeadFixture> = {}): LeadFixture {
  return {
    __typename: 'Lead',
    id: 'lead-1',
    firstName: 'Grace',
    lastName: 'Hopper',
    jobTitle: 'VP Engineering',
    email: 'grace@navy.example',
    companyName: 'Navy Labs',
    intentScore: 72,
    freshnessScore: 98,
    verificationStatus: 'VALID',
    listPrice: '1.2500',
    status: 'LISTED',
    uploadRow: 2,
    ...overrides,
  };
}

export function leadsPage(nodes: LeadFixture[], page: { hasNextPage?: boolean; totalCount?: number } = {}) {
  return connectionPage('InventoryLead', nodes, page);
}

/** An upload's page: the upload (fixed or changing between requests) and its leads. */
export function uploadDetailHandlers(options: {
  upload: UploadDetailFixture | (() => UploadDetailFixture);
  leads?: (variables: UploadLeadsQueryVariables) => ReturnType<typeof leadsPage>;
}): GraphQLHandler[] {
  const { upload, leads = () => leadsPage([]) } = options;
  return [
    mockOperation(UploadDetailDocument, () => ({ leadUpload: typeof upload === 'function' ? upload() : upload })),
    mockOperation(UploadLeadsDocument, (variables) => ({ inventoryLeads: leads(variables) })),
  ];
}

// ───────────── wizard ─────────────

export const INDUSTRIES = [
  { __typename: 'Industry', id: 'ind-fin', name: 'Financial services' },
  { __typename: 'Industry', id: 'ind-saas', name: 'SaaS' },
];

/** The wizard's org (uploads open unless `supply` says otherwise) and the industries. */
export function uploadWizardHandlers(supply: Partial<SupplyFixture> = {}): GraphQLHandler[] {
  return [
    mockOperation(UploadWizardDocument, (variables) => ({
      partnerOrg: {
        __typename: 'PartnerOrg',
        id: String(variables.partnerOrgId),
        name: 'Lead Forge',
        supply: {
          __typename: 'PartnerSupply',
          uploadsSuspended: supply.uploadsSuspended ?? false,
          uploadsSuspendedReason: supply.uploadsSuspendedReason ?? null,
        },
      },
      industries: INDUSTRIES,
    })),
  ];
}

export function buildWizardFile(overrides: Partial<WizardFileFixture> = {}): WizardFileFixture {
  return {
    __typename: 'LeadUpload',
    id: 'upload-9',
    fileName: 'april.csv',
    sizeBytes: 2048,
    encoding: 'utf-8',
    delimiter: ';',
    headers: ['E-mail', 'Name', 'Organisation', 'Land'],
    status: 'UPLOADED',
    ...overrides,
  };
}

export function wizardFileHandler(file: WizardFileFixture = buildWizardFile()): GraphQLHandler {
  return mockOperation(UploadWizardFileDocument, { leadUpload: file });
}

/**
 * `POST /uploads/leads` answering `status` with `body`; records what it received. (Under jsdom the
 * file's name and bytes do not survive msw's conversion of the form data, so only its field is checked.)
 */
export function uploadEndpoint(
  status: number,
  body: unknown,
  received: { partnerOrgId: string | null; csrf: string | null; multipart: boolean; hasFile: boolean }[] = [],
): HttpHandler {
  return http.post('*/uploads/leads', async ({ request }) => {
    const url = new URL(request.url);
    const multipart = request.headers.get('content-type')?.startsWith('multipart/form-data') ?? false;
    const form = multipart ? await request.formData() : null;
    received.push({
      partnerOrgId: url.searchParams.get('partnerOrgId'),
      csrf: request.headers.get('x-hotlead-upload'),
      multipart,
      hasFile: form?.has('file') ?? false,
    });
    return HttpResponse.json(body as Record<string, unknown>, { status });
  });
}
