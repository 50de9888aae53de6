// The attachment scanner contract for the masked email relay (issue 6): every attachment is read once,
// bounded by a size limit, and either passes with metadata to log (sha256, size, sniffed type) or is
// refused with a reason. Scanners fail closed: content that could not be fully scanned is never "ok".
import { type Readable } from 'node:stream';
import { BuiltinScanner } from './builtin.scanner.js';
import { ClamdScanner } from './clamd.scanner.js';

export interface ScanInput {
  filename: string;
  contentType: string;
  content: Readable | Buffer;
}

export type ScanVerdict =
  | { ok: true; sha256: string; size: number; detectedType: string | null }
  | { ok: false; reason: ScanRefusal; detail: string; sha256: string | null; size: number };

// UNSCANNABLE: content that cannot be looked into (encrypted or corrupt archives); never retried, never passed.
export type ScanRefusal = 'MALWARE' | 'EXECUTABLE' | 'TYPE_MISMATCH' | 'TOO_LARGE' | 'UNSCANNABLE' | 'SCANNER_UNAVAILABLE';

export interface AttachmentScanner {
  readonly name: string;
  scan(input: ScanInput): Promise<ScanVerdict>;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface ClamdConfig {
  host: string;
  port: number;
  timeoutMs?: number;
}

// clamd when configured (it still runs the built-in executable and type checks, which are policy that a
// virus scanner does not enforce); otherwise the built-in scanner.
export function createScanner(options: { maxBytes: number; clamd?: ClamdConfig | null }): AttachmentScanner {
  return options.clamd ? new ClamdScanner({ maxBytes: options.maxBytes, ...options.clamd }) : new BuiltinScanner(options.maxBytes);
}
