// The relay's core (issue 6): every message — typed in a console or received by the inbound SMTP
// server — goes through postMessage, which checks the thread and its rules, scans attachments,
// stores the message immutably and queues its delivery to the other party. CONTRACT shared with the
// requests and conversations modules; the relay helper implements the bodies.
import type { Platform } from '../../platform/platform.js';

export type RelayDirectionValue = 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
export type ThreadCloser = 'USER' | 'PROVIDER' | 'ADMIN' | 'SYSTEM';

/** Why the relay refused a message; `code` is stable (GraphQL error code / SMTP reply mapping). */
export class RelayRefusal extends Error {
  constructor(
    readonly code:
      | 'THREAD_NOT_FOUND'
      | 'THREAD_CLOSED'
      | 'THREAD_SUSPENDED'
      | 'NOT_A_PARTY'
      | 'PROVIDER_FIRST'
      | 'RATE_LIMITED'
      | 'ATTACHMENT_REFUSED'
      | 'TOO_LARGE'
      | 'INVALID_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'RelayRefusal';
  }
}

export interface PostMessageInput {
  threadId: string;
  direction: RelayDirectionValue;
  source: 'EMAIL' | 'CONSOLE';
  /** The provider member who wrote it (PROVIDER_TO_USER), or the end user (USER_TO_PROVIDER). */
  senderUserId: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  /** EMAIL: the parsed attachments; CONSOLE: none (use attachmentTokens). */
  attachments?: { filename: string; contentType: string; content: Buffer; contentId?: string | null }[];
  /** CONSOLE: tokens from POST /relay/uploads, already scanned. */
  attachmentTokens?: string[];
  /** EMAIL: the message verbatim. CONSOLE: built by the service. */
  rawMime?: string;
  automated?: boolean;
  parseNotes?: Record<string, unknown>;
}

export interface RelayService {
  /** Stores the message and queues its relay; throws RelayRefusal. */
  postMessage(input: PostMessageInput): Promise<{ messageId: string }>;
  /** Closes a thread (idempotent); later mail to its addresses is refused with a clear bounce. */
  closeThread(threadId: string, by: ThreadCloser): Promise<void>;
}

export type { Platform };
