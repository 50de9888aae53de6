import { registerEnumType } from 'type-graphql';
import { defineUserErrorType, type UserErrorShape } from '../../platform/graphql/errors.js';

export enum IdentityErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** Wrong password, unknown email and locked account all give this one. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_USED = 'TOKEN_USED',
  ALREADY_VERIFIED = 'ALREADY_VERIFIED',
  ACCOUNT_SUSPENDED = 'ACCOUNT_SUSPENDED',
  NOT_ALLOWED = 'NOT_ALLOWED',
  LAST_OWNER = 'LAST_OWNER',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  INVITATION_PENDING = 'INVITATION_PENDING',
  EMAIL_MISMATCH = 'EMAIL_MISMATCH',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(IdentityErrorCode, { name: 'IdentityErrorCode' });

export const IdentityUserError = defineUserErrorType<IdentityErrorCode>('IdentityUserError', IdentityErrorCode);
export type IdentityError = UserErrorShape<IdentityErrorCode>;

/** Maps zod issues to user errors on the input's fields. */
export function zodToUserErrors(issues: { path: (string | number)[]; message: string }[]): IdentityError[] {
  return issues.map((issue) => ({
    code: IdentityErrorCode.INVALID_INPUT,
    message: issue.message,
    field: ['input', ...issue.path.map(String)],
  }));
}
