// Errors that leave the API. Expected failures of a business action are `userErrors` in its payload;
// top-level GraphQL errors are only for access and faults, always with one of these codes, and never
// with a stack trace or SQL.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Field, InterfaceType, ObjectType } from 'type-graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this.');
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what = 'That record') => new AppError(ErrorCode.NOT_FOUND, `${what} was not found.`);
export const badInput = (message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message);

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** When the window resets. */
  resetAt: Date;
}

export const rateLimited = (info: RateLimitInfo) =>
  new AppError(ErrorCode.RATE_LIMITED, 'Too many attempts. Try again later.', {
    limit: info.limit,
    remaining: info.remaining,
    resetAt: info.resetAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((info.resetAt.getTime() - Date.now()) / 1000)),
  });

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Produced by Apollo Server itself before execution; all are client mistakes.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Masks anything unexpected as INTERNAL (the original is logged with the request id by the caller),
 * keeps deliberate errors as they are, and strips stack traces everywhere.
 */
export function formatError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    void _stacktrace;
    return { ...formatted, extensions };
  }
  // graphql-armor and validation rules raise plain GraphQLErrors during validation: client mistakes.
  if (original instanceof GraphQLError && !original.originalError && !original.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** An expected failure of a business action, returned in its payload. */
@InterfaceType({ description: 'An expected failure of a business action, reported beside the input field it concerns.' })
export abstract class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field that caused the error.' })
  field!: string[] | null;

  @Field(() => String)
  message!: string;
}

/** Builds the concrete, code-carrying user error type of a module. */
export function defineUserErrorType<TCode extends string>(name: string, codeEnum: object) {
  @ObjectType(name, { implements: UserError })
  class ModuleUserError implements UserError {
    @Field(() => [String], { nullable: true })
    field!: string[] | null;

    @Field(() => String)
    message!: string;

    @Field(() => codeEnum)
    code!: TCode;
  }
  return ModuleUserError;
}

export interface UserErrorShape<TCode extends string = string> {
  field: string[] | null;
  message: string;
  code: TCode;
}

export function userError<TCode extends string>(code: TCode, message: string, field?: string[]): UserErrorShape<TCode> {
  return { code, message, field: field ?? null };
}
