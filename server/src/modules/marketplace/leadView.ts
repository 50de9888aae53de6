// The buyer's view of leads: contact details only for leads the workspace bought, masked previews
// otherwise, and never the supplying partner. One query for a whole page or cart. Also the small
// conversions the marketplace resolvers share.
import { maskEmail, maskPhone } from '@hotlead/domain';
import type { Sql } from '../../platform/db/sql.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import type { SeniorityEnum, VerificationStatusEnum } from '../leads/leads.types.js';
import type { Cart as CartRow } from './checkout.service.js';
import { MarketplaceLead, type Cart, type LeadSearchFilterInput } from './marketplace.types.js';
import type { LeadSearchFilter } from './search.service.js';

interface LeadViewRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  linkedin_url: string | null;
  job_title: string | null;
  seniority: string;
  company_name: string;
  industry: string | null;
  country: string;
  state: string | null;
  city: string | null;
  intent_score: number;
  freshness_score: number;
  verification_status: string;
  list_price: string;
  source: string;
  collected_at: Date;
  lawful_basis: string;
  purchased: boolean;
}

/** Marketplace views of `leadIds` for `workspaceId`, in the order given (unknown ids are left out). */
export async function marketplaceLeads(sql: Sql, workspaceId: string, leadIds: readonly string[]): Promise<MarketplaceLead[]> {
  if (leadIds.length === 0) return [];
  const { rows } = await sql.query<LeadViewRow>(
    `SELECT l.id, l.first_name, l.last_name, l.email, l.phone, l.linkedin_url, l.job_title, l.seniority, l.company_name,
            i.name AS industry, l.country, l.state, l.city, l.intent_score, l.freshness_score, l.verification_status,
            l.list_price::text, l.source, l.collected_at, l.lawful_basis,
            EXISTS (SELECT 1 FROM lead_purchase_items p JOIN lead_purchases lp ON lp.id = p.purchase_id
                     WHERE p.workspace_id = $1 AND p.lead_id = l.id AND lp.status = 'COMPLETED') AS purchased
       FROM leads l LEFT JOIN industries i ON i.id = l.industry_id
      WHERE l.id = ANY($2::uuid[])`,
    [workspaceId, leadIds],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return leadIds.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toMarketplaceLead(r)] : [];
  });
}

function toMarketplaceLead(r: LeadViewRow): MarketplaceLead {
  const revealed = r.purchased;
  return Object.assign(new MarketplaceLead(), {
    id: toGlobalId('MarketplaceLead', r.id),
    rawId: r.id,
    firstName: r.first_name,
    lastName: revealed ? r.last_name : `${r.last_name.slice(0, 1)}.`,
    jobTitle: r.job_title,
    seniority: r.seniority as SeniorityEnum,
    companyName: r.company_name,
    industry: r.industry,
    country: r.country,
    state: r.state,
    city: r.city,
    intentScore: r.intent_score,
    freshnessScore: r.freshness_score,
    verificationStatus: r.verification_status as VerificationStatusEnum,
    hasPhone: r.phone !== null,
    hasLinkedin: r.linkedin_url !== null,
    listPrice: r.list_price,
    source: r.source,
    collectedAt: r.collected_at,
    lawfulBasis: r.lawful_basis,
    purchased: revealed,
    emailPreview: revealed ? r.email : maskEmail(r.email),
    phonePreview: revealed ? r.phone : maskPhone(r.phone),
    email: revealed ? r.email : null,
    phone: revealed ? r.phone : null,
    linkedinUrl: revealed ? r.linkedin_url : null,
  });
}

/** A GraphQL filter with its industry global ids turned into raw ids. */
export function rawFilter(filter: LeadSearchFilterInput | null | undefined): LeadSearchFilter {
  return { ...filter, industryIds: filter?.industryIds?.map((i) => fromGlobalId(i, 'Industry', 'industryIds')) ?? null };
}

/** A priced cart with the buyer's view of each lead. */
export async function cartView(ctx: Context, workspaceId: string, cart: CartRow): Promise<Cart> {
  const leads = await marketplaceLeads(
    ctx.platform.database.pool,
    workspaceId,
    cart.lines.map((l) => l.leadId),
  );
  const byId = new Map(leads.map((l) => [l.rawId, l]));
  return {
    ...cart,
    lines: cart.lines.flatMap((line) => {
      const lead = byId.get(line.leadId);
      return lead ? [{ ...line, lead }] : [];
    }),
  };
}
