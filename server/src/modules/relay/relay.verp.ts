// VERP return paths for outbound relayed mail: `b-<messageId>-<expiry>-<mac>@relay.<domain>`.
// A bounce comes back to the return path, so the address itself says which message bounced. The MAC
// stops anyone from minting bounce addresses for arbitrary messages (to mark a real user's address
// as bouncing), and the expiry stops old addresses from being replayed forever.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { relayHost } from './relay.addresses.js';
import { base32Decode, base32Encode } from './relay.base32.js';

export type VerpResult = { ok: true; messageId: string } | { ok: false; reason: 'FORGED' | 'EXPIRED' | 'MALFORMED' };

// 10 bytes of HMAC-SHA256 = 80 bits, 16 base32 characters: far beyond online guessing, and short
// enough to keep the local part under the 64 characters RFC 5321 allows.
const MAC_BYTES = 10;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 16 UUID bytes are 26 base32 characters; base36 seconds fit 11 characters until far past year 3000.
const LOCAL_PART_PATTERN = /^b-([a-z2-7]{26})-([0-9a-z]{1,11})-([a-z2-7]{16})$/;

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The host is signed too, so an address minted for one environment (staging) is not valid in another
// that happens to share the secret.
function mac(secret: string, messageId: string, expirySeconds: number, host: string): Buffer {
  if (!secret) throw new Error('VERP secret is empty');
  return createHmac('sha256', secret).update(`verp:v1:${messageId.toLowerCase()}:${expirySeconds}:${host}`).digest().subarray(0, MAC_BYTES);
}

export function verpReturnPath(input: { messageId: string; expiresAt: Date }, secret: string, domain: string): string {
  if (!UUID_PATTERN.test(input.messageId)) throw new Error('verpReturnPath: messageId is not a UUID');
  const expirySeconds = Math.floor(input.expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(expirySeconds) || expirySeconds <= 0) throw new Error('verpReturnPath: bad expiresAt');
  const host = relayHost(domain);
  const id = base32Encode(uuidToBytes(input.messageId));
  const signature = base32Encode(mac(secret, input.messageId, expirySeconds, host));
  return `b-${id}-${expirySeconds.toString(36)}-${signature}@${host}`;
}

/**
 * Checks a bounce address. Order matters: shape first, then the MAC, and only then the expiry, so an
 * answer of EXPIRED means we really issued that address (a forger learns nothing from it).
 */
export function parseVerp(address: unknown, secret: string, domain: string, now: Date): VerpResult {
  if (typeof address !== 'string' || address.length > 256) return { ok: false, reason: 'MALFORMED' };
  let candidate = address.trim();
  if (candidate.startsWith('<') && candidate.endsWith('>')) candidate = candidate.slice(1, -1);
  const at = candidate.lastIndexOf('@');
  const host = relayHost(domain);
  if (at <= 0 || candidate.slice(at + 1).toLowerCase() !== host) return { ok: false, reason: 'MALFORMED' };
  // Lower-cased because some servers fold the local part; the encodings are case-insensitive by design.
  const match = LOCAL_PART_PATTERN.exec(candidate.slice(0, at).toLowerCase());
  if (!match) return { ok: false, reason: 'MALFORMED' };
  const [, encodedId, encodedExpiry, encodedMac] = match as unknown as [string, string, string, string];

  const idBytes = base32Decode(encodedId);
  const presentedMac = base32Decode(encodedMac);
  const expirySeconds = Number.parseInt(encodedExpiry, 36);
  // Canonical spellings only (no leading zeros), so each message has exactly one valid return path.
  if (
    !idBytes ||
    idBytes.length !== 16 ||
    !presentedMac ||
    presentedMac.length !== MAC_BYTES ||
    expirySeconds.toString(36) !== encodedExpiry
  ) {
    return { ok: false, reason: 'MALFORMED' };
  }

  const messageId = bytesToUuid(idBytes);
  if (!timingSafeEqual(mac(secret, messageId, expirySeconds, host), presentedMac)) return { ok: false, reason: 'FORGED' };
  if (now.getTime() >= expirySeconds * 1000) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, messageId };
}
