import { registerEnumType } from 'type-graphql';
import { defineUserErrorType, type UserErrorShape } from '../../platform/graphql/errors.js';

export enum LeadsErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_ALLOWED = 'NOT_ALLOWED',
  NOT_FOUND = 'NOT_FOUND',
  UPLOADS_SUSPENDED = 'UPLOADS_SUSPENDED',
  INVALID_MAPPING = 'INVALID_MAPPING',
  WRONG_STATE = 'WRONG_STATE',
  CONFIRMATION_REQUIRED = 'CONFIRMATION_REQUIRED',
}
registerEnumType(LeadsErrorCode, { name: 'LeadsErrorCode' });

export const LeadsUserError = defineUserErrorType<LeadsErrorCode>('LeadsUserError', LeadsErrorCode);
export type LeadsError = UserErrorShape<LeadsErrorCode>;

export type LeadsOutcome<T> = { ok: true; value: T } | { ok: false; errors: LeadsError[] };

export const ok = <T>(value: T): LeadsOutcome<T> => ({ ok: true, value });
export const fail = (code: LeadsErrorCode, message: string, field: string[] | null = null): LeadsOutcome<never> => ({
  ok: false,
  errors: [{ code, message, field }],
});

/** Why the upload endpoint refused a file; answered as HTTP 4xx with this code and message. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
