// The session cookie: HttpOnly, SameSite=Lax, the whole site (the three SPAs share one origin).
import { parse, serialize } from 'cookie';
import type { Response } from 'express';
import type { SessionCookie } from '../graphql/context.js';

export const SESSION_COOKIE = 'hotlead_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parse(header)[name];
}

/** The bearer credential of a request: an Authorization header wins over the cookie. */
export function credentialOf(headers: { authorization?: string | undefined; cookie?: string | undefined }): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return readCookie(headers.cookie, SESSION_COOKIE);
}

export function responseSessionCookie(res: Response, secure: boolean): SessionCookie {
  return {
    set(token, expiresAt) {
      res.append(
        'Set-Cookie',
        serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt }),
      );
    },
    clear() {
      res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(0) }));
    },
  };
}

export const NO_COOKIE: SessionCookie = { set() {}, clear() {} };
