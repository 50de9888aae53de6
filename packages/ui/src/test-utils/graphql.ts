import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { graphql, HttpResponse, type GraphQLHandler } from 'msw';

/**
 * Response data as a server sends it: the generated operation types plus optional `__typename`s
 * (Apollo adds `__typename` to every selection and normalizes the cache with it).
 */
export type WithTypename<T> = T extends readonly (infer U)[]
  ? readonly WithTypename<U>[]
  : T extends object
    ? { [K in keyof T]: WithTypename<T[K]> } & { __typename?: string }
    : T;

export type Resolver<TData, TVariables> =
  WithTypename<TData> | ((variables: TVariables) => WithTypename<TData> | Promise<WithTypename<TData>>);

function operationOf(document: TypedDocumentNode<unknown, never>): OperationDefinitionNode {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation?.name) throw new Error('mock helpers need a named operation');
  return operation;
}

/** The operation name msw matches on (e.g. `Me` for `query Me { … }`). */
export function operationName(document: TypedDocumentNode<unknown, never>): string {
  return operationOf(document).name?.value ?? '';
}

function handlerFor(document: TypedDocumentNode<unknown, never>) {
  const operation = operationOf(document);
  if (operation.operation === 'query') return graphql.query;
  if (operation.operation === 'mutation') return graphql.mutation;
  throw new Error('subscriptions are mocked with mockSubscriptions()');
}

// The API runs Apollo's CSRF prevention: requests without this header are refused, like here.
const CSRF_HEADER = 'apollo-require-preflight';

const CSRF_MESSAGE = 'This operation has been blocked as a potential CSRF.';

/**
 * Answers the query or mutation of `document`, by operation name, with fixed data or with a
 * function of the variables.
 */
export function mockOperation<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  // NoInfer over the whole function: the types come from the document alone, so literals in the
  // returned object keep their literal types (enums) instead of widening to string.
  resolve: NoInfer<(variables: TVariables) => WithTypename<TData> | Promise<WithTypename<TData>>>,
): GraphQLHandler;
export function mockOperation<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  data: NoInfer<WithTypename<TData>>,
): GraphQLHandler;
export function mockOperation<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  resolver: Resolver<TData, TVariables>,
): GraphQLHandler {
  const name = operationName(document as TypedDocumentNode<unknown, never>);
  return handlerFor(document as TypedDocumentNode<unknown, never>)(name, async ({ variables, request }) => {
    if (request.headers.get(CSRF_HEADER) !== 'true') {
      return HttpResponse.json({ errors: [{ message: CSRF_MESSAGE }] }, { status: 400 });
    }
    const data =
      typeof resolver === 'function'
        ? await (resolver as (v: TVariables) => WithTypename<TData> | Promise<WithTypename<TData>>)(variables as TVariables)
        : resolver;
    return HttpResponse.json({ data: data as Record<string, unknown> });
  });
}

/** Fails the operation of `document` with a top-level GraphQL error carrying `extensions.code`. */
export function mockOperationError<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  code: string,
  message = `Mock ${code}`,
): GraphQLHandler {
  const doc = document as TypedDocumentNode<unknown, never>;
  return handlerFor(doc)(operationName(doc), () => HttpResponse.json({ data: null, errors: [{ message, extensions: { code } }] }));
}
