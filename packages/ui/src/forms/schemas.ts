import { z } from 'zod';

/** Account rules shared by every auth form (the server enforces the same). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const emailSchema = z.string().trim().min(1, 'Enter your email').pipe(z.string().email('Enter a valid email address'));
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);
export const nameSchema = z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters');
