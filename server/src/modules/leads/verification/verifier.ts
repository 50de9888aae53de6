// Email verification for lead uploads: one interface, two providers. The built-in offline verifier is
// the default; MillionVerifier (a paid HTTP service that does see mailboxes) is switched on by
// MILLIONVERIFIER_API_KEY. Callers split work into batches of `batchSize` and charge `paid` calls
// against the daily verification budget.
import { LocalVerifier } from './local.verifier.js';
import { MillionVerifierVerifier } from './millionverifier.verifier.js';

export type VerificationStatus = 'VALID' | 'INVALID' | 'CATCH_ALL' | 'RISKY' | 'UNKNOWN';

export interface VerificationOutcome {
  status: VerificationStatus;
  /** short machine reason, e.g. 'syntax', 'disposable', 'role', 'free_mail', 'ok', 'catch_all', 'mailbox_not_found', 'provider_error' */
  reason: string;
}

export interface EmailVerifier {
  readonly name: 'local' | 'millionverifier';
  /** Emails per call the provider handles (MillionVerifier: 100). The caller never passes more. */
  readonly batchSize: number;
  /** Whether a call costs money (counts against the daily budget). */
  readonly paid: boolean;
  /** One outcome per input email (same order). A transient provider failure throws (the job retries); a per-email provider error → UNKNOWN. */
  verify(emails: readonly string[], signal?: AbortSignal): Promise<VerificationOutcome[]>;
}

/** MillionVerifier when an API key is configured (its bulk API with MILLIONVERIFIER_BULK), otherwise the offline verifier. */
export function createVerifier(config: { MILLIONVERIFIER_API_KEY?: string | undefined; MILLIONVERIFIER_BULK?: boolean }): EmailVerifier {
  const apiKey = config.MILLIONVERIFIER_API_KEY?.trim();
  if (!apiKey) return new LocalVerifier();
  return new MillionVerifierVerifier({ apiKey, bulk: config.MILLIONVERIFIER_BULK ?? false });
}
