// Errors of requests and routing. The contract's mutations return their object directly (no
// userErrors payload), so an expected refusal is a top-level BAD_USER_INPUT error whose extensions
// say why: `reason` (stable code, e.g. INVALID_INPUT, DECLINE_WINDOW_CLOSED), and for invalid input
// `field` (the first bad field's path) and `fieldErrors` (every bad field with its message).
import { AppError, ErrorCode } from '../../platform/graphql/errors.js';

export type RequestsRefusal =
  | 'INVALID_INPUT'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'NOT_ALLOWED'
  | 'NOT_ACTIVE'
  | 'DECLINE_WINDOW_CLOSED'
  | 'DISPUTE_WINDOW_CLOSED'
  | 'ALREADY_DISPUTED'
  | 'ALREADY_RESOLVED'
  | 'PASSWORD_ALREADY_SET'
  | 'INVALID_CREDENTIALS';

export interface FieldError {
  field: string[];
  message: string;
}

/** The request's input was refused: every bad field with its message. */
export function invalidInput(errors: FieldError[]): AppError {
  const first = errors[0] ?? { field: [], message: 'The input is not valid.' };
  return new AppError(ErrorCode.BAD_USER_INPUT, first.message, {
    reason: 'INVALID_INPUT' satisfies RequestsRefusal,
    field: first.field,
    fieldErrors: errors,
  });
}

/** A business rule refused the action (the message says what to do). */
export function refused(reason: RequestsRefusal, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { reason, ...extra });
}

/** Collects field errors while validating, then throws them all at once. */
export class FieldErrors {
  readonly errors: FieldError[] = [];

  add(field: string[], message: string): void {
    this.errors.push({ field, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw invalidInput(this.errors);
  }
}
