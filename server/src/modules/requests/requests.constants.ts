// The numbers and texts of requests and routing, in one place (docs/routing.md explains them).
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';

/** The opt-in as the form shows it; recorded with every request together with its version. */
export const CONSENT = {
  version: '2026-11-01',
  wording:
    'Hide my email from service providers and communicate securely through the platform. ' +
    'Providers then never see your email address or phone number: their messages reach you through a Hotlead relay address, ' +
    'and your replies go back to them the same way.',
} as const;

/** The opt-in sentence itself (the checkbox label). */
export const CONSENT_OPT_IN = 'Hide my email from service providers and communicate securely through the platform';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The public form: 5 well-formed requests per IP per hour. */
export const SUBMIT_RATE_LIMIT: RateLimitRule = { name: 'service-request:ip', limit: 5, windowMs: HOUR_MS };
/** Password checks of the account deletion, per user. */
export const ACCOUNT_DELETE_RATE_LIMIT: RateLimitRule = { name: 'end-user-delete:user', limit: 10, windowMs: 15 * 60 * 1000 };

/** The confirmation link of a request works for 7 days. */
export const CONFIRM_TTL_MS = 7 * DAY_MS;
/** A provider may decline a routed request for free within 1 hour of delivery. */
export const DECLINE_WINDOW_MS = HOUR_MS;
/** Disputes are accepted within 14 days of delivery. */
export const DISPUTE_WINDOW_MS = 14 * DAY_MS;
/** The provider's first message unread by the end user this long: the credits go back. */
export const UNREAD_REFUND_AFTER_MS = 48 * HOUR_MS;
/** First response within 4 hours of delivery. */
export const FIRST_RESPONSE_SLA_SECONDS = 4 * 60 * 60;
/** A request no provider matched is tried again after this long… */
export const ROUTING_RETRY_MS = HOUR_MS;
/** …until this long after its confirmation; then it is UNROUTABLE and listed for admins. */
export const UNROUTABLE_AFTER_MS = 72 * HOUR_MS;
/** Response time and dispute rate are measured over this window. */
export const RANKING_WINDOW_DAYS = 90;
/** When relay_settings has no row. */
export const DEFAULT_MAX_PROVIDERS = 3;

export const ANONYMIZED_NAME = 'Anonymized user';

export const ROUTE_JOB = 'routing.route';
export const RETRY_JOB = 'routing.retry';
export const UNREAD_REFUNDS_JOB = 'routing.unread-refunds';

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
export const ISO_COUNTRIES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
