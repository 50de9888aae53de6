/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query BuyerViewer {\n  me {\n    id\n    isEndUser\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": typeof types.BuyerViewerDocument,
    "mutation BuyerWorkspaceCreate($name: String!) {\n  workspaceCreate(input: {name: $name, kind: BUYER}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.BuyerWorkspaceCreateDocument,
    "query WorkspacePage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    slug\n    kind\n    status\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery WorkspaceApiKeys($id: ID!) {\n  workspace(id: $id) {\n    id\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      tier\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n}\n\nmutation ApiKeyCreate($workspaceId: ID!, $name: String!, $scopes: [String!]) {\n  apiKeyCreate(input: {workspaceId: $workspaceId, name: $name, scopes: $scopes}) {\n    apiKey {\n      id\n      name\n      prefix\n    }\n    secret\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation ApiKeyRevoke($apiKeyId: ID!) {\n  apiKeyRevoke(input: {apiKeyId: $apiKeyId}) {\n    apiKey {\n      id\n      revokedAt\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.WorkspacePageDocument,
};
const documents: Documents = {
    "query BuyerViewer {\n  me {\n    id\n    isEndUser\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": types.BuyerViewerDocument,
    "mutation BuyerWorkspaceCreate($name: String!) {\n  workspaceCreate(input: {name: $name, kind: BUYER}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.BuyerWorkspaceCreateDocument,
    "query WorkspacePage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    slug\n    kind\n    status\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery WorkspaceApiKeys($id: ID!) {\n  workspace(id: $id) {\n    id\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      tier\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n}\n\nmutation ApiKeyCreate($workspaceId: ID!, $name: String!, $scopes: [String!]) {\n  apiKeyCreate(input: {workspaceId: $workspaceId, name: $name, scopes: $scopes}) {\n    apiKey {\n      id\n      name\n      prefix\n    }\n    secret\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation ApiKeyRevoke($apiKeyId: ID!) {\n  apiKeyRevoke(input: {apiKeyId: $apiKeyId}) {\n    apiKey {\n      id\n      revokedAt\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.WorkspacePageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BuyerViewer {\n  me {\n    id\n    isEndUser\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"): (typeof documents)["query BuyerViewer {\n  me {\n    id\n    isEndUser\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BuyerWorkspaceCreate($name: String!) {\n  workspaceCreate(input: {name: $name, kind: BUYER}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation BuyerWorkspaceCreate($name: String!) {\n  workspaceCreate(input: {name: $name, kind: BUYER}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkspacePage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    slug\n    kind\n    status\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery WorkspaceApiKeys($id: ID!) {\n  workspace(id: $id) {\n    id\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      tier\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n}\n\nmutation ApiKeyCreate($workspaceId: ID!, $name: String!, $scopes: [String!]) {\n  apiKeyCreate(input: {workspaceId: $workspaceId, name: $name, scopes: $scopes}) {\n    apiKey {\n      id\n      name\n      prefix\n    }\n    secret\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation ApiKeyRevoke($apiKeyId: ID!) {\n  apiKeyRevoke(input: {apiKeyId: $apiKeyId}) {\n    apiKey {\n      id\n      revokedAt\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["query WorkspacePage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    slug\n    kind\n    status\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery WorkspaceApiKeys($id: ID!) {\n  workspace(id: $id) {\n    id\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      tier\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n}\n\nmutation ApiKeyCreate($workspaceId: ID!, $name: String!, $scopes: [String!]) {\n  apiKeyCreate(input: {workspaceId: $workspaceId, name: $name, scopes: $scopes}) {\n    apiKey {\n      id\n      name\n      prefix\n    }\n    secret\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation ApiKeyRevoke($apiKeyId: ID!) {\n  apiKeyRevoke(input: {apiKeyId: $apiKeyId}) {\n    apiKey {\n      id\n      revokedAt\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;