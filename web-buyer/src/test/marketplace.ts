import { connectionPage, mockOperation, type WithTypename } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import {
  CartDocument,
  LeadPurchasesDocument,
  LeadSegmentsDocument,
  MarketplaceIndustriesDocument,
  MarketplaceSearchDocument,
  type CartFieldsFragment,
  type LeadPurchaseDetailQuery,
  type LeadPurchasesQuery,
  type LeadReportFieldsFragment,
  type LeadSegmentFieldsFragment,
  type LeadSegmentsQueryVariables,
  type MarketplaceSearchQuery,
  type MarketplaceSearchQueryVariables,
} from '../gql/graphql';

export type LeadFixture = WithTypename<MarketplaceSearchQuery['leadSearch']['leads']['edges'][number]['node']>;
export type FacetFixture = WithTypename<MarketplaceSearchQuery['leadSearch']['facets'][number]>;
export type CartFixture = WithTypename<CartFieldsFragment>;
export type CartLineFixture = CartFixture['lines'][number];
export type LeadSegmentFixture = WithTypename<LeadSegmentFieldsFragment>;
export type LeadPurchaseFixture = WithTypename<LeadPurchasesQuery['leadPurchases']['edges'][number]['node']>;
export type LeadPurchaseItemFixture = WithTypename<LeadPurchaseDetailQuery['leadPurchase']['items']['edges'][number]['node']>;
export type LeadReportFixture = WithTypename<LeadReportFieldsFragment>;

export const INDUSTRIES = [
  { __typename: 'Industry', id: 'ind-software', name: 'Software' },
  { __typename: 'Industry', id: 'ind-health', name: 'Healthcare' },
] as const;

export function buildLead(overrides: Partial<LeadFixture> = {}): LeadFixture {
  return {
    __typename: 'MarketplaceLead',
    id: 'lead-1',
    firstName: 'Ada',
    lastName: 'L',
    jobTitle: 'VP Engineering',
    companyName: 'Acme Corp',
    industry: 'Software',
    seniority: 'VP',
    city: 'Austin',
    state: 'TX',
    country: 'US',
    intentScore: 82,
    freshnessScore: 64,
    hasPhone: true,
    hasLinkedin: true,
    emailPreview: 'a***@acme.com',
    phonePreview: '+1 ***-***-4567',
    verificationStatus: 'VALID',
    source: 'Trade show',
    collectedAt: '2026-01-04T10:00:00.000Z',
    listPrice: '12.5000',
    purchased: false,
    ...overrides,
  };
}

export function facet(name: string, buckets: [value: string, count: number, label?: string][]): FacetFixture {
  return {
    __typename: 'LeadFacet',
    name,
    isEstimate: false,
    buckets: buckets.map(([value, count, label]) => ({ __typename: 'LeadFacetBucket', value, label: label ?? value, count })),
  };
}

export const FACETS: FacetFixture[] = [
  facet('industry', [
    ['ind-software', 1234],
    ['ind-health', 56],
  ]),
  facet('country', [
    ['US', 1200],
    ['DE', 90],
  ]),
  facet('state', [
    ['TX', 300],
    ['CA', 250],
  ]),
  facet('city', [['Austin', 120]]),
  facet('companySize', [['S_51_200', 400]]),
  facet('seniority', [['VP', 210]]),
  facet('hasPhone', [
    ['true', 800],
    ['false', 490],
  ]),
  facet('hasLinkedin', [['true', 950]]),
  facet('verification', [
    ['VALID', 1000],
    ['CATCH_ALL', 150],
  ]),
];

/** A leadSearch answer. */
export function searchResult(
  leads: LeadFixture[],
  page: { hasNextPage?: boolean; totalCount?: number; totalCountIsEstimate?: boolean; facets?: FacetFixture[] } = {},
): WithTypename<MarketplaceSearchQuery> {
  const connection = connectionPage('MarketplaceLead', leads, page);
  return {
    leadSearch: {
      __typename: 'LeadSearchResult',
      leads: { ...connection, totalCountIsEstimate: page.totalCountIsEstimate ?? false },
      facets: page.facets ?? FACETS,
    },
  };
}

export function buildCartLine(lead: Partial<LeadFixture> = {}, overrides: Partial<CartLineFixture> = {}): CartLineFixture {
  const full = buildLead(lead);
  return {
    __typename: 'CartLine',
    exclusive: false,
    price: full.listPrice,
    credits: '125.0000',
    unavailable: null,
    addedAt: '2026-01-10T10:00:00.000Z',
    lead: {
      __typename: 'MarketplaceLead',
      id: full.id,
      firstName: full.firstName,
      lastName: full.lastName,
      jobTitle: full.jobTitle,
      companyName: full.companyName,
      industry: full.industry,
      city: full.city,
      state: full.state,
      country: full.country,
      listPrice: full.listPrice,
      purchased: full.purchased,
    },
    ...overrides,
  };
}

export function buildCart(lines: CartLineFixture[] = [], overrides: Partial<CartFixture> = {}): CartFixture {
  return {
    __typename: 'Cart',
    lines,
    leadCount: lines.filter((l) => !l.unavailable).length,
    totalUsd: '12.5000',
    credits: '125.0000',
    walletBalance: '2500.0000',
    shortfallCredits: '0.0000',
    ...overrides,
  };
}

