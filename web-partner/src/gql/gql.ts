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
    "query PartnerViewer {\n  me {\n    id\n    partnerMemberships {\n      id\n      role\n      partnerOrg {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.PartnerViewerDocument,
    "mutation PartnerOrgCreate($name: String!, $website: String) {\n  partnerOrgCreate(input: {name: $name, website: $website}) {\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.PartnerOrgCreateDocument,
    "query PartnerOrgPage($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    name\n    slug\n    website\n    status\n    uploadsSuspended\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery PartnerOrgInvitations($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    invitations {\n      id\n      email\n      role\n      status\n      expiresAt\n      createdAt\n      invitedBy {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nmutation PartnerMemberRoleChange($membershipId: ID!, $role: PartnerRole!) {\n  partnerMemberRoleChange(input: {membershipId: $membershipId, role: $role}) {\n    membership {\n      id\n      role\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerMemberRemove($membershipId: ID!) {\n  partnerMemberRemove(input: {membershipId: $membershipId}) {\n    removedMembershipId\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationCreate($partnerOrgId: ID!, $email: String!, $role: String!) {\n  invitationCreate(\n    input: {partnerOrgId: $partnerOrgId, email: $email, role: $role}\n  ) {\n    invitation {\n      id\n      email\n      role\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationRevoke($invitationId: ID!) {\n  invitationRevoke(input: {invitationId: $invitationId}) {\n    invitation {\n      id\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.PartnerOrgPageDocument,
};
const documents: Documents = {
    "query PartnerViewer {\n  me {\n    id\n    partnerMemberships {\n      id\n      role\n      partnerOrg {\n        id\n        name\n      }\n    }\n  }\n}": types.PartnerViewerDocument,
    "mutation PartnerOrgCreate($name: String!, $website: String) {\n  partnerOrgCreate(input: {name: $name, website: $website}) {\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.PartnerOrgCreateDocument,
    "query PartnerOrgPage($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    name\n    slug\n    website\n    status\n    uploadsSuspended\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery PartnerOrgInvitations($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    invitations {\n      id\n      email\n      role\n      status\n      expiresAt\n      createdAt\n      invitedBy {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nmutation PartnerMemberRoleChange($membershipId: ID!, $role: PartnerRole!) {\n  partnerMemberRoleChange(input: {membershipId: $membershipId, role: $role}) {\n    membership {\n      id\n      role\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerMemberRemove($membershipId: ID!) {\n  partnerMemberRemove(input: {membershipId: $membershipId}) {\n    removedMembershipId\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationCreate($partnerOrgId: ID!, $email: String!, $role: String!) {\n  invitationCreate(\n    input: {partnerOrgId: $partnerOrgId, email: $email, role: $role}\n  ) {\n    invitation {\n      id\n      email\n      role\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationRevoke($invitationId: ID!) {\n  invitationRevoke(input: {invitationId: $invitationId}) {\n    invitation {\n      id\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.PartnerOrgPageDocument,
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
export function graphql(source: "query PartnerViewer {\n  me {\n    id\n    partnerMemberships {\n      id\n      role\n      partnerOrg {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query PartnerViewer {\n  me {\n    id\n    partnerMemberships {\n      id\n      role\n      partnerOrg {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PartnerOrgCreate($name: String!, $website: String) {\n  partnerOrgCreate(input: {name: $name, website: $website}) {\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation PartnerOrgCreate($name: String!, $website: String) {\n  partnerOrgCreate(input: {name: $name, website: $website}) {\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PartnerOrgPage($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    name\n    slug\n    website\n    status\n    uploadsSuspended\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery PartnerOrgInvitations($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    invitations {\n      id\n      email\n      role\n      status\n      expiresAt\n      createdAt\n      invitedBy {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nmutation PartnerMemberRoleChange($membershipId: ID!, $role: PartnerRole!) {\n  partnerMemberRoleChange(input: {membershipId: $membershipId, role: $role}) {\n    membership {\n      id\n      role\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerMemberRemove($membershipId: ID!) {\n  partnerMemberRemove(input: {membershipId: $membershipId}) {\n    removedMembershipId\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationCreate($partnerOrgId: ID!, $email: String!, $role: String!) {\n  invitationCreate(\n    input: {partnerOrgId: $partnerOrgId, email: $email, role: $role}\n  ) {\n    invitation {\n      id\n      email\n      role\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationRevoke($invitationId: ID!) {\n  invitationRevoke(input: {invitationId: $invitationId}) {\n    invitation {\n      id\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["query PartnerOrgPage($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    name\n    slug\n    website\n    status\n    uploadsSuspended\n    createdAt\n    viewerRole\n    members {\n      id\n      role\n      createdAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nquery PartnerOrgInvitations($id: ID!) {\n  partnerOrg(id: $id) {\n    id\n    invitations {\n      id\n      email\n      role\n      status\n      expiresAt\n      createdAt\n      invitedBy {\n        id\n        name\n        email\n      }\n    }\n  }\n}\n\nmutation PartnerMemberRoleChange($membershipId: ID!, $role: PartnerRole!) {\n  partnerMemberRoleChange(input: {membershipId: $membershipId, role: $role}) {\n    membership {\n      id\n      role\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerMemberRemove($membershipId: ID!) {\n  partnerMemberRemove(input: {membershipId: $membershipId}) {\n    removedMembershipId\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationCreate($partnerOrgId: ID!, $email: String!, $role: String!) {\n  invitationCreate(\n    input: {partnerOrgId: $partnerOrgId, email: $email, role: $role}\n  ) {\n    invitation {\n      id\n      email\n      role\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation PartnerInvitationRevoke($invitationId: ID!) {\n  invitationRevoke(input: {invitationId: $invitationId}) {\n    invitation {\n      id\n      status\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;