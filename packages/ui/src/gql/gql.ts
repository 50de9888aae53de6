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
    "query Me {\n  me {\n    id\n    email\n    name\n    emailVerified\n    platformRole\n    isEndUser\n    currentSession {\n      id\n    }\n  }\n}\n\nmutation SessionLogout {\n  sessionLogout {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nsubscription SessionRevoked {\n  sessionRevoked {\n    sessionId\n    reason\n  }\n}": typeof types.MeDocument,
    "query AccountPage {\n  me {\n    id\n    name\n    email\n    emailVerified\n    createdAt\n    sessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      userAgent\n      ipAddress\n      current\n    }\n  }\n}\n\nmutation SessionRevoke($sessionId: ID!) {\n  sessionRevoke(input: {sessionId: $sessionId}) {\n    session {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation EmailVerificationSend {\n  emailVerificationSend {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.AccountPageDocument,
    "mutation PasswordResetRequest($email: String!) {\n  passwordResetRequest(input: {email: $email}) {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.PasswordResetRequestDocument,
    "query InvitationPreview($token: String!) {\n  invitationPreview(token: $token) {\n    email\n    role\n    targetName\n    targetKind\n    status\n  }\n  me {\n    id\n    email\n  }\n}\n\nmutation InvitationAccept($token: String!) {\n  invitationAccept(input: {token: $token}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.InvitationPreviewDocument,
    "mutation SessionLogin($email: String!, $password: String!) {\n  sessionLogin(input: {email: $email, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.SessionLoginDocument,
    "mutation PasswordReset($token: String!, $password: String!) {\n  passwordReset(input: {token: $token, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.PasswordResetDocument,
    "mutation AccountSignup($email: String!, $password: String!, $name: String!) {\n  accountSignup(input: {email: $email, password: $password, name: $name}) {\n    user {\n      id\n      email\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.AccountSignupDocument,
    "mutation EmailVerify($token: String!) {\n  emailVerify(input: {token: $token}) {\n    user {\n      id\n      email\n      emailVerified\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.EmailVerifyDocument,
};
const documents: Documents = {
    "query Me {\n  me {\n    id\n    email\n    name\n    emailVerified\n    platformRole\n    isEndUser\n    currentSession {\n      id\n    }\n  }\n}\n\nmutation SessionLogout {\n  sessionLogout {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nsubscription SessionRevoked {\n  sessionRevoked {\n    sessionId\n    reason\n  }\n}": types.MeDocument,
    "query AccountPage {\n  me {\n    id\n    name\n    email\n    emailVerified\n    createdAt\n    sessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      userAgent\n      ipAddress\n      current\n    }\n  }\n}\n\nmutation SessionRevoke($sessionId: ID!) {\n  sessionRevoke(input: {sessionId: $sessionId}) {\n    session {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation EmailVerificationSend {\n  emailVerificationSend {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.AccountPageDocument,
    "mutation PasswordResetRequest($email: String!) {\n  passwordResetRequest(input: {email: $email}) {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.PasswordResetRequestDocument,
    "query InvitationPreview($token: String!) {\n  invitationPreview(token: $token) {\n    email\n    role\n    targetName\n    targetKind\n    status\n  }\n  me {\n    id\n    email\n  }\n}\n\nmutation InvitationAccept($token: String!) {\n  invitationAccept(input: {token: $token}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.InvitationPreviewDocument,
    "mutation SessionLogin($email: String!, $password: String!) {\n  sessionLogin(input: {email: $email, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.SessionLoginDocument,
    "mutation PasswordReset($token: String!, $password: String!) {\n  passwordReset(input: {token: $token, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.PasswordResetDocument,
    "mutation AccountSignup($email: String!, $password: String!, $name: String!) {\n  accountSignup(input: {email: $email, password: $password, name: $name}) {\n    user {\n      id\n      email\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.AccountSignupDocument,
    "mutation EmailVerify($token: String!) {\n  emailVerify(input: {token: $token}) {\n    user {\n      id\n      email\n      emailVerified\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.EmailVerifyDocument,
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
export function graphql(source: "query Me {\n  me {\n    id\n    email\n    name\n    emailVerified\n    platformRole\n    isEndUser\n    currentSession {\n      id\n    }\n  }\n}\n\nmutation SessionLogout {\n  sessionLogout {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nsubscription SessionRevoked {\n  sessionRevoked {\n    sessionId\n    reason\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    email\n    name\n    emailVerified\n    platformRole\n    isEndUser\n    currentSession {\n      id\n    }\n  }\n}\n\nmutation SessionLogout {\n  sessionLogout {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nsubscription SessionRevoked {\n  sessionRevoked {\n    sessionId\n    reason\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountPage {\n  me {\n    id\n    name\n    email\n    emailVerified\n    createdAt\n    sessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      userAgent\n      ipAddress\n      current\n    }\n  }\n}\n\nmutation SessionRevoke($sessionId: ID!) {\n  sessionRevoke(input: {sessionId: $sessionId}) {\n    session {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation EmailVerificationSend {\n  emailVerificationSend {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["query AccountPage {\n  me {\n    id\n    name\n    email\n    emailVerified\n    createdAt\n    sessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      userAgent\n      ipAddress\n      current\n    }\n  }\n}\n\nmutation SessionRevoke($sessionId: ID!) {\n  sessionRevoke(input: {sessionId: $sessionId}) {\n    session {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}\n\nmutation EmailVerificationSend {\n  emailVerificationSend {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordResetRequest($email: String!) {\n  passwordResetRequest(input: {email: $email}) {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation PasswordResetRequest($email: String!) {\n  passwordResetRequest(input: {email: $email}) {\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvitationPreview($token: String!) {\n  invitationPreview(token: $token) {\n    email\n    role\n    targetName\n    targetKind\n    status\n  }\n  me {\n    id\n    email\n  }\n}\n\nmutation InvitationAccept($token: String!) {\n  invitationAccept(input: {token: $token}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["query InvitationPreview($token: String!) {\n  invitationPreview(token: $token) {\n    email\n    role\n    targetName\n    targetKind\n    status\n  }\n  me {\n    id\n    email\n  }\n}\n\nmutation InvitationAccept($token: String!) {\n  invitationAccept(input: {token: $token}) {\n    workspace {\n      id\n      name\n      kind\n    }\n    partnerOrg {\n      id\n      name\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SessionLogin($email: String!, $password: String!) {\n  sessionLogin(input: {email: $email, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation SessionLogin($email: String!, $password: String!) {\n  sessionLogin(input: {email: $email, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordReset($token: String!, $password: String!) {\n  passwordReset(input: {token: $token, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation PasswordReset($token: String!, $password: String!) {\n  passwordReset(input: {token: $token, password: $password}) {\n    user {\n      id\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountSignup($email: String!, $password: String!, $name: String!) {\n  accountSignup(input: {email: $email, password: $password, name: $name}) {\n    user {\n      id\n      email\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation AccountSignup($email: String!, $password: String!, $name: String!) {\n  accountSignup(input: {email: $email, password: $password, name: $name}) {\n    user {\n      id\n      email\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EmailVerify($token: String!) {\n  emailVerify(input: {token: $token}) {\n    user {\n      id\n      email\n      emailVerified\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation EmailVerify($token: String!) {\n  emailVerify(input: {token: $token}) {\n    user {\n      id\n      email\n      emailVerified\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;