import { registerEnumType } from 'type-graphql';
import { defineUserErrorType, type UserErrorShape } from '../../platform/graphql/errors.js';

export enum MarketplaceErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  CART_EMPTY = 'CART_EMPTY',
  CART_FULL = 'CART_FULL',
  UNAVAILABLE = 'UNAVAILABLE',
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  MEMBER_LIMIT = 'MEMBER_LIMIT',
  NOT_ALLOWED = 'NOT_ALLOWED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  RATE_LIMITED = 'RATE_LIMITED',
}
registerEnumType(MarketplaceErrorCode, { name: 'MarketplaceErrorCode' });

export const MarketplaceUserError = defineUserErrorType<MarketplaceErrorCode>('MarketplaceUserError', MarketplaceErrorCode);
export type MarketplaceError = UserErrorShape<MarketplaceErrorCode>;

export type MarketplaceOutcome<T> = { ok: true; value: T } | { ok: false; errors: MarketplaceError[] };

export const ok = <T>(value: T): MarketplaceOutcome<T> => ({ ok: true, value });
export const fail = (code: MarketplaceErrorCode, message: string, field: string[] | null = null): MarketplaceOutcome<never> => ({
  ok: false,
  errors: [{ code, message, field }],
});
