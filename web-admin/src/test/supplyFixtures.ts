import { mockOperation, type WithTypename } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import {
  SupplyPartnerPickerDocument,
  type DuplicateFlagFieldsFragment,
  type DuplicateLeadFieldsFragment,
  type PartnerSupplyFieldsFragment,
  type UploadDetailFieldsFragment,
} from '../gql/graphql';

export type SupplyFixture = WithTypename<PartnerSupplyFieldsFragment>;
export type UploadFixture = WithTypename<UploadDetailFieldsFragment>;
/** Every lead field the admin pages read. */
export type LeadFixture = WithTypename<DuplicateLeadFieldsFragment> & { freshnessScore: number; soldCount: number };
export type FlagFixture = WithTypename<DuplicateFlagFieldsFragment>;

export function supplyFixture(overrides: Partial<SupplyFixture> = {}): SupplyFixture {
  return {
    __typename: 'PartnerSupply',
    score: 72,
    passRatePercent: 84.5,
    duplicateRatePercent: 6.25,
    acceptanceRatePercent: 91,
    leadsUploaded: 1200,
    leadsListed: 900,
    leadsPendingReview: 80,
    leadsSold: 150,
    firstReviewDone: false,
    reviewReasons: ['FIRST_100_LEADS'],
    uploadsSuspended: false,
    uploadsSuspendedAt: null,
    uploadsSuspendedReason: null,
    ...overrides,
  };
}

/** A completed upload of Lead Forge waiting for review. */
export function uploadFixture(overrides: Partial<UploadFixture> = {}): UploadFixture {
  return {
    __typename: 'LeadUpload',
    id: 'up-1',
    fileName: 'october-leads.csv',
    sizeBytes: 48_128,
    encoding: 'utf-8',
    delimiter: ',',
    defaultCountry: 'US',
    minPrice: '2.5000',
    createdAt: '2026-01-10T09:00:00.000Z',
    startedAt: '2026-01-10T09:00:05.000Z',
    finishedAt: '2026-01-10T09:01:17.000Z',
    durationMs: 72_000,
    status: 'COMPLETED',
    attempts: 1,
    error: null,
    cancelRequested: false,
    rowsRead: 1200,
    accepted: 1100,
    rejected: 60,
    duplicates: 40,
    verified: 950,
    probableDuplicates: 3,
    soldLeads: 0,
    rejectedRowsUrl: '/api/uploads/up-1/rejected.csv',
    reviewStatus: 'PENDING',
    reviewReasons: ['FIRST_100_LEADS', 'LOW_PASS_RATE'],
    reviewNote: null,
    reviewedAt: null,
    industry: { __typename: 'Industry', id: 'ind-1', name: 'Software' },
    partnerOrg: { __typename: 'PartnerOrg', id: 'p1', name: 'Lead Forge', uploadsSuspended: false, supply: supplyFixture() },
    ...overrides,
  };
}

export function leadFixture(id: string, overrides: Partial<LeadFixture> = {}): LeadFixture {
  return {
    __typename: 'Lead',
    id,
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@navy.example',
    phone: '+15550100',
    jobTitle: 'Rear Admiral',
    companyName: 'US Navy',
    companyDomain: 'navy.example',
    companyEmployeeCount: 5000,
    country: 'US',
    city: 'Arlington',
    verificationStatus: 'VALID',
    intentScore: 81,
    freshnessScore: 97,
    listPrice: '4.5000',
    status: 'LISTED',
    soldCount: 0,
    uploadRow: 2,
    createdAt: '2026-01-10T09:01:00.000Z',
    ...overrides,
  };
}

export function flagFixture(id: string, lead: LeadFixture, matchedLead: LeadFixture, overrides: Partial<FlagFixture> = {}): FlagFixture {
  return {
    __typename: 'LeadDuplicateFlag',
    id,
    similarity: 0.918,
    status: 'OPEN',
    createdAt: '2026-01-10T09:01:20.000Z',
    resolvedAt: null,
    lead,
    matchedLead,
    ...overrides,
  };
}

/** Answers the partner filter's query: these partner orgs, whatever the search, and the chosen one by id. */
export function mockPartnerPicker(orgs: { id: string; name: string }[] = [{ id: 'p1', name: 'Lead Forge' }]): GraphQLHandler {
  return mockOperation(SupplyPartnerPickerDocument, ({ selectedId, withSelected }) => {
    const selected = orgs.find((o) => o.id === selectedId);
    return {
      adminPartnerOrgs: {
        __typename: 'AdminPartnerOrgConnection',
        edges: orgs.map((o) => ({
          __typename: 'AdminPartnerOrgEdge',
          cursor: `cursor-${o.id}`,
          node: { __typename: 'AdminPartnerOrg', id: o.id, name: o.name, status: 'ACTIVE' },
        })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
      ...(withSelected ? { selected: selected ? { __typename: 'PartnerOrg', ...selected } : null } : {}),
    };
  });
}