export function buildLeadPurchase(overrides: Partial<LeadPurchaseFixture> = {}): LeadPurchaseFixture {
  return {
    __typename: 'LeadPurchase',
    id: 'lp-1',
    createdAt: '2026-01-12T10:00:00.000Z',
    completedAt: '2026-01-12T10:00:00.000Z',
    leadCount: 40,
    totalUsd: '500.0000',
    credits: '5000.0000',
    reservedCredits: '0.0000',
    refundedCredits: '0.0000',
    exportMode: 'VALID_ONLY',
    status: 'COMPLETED',
    failureReason: null,
    exportStatus: 'READY',
    exportRows: 40,
    exportedAt: '2026-01-12T10:01:00.000Z',
    downloadableUntil: '2026-02-11T10:00:00.000Z',
    downloadUrl: '/purchases/lp-1/leads.csv',
    ...overrides,
  };
}

export function leadPurchasesPage(
  nodes: LeadPurchaseFixture[],
  page: { hasNextPage?: boolean; totalCount?: number } = {},
): WithTypename<LeadPurchasesQuery['leadPurchases']> {
  return connectionPage('LeadPurchase', nodes, page);
}

/** One revealed lead of a purchase. */
export function buildPurchaseItem(
  lead: Partial<LeadPurchaseItemFixture['lead']> = {},
  overrides: Partial<Omit<LeadPurchaseItemFixture, 'lead'>> = {},
): LeadPurchaseItemFixture {
  return {
    __typename: 'LeadPurchaseItem',
    priceUsd: '12.5000',
    credits: '125.0000',
    exclusive: false,
    refundedAt: null,
    refundReason: null,
    reportStatus: null,
    lead: {
      __typename: 'MarketplaceLead',
      id: 'lead-1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@acme.com',
      phone: '+15125550100',
      jobTitle: 'VP Engineering',
      companyName: 'Acme Corp',
      ...lead,
    },
    ...overrides,
  };
}

/** A purchase with one page of its leads, as `leadPurchase(id) { … items }` returns it. */
export function purchaseDetail(
  purchase: LeadPurchaseFixture,
  items: LeadPurchaseItemFixture[],
  page: { hasNextPage?: boolean; totalCount?: number } = {},
): WithTypename<LeadPurchaseDetailQuery> {
  // Items have no id: their cursors are the lead's.
  const cursor = (item: LeadPurchaseItemFixture) => `cursor-item-${item.lead.id}`;
  return {
    leadPurchase: {
      ...purchase,
      items: {
        __typename: 'LeadPurchaseItemConnection',
        edges: items.map((node) => ({ __typename: 'LeadPurchaseItemEdge', cursor: cursor(node), node })),
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage: page.hasNextPage ?? false,
          endCursor: items.length ? cursor(items[items.length - 1]!) : null,
        },
        totalCount: page.totalCount ?? items.length,
        totalCountIsEstimate: false,
      },
    },
  };
}

export function buildLeadReport(overrides: Partial<LeadReportFixture> = {}): LeadReportFixture {
  return {
    __typename: 'LeadReport',
    id: 'rep-1',
    createdAt: '2026-01-20T10:00:00.000Z',
    purchaseId: 'lp-1',
    kind: 'BOUNCED',
    note: null,
    status: 'OPEN',
    verification: null,
    resolution: null,
    resolvedAt: null,
    lead: {
      __typename: 'MarketplaceLead',
      id: 'lead-1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@acme.com',
      companyName: 'Acme Corp',
    },
    ...overrides,
  };
}

/** The marketplace's queries: the search (fixed or per variables), the industries and the cart. */
export function marketplaceHandlers(
  search:
    | WithTypename<MarketplaceSearchQuery>
    | ((variables: MarketplaceSearchQueryVariables) => WithTypename<MarketplaceSearchQuery>) = searchResult([buildLead()]),
  options: { cart?: CartFixture | (() => CartFixture) } = {},
): GraphQLHandler[] {
  return [
    mockOperation(MarketplaceSearchDocument, (variables) => (typeof search === 'function' ? search(variables) : search)),
    mockOperation(MarketplaceIndustriesDocument, { industries: [...INDUSTRIES] }),
    mockCart(options.cart ?? buildCart()),
  ];
}

export function mockCart(cart: CartFixture | (() => CartFixture)): GraphQLHandler {
  return mockOperation(CartDocument, () => ({ cart: typeof cart === 'function' ? cart() : cart }));
}

export function mockLeadPurchases(nodes: LeadPurchaseFixture[] = []): GraphQLHandler {
  return mockOperation(LeadPurchasesDocument, { leadPurchases: leadPurchasesPage(nodes) });
}

export function buildSegment(overrides: Partial<LeadSegmentFixture> = {}): LeadSegmentFixture {
  return {
    __typename: 'LeadSegment',
    id: 'seg-1',
    name: 'US software',
    description: 'High-intent software buyers',
    filters: { countries: ['US'], industryIds: ['ind-software'], intentMin: 60, intentMax: 100, hasPhone: true },
    status: 'ACTIVE',
    lastCount: null,
    lastRunAt: null,
    createdAt: '2026-01-10T10:00:00.000Z',
    updatedAt: '2026-01-10T10:00:00.000Z',
    ...overrides,
  };
}

/** The segments page's list (fixed or per variables) and the industries it names filters with. */
export function mockLeadSegments(
  segments: LeadSegmentFixture[] | ((variables: LeadSegmentsQueryVariables) => LeadSegmentFixture[]) = [],
): GraphQLHandler[] {
  return [
    mockOperation(LeadSegmentsDocument, (variables) => ({
      leadSegments: typeof segments === 'function' ? segments(variables) : segments,
    })),
    mockOperation(MarketplaceIndustriesDocument, { industries: [...INDUSTRIES] }),
  ];
}
