// Access rules, declared on every operation with @Allow and stored in the schema as field extensions.
// @Allow also attaches the middleware that enforces the rule, so only ruled fields pay for the check;
// a schema with a root field that has no rule does not build (and the role × operation test fails),
// so nothing is reachable by accident. Row-level rules (which workspace, which lead) are
// the services' job, through each module's policy.
import { Kind, type DocumentNode, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import { Extensions, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Principal } from '../auth/principal.js';
import { forbidden, unauthenticated, type AppError } from './errors.js';
import type { Context } from './context.js';

export const Access = {
  /** Anyone, signed in or not. */
  PUBLIC: 'PUBLIC',
  /** A person signed in with a session. */
  USER: 'USER',
  /** A third party with a workspace API key. */
  API_KEY: 'API_KEY',
  /** A platform administrator (a USER with the ADMIN platform role). */
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
} as const;
export type Access = (typeof Access)[keyof typeof Access];

/** Declares who may call an operation or read a field, and enforces it. */
export function Allow(...access: [Access, ...Access[]]): MethodDecorator & PropertyDecorator {
  const extensions = Extensions({ access });
  const middleware = UseMiddleware(enforceAccess);
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    extensions(target, propertyKey, descriptor as TypedPropertyDescriptor<unknown>);
    middleware(target, propertyKey, descriptor as TypedPropertyDescriptor<unknown>);
  };
}

export function accessOf(field: { extensions?: GraphQLFieldConfig<unknown, unknown>['extensions'] } | undefined): Access[] | undefined {
  const access = field?.extensions?.['access'];
  return Array.isArray(access) ? (access as Access[]) : undefined;
}

export function principalSatisfies(principal: Principal, access: readonly Access[]): boolean {
  return access.some((rule) => {
    switch (rule) {
      case Access.PUBLIC:
        return true;
      case Access.USER:
        return principal.kind === 'user';
      case Access.API_KEY:
        return principal.kind === 'apiKey';
      case Access.PLATFORM_ADMIN:
        return principal.kind === 'user' && principal.platformRole === 'ADMIN';
    }
  });
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Checks the rule of the field it is attached to (a root field without one is always denied).
 * Must stay an arrow function: type-graphql treats anything with a `prototype` as a middleware class.
 */
export const enforceAccess: MiddlewareFn<Context> = ({ context, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  const access = accessOf(field);
  if (access === undefined) {
    if (ROOT_TYPES.has(info.parentType.name)) throw forbidden(`No access rule is declared for ${info.fieldName}.`);
    return next();
  }
  if (!principalSatisfies(context.principal, access)) {
    throw context.principal.kind === 'anonymous' ? unauthenticated() : forbidden();
  }
  return next();
};

/** Fails schema construction when a root field has no rule (caught at start-up and in every test run). */
export function assertEveryOperationHasAccess(schema: GraphQLSchema): void {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (!accessOf(field)) missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length) throw new Error(`Operations without an @Allow rule: ${missing.join(', ')}`);
}

/**
 * Access for a subscription document, checked when a client subscribes (middlewares only run per
 * event). Returns the error to send, or undefined when every root field is allowed.
 */
export function subscriptionAccessError(schema: GraphQLSchema, document: DocumentNode, principal: Principal): AppError | undefined {
  const subscriptionType = schema.getSubscriptionType();
  if (!subscriptionType) return undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'subscription') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
      const access = accessOf(subscriptionType.getFields()[selection.name.value]);
      if (!access || !principalSatisfies(principal, access)) return principal.kind === 'anonymous' ? unauthenticated() : forbidden();
    }
  }
  return undefined;
}
