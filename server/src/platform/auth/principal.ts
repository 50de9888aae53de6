// Who is making a request. Resolved once per HTTP request or subscription connection.

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      platformRole: 'ADMIN' | null;
    }
  | {
      kind: 'apiKey';
      apiKeyId: string;
      workspaceId: string;
      scopes: string[];
      tier: 'STANDARD' | 'PRO' | 'ENTERPRISE';
    };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type ApiKeyPrincipal = Extract<Principal, { kind: 'apiKey' }>;

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.kind === 'user' && principal.platformRole === 'ADMIN';
}
