// A provider workspace's routing profile: which niches (or SIC codes) and places it serves, how many
// leads a day / week / month, and its price per niche. Members read it; owners and admins change it.
import { isWorkspaceManager, money } from '@hotlead/domain';
import type pg from 'pg';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { withTransaction } from '../../platform/db/sql.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import { parseGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { capWindows } from './ranking.js';
import { ISO_COUNTRIES } from './requests.constants.js';
import { FieldErrors } from './requests.errors.js';
import { ProviderProfile, type ProviderProfileInput } from './requests.types.js';
import { NICHE_COLUMNS, toNiche, type NicheRow } from './requests.views.js';

const MAX_LIST = 200;
const MAX_CAP = 1_000_000;
const MAX_PRICE = '1000000';
const PRICE_PATTERN = /^\d+(\.\d{1,4})?$/;
const SIC_PATTERN = /^\d{2,4}$/;
const POSTAL_PREFIX_PATTERN = /^[A-Z0-9]{1,10}$/;

export class ProviderProfileService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** A provider workspace the principal may see (members; platform admins read-only). */
  private async providerWorkspace(principal: Principal, workspaceId: string) {
    const { workspace, role } = await this.workspaces.viewable(principal, workspaceId);
    if (workspace.kind !== 'PROVIDER') throw notFound('Provider profile');
    return { role };
  }

  async get(principal: Principal, workspaceId: string): Promise<ProviderProfile> {
    await this.providerWorkspace(principal, workspaceId);
    return this.load(workspaceId);
  }

  async update(principal: UserPrincipal, workspaceId: string, input: ProviderProfileInput, requestId?: string): Promise<ProviderProfile> {
    const { role } = await this.providerWorkspace(principal, workspaceId);
    if (!isWorkspaceManager(role)) throw forbidden('Only owners and admins of the provider change its routing profile.');
    const clean = await this.validate(input);
    await withTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO provider_profiles (workspace_id, active, niche_ids, sic_codes, countries, regions, postal_prefixes, cap_per_day, cap_per_week, cap_per_month)
         VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (workspace_id) DO UPDATE SET active = $2, niche_ids = $3::uuid[], sic_codes = $4, countries = $5, regions = $6,
           postal_prefixes = $7, cap_per_day = $8, cap_per_week = $9, cap_per_month = $10, updated_at = now()`,
        [
          workspaceId,
          clean.active,
          clean.nicheIds,
          clean.sicCodes,
          clean.countries,
          clean.regions,
          clean.postalPrefixes,
          clean.capPerDay,
          clean.capPerWeek,
          clean.capPerMonth,
        ],
      );
      await tx.query('DELETE FROM provider_niche_prices WHERE workspace_id = $1 AND NOT (niche_id = ANY($2::uuid[]))', [
        workspaceId,
        clean.prices.map((p) => p.nicheId),
      ]);
      for (const p of clean.prices) {
        await tx.query(
          `INSERT INTO provider_niche_prices (workspace_id, niche_id, price) VALUES ($1, $2, $3)
           ON CONFLICT (workspace_id, niche_id) DO UPDATE SET price = $3, updated_at = now()`,
          [workspaceId, p.nicheId, p.price],
        );
      }
      await recordAuditSql(
        tx,
        principal,
        {
          action: 'provider_profile.update',
          targetType: 'ProviderProfile',
          targetId: workspaceId,
          workspaceId,
          details: { ...clean, prices: clean.prices },
        },
        requestId,
      );
    });
    return this.load(workspaceId);
  }

  private async validate(input: ProviderProfileInput) {
    const errors = new FieldErrors();
    const field = (...path: (string | number)[]) => ['input', ...path.map(String)];
    const list = (name: string, values: string[]) => {
      if (values.length > MAX_LIST) errors.add(field(name), `Use at most ${MAX_LIST} entries.`);
    };
    list('nicheIds', input.nicheIds);
    list('sicCodes', input.sicCodes);
    list('countries', input.countries);
    list('regions', input.regions);
    list('postalPrefixes', input.postalPrefixes);
    list(
      'prices',
      input.prices.map((p) => p.nicheId),
    );

    const nicheIdOf = (globalId: string) => {
      const parsed = parseGlobalId(globalId);
      return parsed?.type === 'Niche' ? parsed.id : null;
    };
    const nicheIds = [...new Set(input.nicheIds.map(nicheIdOf))];
    const priceNicheIds = input.prices.map((p) => nicheIdOf(p.nicheId));
    const wanted = [...nicheIds, ...priceNicheIds].filter((id): id is string => id !== null);
    const { rows: known } = await this.pool.query<{ id: string }>('SELECT id FROM niches WHERE id = ANY($1::uuid[])', [wanted]);
    const knownIds = new Set(known.map((k) => k.id));
    input.nicheIds.forEach((id, i) => {
      const raw = nicheIdOf(id);
      if (!raw || !knownIds.has(raw)) errors.add(field('nicheIds', i), 'This niche does not exist.');
    });

    const sicCodes = [...new Set(input.sicCodes.map((s) => s.trim()))];
    sicCodes.forEach((s, i) => {
      if (!SIC_PATTERN.test(s)) errors.add(field('sicCodes', i), `"${s.slice(0, 20)}" is not a SIC code (2 to 4 digits).`);
    });
    const countries = [...new Set(input.countries.map((c) => c.trim().toUpperCase()))];
    countries.forEach((c, i) => {
      if (!ISO_COUNTRIES.has(c)) errors.add(field('countries', i), `"${c.slice(0, 20)}" is not an ISO 3166-1 alpha-2 country code.`);
    });
    const regions = [...new Set(input.regions.map((r) => r.trim().toUpperCase()))];
    regions.forEach((r, i) => {
      if (r.length < 1 || r.length > 100) errors.add(field('regions', i), 'A region is 1 to 100 characters.');
    });
    const postalPrefixes = [...new Set(input.postalPrefixes.map((p) => p.replace(/[\s-]/g, '').toUpperCase()))];
    postalPrefixes.forEach((p, i) => {
      if (!POSTAL_PREFIX_PATTERN.test(p)) errors.add(field('postalPrefixes', i), 'A postal prefix is 1 to 10 letters or digits.');
    });
    for (const name of ['capPerDay', 'capPerWeek', 'capPerMonth'] as const) {
      const cap = input[name];
      if (cap !== null && cap !== undefined && (!Number.isInteger(cap) || cap < 0 || cap > MAX_CAP)) {
        errors.add(field(name), `A cap is a whole number from 0 to ${MAX_CAP.toLocaleString('en-US')}, or empty for no cap.`);
      }
    }
    const prices: { nicheId: string; price: string }[] = [];
    const seen = new Set<string>();
    input.prices.forEach((p, i) => {
      const raw = priceNicheIds[i];
      if (!raw || !knownIds.has(raw)) {
        errors.add(field('prices', i, 'nicheId'), 'This niche does not exist.');
        return;
      }
      if (seen.has(raw)) {
        errors.add(field('prices', i, 'nicheId'), 'This niche has a price already.');
        return;
      }
      seen.add(raw);
      const price = String(p.price).trim();
      if (!PRICE_PATTERN.test(price) || money.compare(price, '0') <= 0 || money.compare(price, MAX_PRICE) > 0) {
        errors.add(field('prices', i, 'price'), 'A price is above 0 credits, with at most 4 decimals.');
        return;
      }
      prices.push({ nicheId: raw, price });
    });
    errors.throwIfAny();
    return {
      active: input.active,
      nicheIds: nicheIds.filter((id): id is string => id !== null),
      sicCodes,
      countries,
      regions,
      postalPrefixes,
      capPerDay: input.capPerDay ?? null,
      capPerWeek: input.capPerWeek ?? null,
      capPerMonth: input.capPerMonth ?? null,
      prices,
    };
  }

  /** The profile with its niches, prices and the deliveries counted against the caps now. */
  async load(workspaceId: string, now = new Date()): Promise<ProviderProfile> {
    const { rows } = await this.pool.query<{
      active: boolean;
      nicheIds: string[];
      sicCodes: string[];
      countries: string[];
      regions: string[];
      postalPrefixes: string[];
      capPerDay: number | null;
      capPerWeek: number | null;
      capPerMonth: number | null;
    }>(
      `SELECT active, COALESCE(niche_ids, '{}') AS "nicheIds", COALESCE(sic_codes, '{}') AS "sicCodes", COALESCE(countries, '{}') AS countries,
              COALESCE(regions, '{}') AS regions, COALESCE(postal_prefixes, '{}') AS "postalPrefixes",
              cap_per_day AS "capPerDay", cap_per_week AS "capPerWeek", cap_per_month AS "capPerMonth"
         FROM provider_profiles WHERE workspace_id = $1`,
      [workspaceId],
    );
    // A provider that never saved a profile has an empty, paused one: it receives nothing.
    const p = rows[0] ?? {
      active: false,
      nicheIds: [],
      sicCodes: [],
      countries: [],
      regions: [],
      postalPrefixes: [],
      capPerDay: null,
      capPerWeek: null,
      capPerMonth: null,
    };
    const { rows: niches } = await this.pool.query<NicheRow>(
      `SELECT ${NICHE_COLUMNS} FROM niches n WHERE n.id = ANY($1::uuid[]) ORDER BY n.name`,
      [p.nicheIds],
    );
    const { rows: prices } = await this.pool.query<NicheRow & { price: string }>(
      `SELECT ${NICHE_COLUMNS}, pp.price::text AS price FROM provider_niche_prices pp JOIN niches n ON n.id = pp.niche_id
        WHERE pp.workspace_id = $1 ORDER BY n.name`,
      [workspaceId],
    );
    const windows = capWindows(now);
    const { rows: counts } = await this.pool.query<{ today: number; week: number; month: number }>(
      `SELECT count(*) FILTER (WHERE delivered_at >= $2)::int AS today, count(*) FILTER (WHERE delivered_at >= $3)::int AS week,
              count(*) FILTER (WHERE delivered_at >= $4)::int AS month
         FROM request_assignments WHERE workspace_id = $1 AND status <> 'DECLINED' AND delivered_at >= LEAST($3, $4)`,
      [workspaceId, windows.day, windows.week, windows.month],
    );
    return Object.assign(new ProviderProfile(), {
      workspaceId: toGlobalId('Workspace', workspaceId),
      workspaceRawId: workspaceId,
      active: p.active,
      niches: niches.map(toNiche),
      sicCodes: p.sicCodes,
      countries: p.countries,
      regions: p.regions,
      postalPrefixes: p.postalPrefixes,
      capPerDay: p.capPerDay,
      capPerWeek: p.capPerWeek,
      capPerMonth: p.capPerMonth,
      prices: prices.map((row) => ({ niche: toNiche(row), price: row.price })),
      deliveredToday: counts[0]?.today ?? 0,
      deliveredThisWeek: counts[0]?.week ?? 0,
      deliveredThisMonth: counts[0]?.month ?? 0,
    });
  }
}
