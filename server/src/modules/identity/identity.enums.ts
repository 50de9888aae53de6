import { registerEnumType } from 'type-graphql';

export enum PlatformRoleEnum {
  ADMIN = 'ADMIN',
}
registerEnumType(PlatformRoleEnum, { name: 'PlatformRole', description: 'Platform-wide role.' });

export enum WorkspaceKindEnum {
  BUYER = 'BUYER',
  PROVIDER = 'PROVIDER',
}
registerEnumType(WorkspaceKindEnum, {
  name: 'WorkspaceKind',
  description: 'Buyers buy leads; providers receive routed consumer requests.',
});

export enum WorkspaceRoleEnum {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(WorkspaceRoleEnum, {
  name: 'WorkspaceRole',
  description: 'OWNER > ADMIN > MEMBER. In provider workspaces OWNER and ADMIN are managers, MEMBER a sales user.',
});

export enum PartnerRoleEnum {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}
registerEnumType(PartnerRoleEnum, { name: 'PartnerRole', description: 'OWNER > MEMBER.' });

export enum TenantStatusEnum {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(TenantStatusEnum, { name: 'TenantStatus' });

export enum InvitationStatusEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(InvitationStatusEnum, { name: 'InvitationStatus' });

export enum ApiKeyTierEnum {
  STANDARD = 'STANDARD',
  PRO = 'PRO',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(ApiKeyTierEnum, { name: 'ApiKeyTier', description: 'Quota tier: Standard 60 req/min, Pro 120, Enterprise 300.' });
