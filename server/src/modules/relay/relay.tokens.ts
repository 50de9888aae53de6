// The relay's bearer tokens: upload tokens for console attachments, read-pixel tokens and report-abuse
// links. Each is either signed (upload, abuse: nothing to store) or random with only its hash stored
// (pixel), so a token cannot be minted for someone else's file or message.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './relay.base32.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long an upload token may be used to attach its file to a message. */
export const UPLOAD_TOKEN_TTL_MS = 60 * 60 * 1000;

// One secret, separate purposes: a MAC made for one kind of token never verifies as another.
function mac(secret: string, purpose: string, payload: string): Buffer {
  if (!secret) throw new Error('relay token secret is empty');
  return createHmac('sha256', secret).update(`${purpose}:${payload}`).digest();
}

function macEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- Upload tokens -------------------------------------------------------------------------------

export interface UploadTokenPayload {
  /** The stored file: `relay/uploads/<uploadId>`. */
  uploadId: string;
  userId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  expiresAt: Date;
}

export const uploadStorageKey = (uploadId: string) => `relay/uploads/${uploadId.toLowerCase()}`;

/** `<base64url JSON>.<base64url HMAC>`: the file, who uploaded it and until when it may be attached. */
export function signUploadToken(payload: UploadTokenPayload, secret: string): string {
  const body = Buffer.from(
    JSON.stringify({
      v: 1,
      i: payload.uploadId,
      u: payload.userId,
      f: payload.filename,
      t: payload.contentType,
      s: payload.sizeBytes,
      h: payload.sha256,
      e: Math.floor(payload.expiresAt.getTime() / 1000),
    }),
    'utf8',
  ).toString('base64url');
  return `${body}.${mac(secret, 'relay-upload:v1', body).toString('base64url')}`;
}

export type UploadTokenResult = { ok: true; upload: UploadTokenPayload } | { ok: false; reason: 'INVALID' | 'EXPIRED' | 'OTHER_USER' };

/** Checks the signature first, then the expiry, then that `userId` uploaded it. */
export function verifyUploadToken(token: unknown, secret: string, userId: string, now: Date): UploadTokenResult {
  if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'INVALID' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, reason: 'INVALID' };
  const body = token.slice(0, dot);
  const presented = Buffer.from(token.slice(dot + 1), 'base64url');
  if (!macEqual(mac(secret, 'relay-upload:v1', body), presented)) return { ok: false, reason: 'INVALID' };
  let data: { v?: unknown; i?: unknown; u?: unknown; f?: unknown; t?: unknown; s?: unknown; h?: unknown; e?: unknown };
  try {
    data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof data;
  } catch {
    return { ok: false, reason: 'INVALID' };
  }
  if (
    data.v !== 1 ||
    typeof data.i !== 'string' ||
    !UUID_PATTERN.test(data.i) ||
    typeof data.u !== 'string' ||
    typeof data.f !== 'string' ||
    typeof data.t !== 'string' ||
    typeof data.s !== 'number' ||
    typeof data.h !== 'string' ||
    typeof data.e !== 'number'
  ) {
    return { ok: false, reason: 'INVALID' };
  }
  if (now.getTime() >= data.e * 1000) return { ok: false, reason: 'EXPIRED' };
  if (data.u !== userId) return { ok: false, reason: 'OTHER_USER' };
  return {
    ok: true,
    upload: {
      uploadId: data.i,
      userId: data.u,
      filename: data.f,
      contentType: data.t,
      sizeBytes: data.s,
      sha256: data.h,
      expiresAt: new Date(data.e * 1000),
    },
  };
}

// ---- Read pixel ----------------------------------------------------------------------------------

/** A random token for the pixel URL; only its hash is stored, so the table cannot be used to forge reads. */
export function newPixelToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: pixelTokenHash(token) };
}

export function pixelTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const PIXEL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

// ---- Report abuse --------------------------------------------------------------------------------

const ABUSE_PATTERN = /^([a-z2-7]{26})-([a-z2-7]{16})$/;

/** `<message id, base32>-<80-bit MAC>`: names the relayed message without a lookup table. */
export function abuseToken(messageId: string, secret: string): string {
  if (!UUID_PATTERN.test(messageId)) throw new Error('abuseToken: messageId is not a UUID');
  const id = base32Encode(Buffer.from(messageId.replaceAll('-', ''), 'hex'));
  return `${id}-${base32Encode(mac(secret, 'relay-abuse:v1', messageId.toLowerCase()).subarray(0, 10))}`;
}

/** The message id of a valid abuse token, or null. */
export function parseAbuseToken(token: unknown, secret: string): string | null {
  if (typeof token !== 'string') return null;
  const match = ABUSE_PATTERN.exec(token.toLowerCase());
  if (!match) return null;
  const idBytes = base32Decode(match[1]!);
  const presented = base32Decode(match[2]!);
  if (!idBytes || idBytes.length !== 16 || !presented || presented.length !== 10) return null;
  const hex = Buffer.from(idBytes).toString('hex');
  const messageId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = mac(secret, 'relay-abuse:v1', messageId).subarray(0, 10);
  return macEqual(expected, Buffer.from(presented)) ? messageId : null;
}
