// Exact money and credit arithmetic. Amounts are decimal strings with up to 4 places (as stored in
// NUMERIC(…, 4) columns) and are computed on bigints scaled by 10^4: never JavaScript floats.

export const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

/** 1 credit buys $0.10 of list price. */
export const USD_PER_CREDIT = '0.1';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("12.5", "-0.0375") into units of 10^-4. More than 4 places is an error. */
export function toUnits(amount: string): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new RangeError(`not a decimal amount: "${amount}"`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) {
    throw new RangeError(`more than ${SCALE} decimal places: "${amount}"`);
  }
  const units = BigInt(whole) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, '0'));
  return sign ? -units : units;
}

/** Formats units of 10^-4 as a decimal string with exactly 4 places ("-0.0375"). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export function add(...amounts: string[]): string {
  return fromUnits(amounts.reduce((sum, a) => sum + toUnits(a), 0n));
}

export function subtract(a: string, b: string): string {
  return fromUnits(toUnits(a) - toUnits(b));
}

export function compare(a: string, b: string): -1 | 0 | 1 {
  const d = toUnits(a) - toUnits(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * Multiplies an amount by a decimal factor ("0.85", "5", "0.3") and rounds half away from zero to 4
 * places: the rounding the seed formulas use (Math.round(x * 10000) / 10000 for positive prices).
 */
export function multiply(amount: string, factor: string): string {
  const product = toUnits(amount) * toUnits(factor); // scaled by 10^8
  return fromUnits(roundDiv(product, FACTOR));
}

function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Dollars of list price covered by a number of credits. */
export function creditsToUsd(credits: string): string {
  return multiply(credits, USD_PER_CREDIT);
}

/** Credits needed for a dollar amount of list price (1 credit = $0.10), exact to 4 places. */
export function usdToCredits(usd: string): string {
  return multiply(usd, '10');
}

/** Stripe amounts are integer cents. */
export function centsToUsd(cents: number | bigint): string {
  return fromUnits(BigInt(cents) * (FACTOR / 100n));
}

export function usdToCents(usd: string): bigint {
  const units = toUnits(usd);
  const cents = units / (FACTOR / 100n);
  if (cents * (FACTOR / 100n) !== units) throw new RangeError(`not a whole number of cents: "${usd}"`);
  return cents;
}

/** "$1,234.50" for messages: dollars rounded half away from zero to cents, with thousands separators. */
export function formatUsd(amount: string): string {
  const cents = roundDiv(toUnits(amount), FACTOR / 100n);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const dollars = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${dollars}.${(abs % 100n).toString().padStart(2, '0')}`;
}
