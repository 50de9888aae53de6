// Input rules shared by the server (authoritative) and the SPAs (early feedback).
import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Trimmed, lower-cased address: the one form stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(3, 'Enter an email address')
  .max(254, 'Email address is too long')
  .email('Enter a valid email address')
  .transform(normalizeEmail);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const personNameSchema = z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters');

export const orgNameSchema = z.string().trim().min(2, 'Use at least 2 characters').max(100, 'Use at most 100 characters');

export const websiteSchema = z
  .string()
  .trim()
  .max(2048)
  .url('Enter a full URL, e.g. https://example.com')
  .refine((u) => /^https?:\/\//i.test(u), 'Use an http or https URL');

export const signupSchema = z.object({ email: emailSchema, password: passwordSchema, name: personNameSchema });
export const loginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(PASSWORD_MAX) });

/** A URL-safe slug from a name: lower-case words joined by hyphens. */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'org'
  );
}
