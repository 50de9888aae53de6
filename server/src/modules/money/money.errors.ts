import { registerEnumType } from 'type-graphql';
import { defineUserErrorType, type UserErrorShape } from '../../platform/graphql/errors.js';

export enum MoneyErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_ALLOWED = 'NOT_ALLOWED',
  NOT_FOUND = 'NOT_FOUND',
  PACKAGE_UNAVAILABLE = 'PACKAGE_UNAVAILABLE',
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  NO_SAVED_CARD = 'NO_SAVED_CARD',
  PAYOUT_ACCOUNT_MISSING = 'PAYOUT_ACCOUNT_MISSING',
  PAYOUT_ACCOUNT_NOT_READY = 'PAYOUT_ACCOUNT_NOT_READY',
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  PAYOUT_IN_PROGRESS = 'PAYOUT_IN_PROGRESS',
  SANDBOX_ONLY = 'SANDBOX_ONLY',
}
registerEnumType(MoneyErrorCode, { name: 'MoneyErrorCode' });

export const MoneyUserError = defineUserErrorType<MoneyErrorCode>('MoneyUserError', MoneyErrorCode);
export type MoneyError = UserErrorShape<MoneyErrorCode>;

export type MoneyOutcome<T> = { ok: true; value: T } | { ok: false; errors: MoneyError[] };

export const ok = <T>(value: T): MoneyOutcome<T> => ({ ok: true, value });
export const fail = (code: MoneyErrorCode, message: string, field: string[] | null = null): MoneyOutcome<never> => ({
  ok: false,
  errors: [{ code, message, field }],
});
