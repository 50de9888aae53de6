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
    "query AdminViewer {\n  me {\n    id\n    platformRole\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": typeof types.AdminViewerDocument,
    "query DevMailboxMessage($id: ID!) {\n  devMailboxMessage(id: $id) {\n    id\n    messageId\n    from\n    to\n    subject\n    textBody\n    htmlBody\n    receivedAt\n  }\n}": typeof types.DevMailboxMessageDocument,
    "query DevMailbox($first: Int!, $after: String, $search: String) {\n  devMailbox(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        from\n        to\n        subject\n        receivedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": typeof types.DevMailboxDocument,
    "query AdminPartnerOrgs($first: Int!, $after: String, $search: String) {\n  adminPartnerOrgs(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        status\n        uploadsSuspended\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": typeof types.AdminPartnerOrgsDocument,
    "query ProviderMembersPage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    kind\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}": typeof types.ProviderMembersPageDocument,
    "query AdminUsers($first: Int!, $after: String, $search: String) {\n  adminUsers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        email\n        name\n        emailVerified\n        platformRole\n        status\n        createdAt\n        lastLoginAt\n        workspaceCount\n        partnerOrgCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": typeof types.AdminUsersDocument,
    "query AdminWorkspaces($first: Int!, $after: String, $search: String, $kind: WorkspaceKind) {\n  adminWorkspaces(first: $first, after: $after, search: $search, kind: $kind) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        kind\n        status\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": typeof types.AdminWorkspacesDocument,
};
const documents: Documents = {
    "query AdminViewer {\n  me {\n    id\n    platformRole\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": types.AdminViewerDocument,
    "query DevMailboxMessage($id: ID!) {\n  devMailboxMessage(id: $id) {\n    id\n    messageId\n    from\n    to\n    subject\n    textBody\n    htmlBody\n    receivedAt\n  }\n}": types.DevMailboxMessageDocument,
    "query DevMailbox($first: Int!, $after: String, $search: String) {\n  devMailbox(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        from\n        to\n        subject\n        receivedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": types.DevMailboxDocument,
    "query AdminPartnerOrgs($first: Int!, $after: String, $search: String) {\n  adminPartnerOrgs(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        status\n        uploadsSuspended\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": types.AdminPartnerOrgsDocument,
    "query ProviderMembersPage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    kind\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}": types.ProviderMembersPageDocument,
    "query AdminUsers($first: Int!, $after: String, $search: String) {\n  adminUsers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        email\n        name\n        emailVerified\n        platformRole\n        status\n        createdAt\n        lastLoginAt\n        workspaceCount\n        partnerOrgCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": types.AdminUsersDocument,
    "query AdminWorkspaces($first: Int!, $after: String, $search: String, $kind: WorkspaceKind) {\n  adminWorkspaces(first: $first, after: $after, search: $search, kind: $kind) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        kind\n        status\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}": types.AdminWorkspacesDocument,
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
export function graphql(source: "query AdminViewer {\n  me {\n    id\n    platformRole\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"): (typeof documents)["query AdminViewer {\n  me {\n    id\n    platformRole\n    workspaceMemberships {\n      id\n      role\n      workspace {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DevMailboxMessage($id: ID!) {\n  devMailboxMessage(id: $id) {\n    id\n    messageId\n    from\n    to\n    subject\n    textBody\n    htmlBody\n    receivedAt\n  }\n}"): (typeof documents)["query DevMailboxMessage($id: ID!) {\n  devMailboxMessage(id: $id) {\n    id\n    messageId\n    from\n    to\n    subject\n    textBody\n    htmlBody\n    receivedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DevMailbox($first: Int!, $after: String, $search: String) {\n  devMailbox(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        from\n        to\n        subject\n        receivedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"): (typeof documents)["query DevMailbox($first: Int!, $after: String, $search: String) {\n  devMailbox(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        from\n        to\n        subject\n        receivedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminPartnerOrgs($first: Int!, $after: String, $search: String) {\n  adminPartnerOrgs(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        status\n        uploadsSuspended\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"): (typeof documents)["query AdminPartnerOrgs($first: Int!, $after: String, $search: String) {\n  adminPartnerOrgs(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        status\n        uploadsSuspended\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProviderMembersPage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    kind\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}"): (typeof documents)["query ProviderMembersPage($id: ID!) {\n  workspace(id: $id) {\n    id\n    name\n    kind\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminUsers($first: Int!, $after: String, $search: String) {\n  adminUsers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        email\n        name\n        emailVerified\n        platformRole\n        status\n        createdAt\n        lastLoginAt\n        workspaceCount\n        partnerOrgCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"): (typeof documents)["query AdminUsers($first: Int!, $after: String, $search: String) {\n  adminUsers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        id\n        email\n        name\n        emailVerified\n        platformRole\n        status\n        createdAt\n        lastLoginAt\n        workspaceCount\n        partnerOrgCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminWorkspaces($first: Int!, $after: String, $search: String, $kind: WorkspaceKind) {\n  adminWorkspaces(first: $first, after: $after, search: $search, kind: $kind) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        kind\n        status\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"): (typeof documents)["query AdminWorkspaces($first: Int!, $after: String, $search: String, $kind: WorkspaceKind) {\n  adminWorkspaces(first: $first, after: $after, search: $search, kind: $kind) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        slug\n        kind\n        status\n        createdAt\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsEstimate\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;