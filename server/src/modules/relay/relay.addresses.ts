// The platform-owned addresses of a thread: `u-<token>@relay.<domain>` reaches the end user and
// `p-<token>@relay.<domain>` the provider. The token is the only thing that links an address to a
// thread, so it must be unguessable and the parser strict.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Encode } from './relay.base32.js';

export type RelayParty = 'u' | 'p';

// 160 bits: 20 bytes encode to exactly 32 base32 characters, so every token has the same length.
const TOKEN_BYTES = 20;
export const RELAY_TOKEN_LENGTH = 32;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
// Local part as the relay hands it out. No `+tag`: the relay never issues subaddresses, so a
// `u-<token>+x` is a typo or a probe, and rejecting it keeps exactly one address per party and thread.
const LOCAL_PART_PATTERN = /^([up])-([a-z2-7]{32})$/;
// RFC 5321's limit on a whole path; anything longer is junk we need not look at.
const MAX_ADDRESS_LENGTH = 254;

export function newRelayToken(): string {
  return base32Encode(randomBytes(TOKEN_BYTES));
}

export function isRelayToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** The host the relay receives on, e.g. `relay.hotlead.test` for the platform domain `hotlead.test`. */
export function relayHost(domain: string): string {
  return `relay.${domain.toLowerCase()}`;
}

export function relayAddress(party: RelayParty, token: string, domain: string): string {
  // A bad token here is a programming error; an address built from it would never parse back.
  if (!isRelayToken(token)) throw new Error('relayAddress: not a relay token');
  return `${party}-${token}@${relayHost(domain)}`;
}

/**
 * The party and token of a relay address, or null for anything else (never throws).
 * Accepts `<…>` around the address and any letter case (mail servers may fold local parts); the host
 * must be exactly the relay host; `+tag` subaddresses are rejected (see LOCAL_PART_PATTERN).
 */
export function parseRelayAddress(address: unknown, domain: string): { party: RelayParty; token: string } | null {
  if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH + 2) return null;
  let candidate = address.trim();
  if (candidate.startsWith('<') && candidate.endsWith('>')) candidate = candidate.slice(1, -1);
  const at = candidate.lastIndexOf('@');
  if (at <= 0) return null;
  const host = candidate.slice(at + 1).toLowerCase();
  if (host !== relayHost(domain)) return null;
  const match = LOCAL_PART_PATTERN.exec(candidate.slice(0, at).toLowerCase());
  if (!match) return null;
  return { party: match[1] as RelayParty, token: match[2]! };
}

/**
 * Compares a presented token with a stored one in time that does not depend on where they differ,
 * for any check done in code rather than by an indexed database lookup (which leaks nothing useful:
 * the token is the whole key).
 */
export function relayTokensEqual(presented: string, stored: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(stored, 'utf8');
  // The length is public (all tokens have the same), so returning early on it leaks nothing.
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
