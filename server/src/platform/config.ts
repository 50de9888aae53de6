// All configuration comes from the environment, validated once at start. Local defaults make the
// platform run on a laptop with nothing configured; each outside service is switched on by its variable.
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** API port (HTTP + GraphQL + graphql-ws). */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL; when unset an embedded server is started under .data/. */
  DATABASE_URL: z.string().url().optional(),
  /** Which embedded server (own data folder and port) to use when DATABASE_URL is unset. */
  EMBEDDED_POSTGRES: z.enum(['app', 'test', 'e2e', 'bench']).default('app'),
  /** Redis for cross-instance pub/sub and rate limits; in-memory when unset. */
  REDIS_URL: z.string().url().optional(),
  /** Outbound SMTP relay (smtp://user:pass@host:port); the dev mailbox when unset. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Hotlead <no-reply@hotlead.local>'),
  /** Public base URL of the platform, used in links inside emails. */
  PUBLIC_URL: z.string().url().optional(),
  /** Run the job worker inside the API process (local mode). */
  IN_PROCESS_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Serve the built SPAs from the API process. */
  SERVE_WEB: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session lifetime in days. */
  SESSION_TTL_DAYS: z.coerce.number().int().positive().default(30),
  /** Stripe secret key; without it the local sandbox payment provider is used. */
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  /** Signing secret of the Stripe webhook endpoint (/webhooks/stripe); required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  /** Local file storage folder (uploads); `<data folder>/files` when unset. */
  STORAGE_DIR: z.string().optional(),
  /** Largest lead upload accepted, in bytes (200 MB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  /** Most data rows one upload may have. */
  UPLOAD_MAX_ROWS: z.coerce.number().int().positive().default(1_000_000),
  /** Fewest data rows one upload may have (seed 001 Step 11). */
  UPLOAD_MIN_ROWS: z.coerce.number().int().min(1).default(50),
  /** MillionVerifier API key; without it the built-in local verifier is used. */
  MILLIONVERIFIER_API_KEY: z.string().min(1).optional(),
  /** Use MillionVerifier's bulk file API instead of the single-email API. */
  MILLIONVERIFIER_BULK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Emails a paid verification provider may check per UTC day (0 = no cap). */
  VERIFICATION_DAILY_CAP: z.coerce.number().int().min(0).default(50_000),
  /** The masked email relay's domain: relay addresses are `u-…@relay.<RELAY_DOMAIN>`. */
  RELAY_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i)
    .default('hotlead.local'),
  /** Inbound SMTP port of the relay (0 picks a free one; tests default to 0 so parallel files never clash). */
  RELAY_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  RELAY_SMTP_HOST: z.string().default('127.0.0.1'),
  /** Start the inbound SMTP server with the API (local mode); production runs `src/relay.ts` instead. */
  RELAY_INBOUND_IN_PROCESS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** HMAC key of VERP bounce addresses, attachment upload tokens and abuse links; required in production. */
  RELAY_VERP_SECRET: z.string().min(16).optional(),
  /** clamd for attachment scanning (tcp://host:3310); the built-in scanner when unset. */
  CLAMD_URL: z.string().url().optional(),
  /** Cookies get `Secure` when the platform is served over https. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = Omit<z.infer<typeof schema>, 'RELAY_SMTP_PORT' | 'RELAY_VERP_SECRET'> & {
  publicUrl: string;
  RELAY_SMTP_PORT: number;
  RELAY_VERP_SECRET: string;
};

// Signs nothing of value outside development and tests: production must set its own (checked below).
const DEV_RELAY_VERP_SECRET = 'hotlead-dev-relay-secret-not-for-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
    throw new Error('Invalid configuration: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set');
  }
  if (c.NODE_ENV === 'production' && !c.RELAY_VERP_SECRET) {
    throw new Error('Invalid configuration: RELAY_VERP_SECRET is required in production (bounce addresses are signed with it)');
  }
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    RELAY_SMTP_PORT: c.RELAY_SMTP_PORT ?? (c.NODE_ENV === 'test' ? 0 : 2525),
    RELAY_VERP_SECRET: c.RELAY_VERP_SECRET ?? DEV_RELAY_VERP_SECRET,
  };
}
