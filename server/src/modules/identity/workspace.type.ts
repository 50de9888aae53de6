import { Field, ID, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { ApiKeyTierEnum, InvitationStatusEnum, TenantStatusEnum, WorkspaceKindEnum, WorkspaceRoleEnum } from './identity.enums.js';

@ObjectType({ implements: Node, description: 'A buyer or provider organisation.' })
export class Workspace implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => WorkspaceKindEnum)
  kind!: WorkspaceKindEnum;

  @Field(() => TenantStatusEnum)
  status!: TenantStatusEnum;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: { id: string; name: string; slug: string; kind: string; status: string; createdAt: Date }): Workspace {
    return Object.assign(new Workspace(), {
      id: toGlobalId('Workspace', row.id),
      rawId: row.id,
      name: row.name,
      slug: row.slug,
      kind: row.kind as WorkspaceKindEnum,
      status: row.status as TenantStatusEnum,
      createdAt: row.createdAt,
    });
  }
}

export const WORKSPACE_SELECT = { id: true, name: true, slug: true, kind: true, status: true, createdAt: true } as const;

@ObjectType({ implements: Node, description: "A person's role in a workspace." })
export class WorkspaceMembership implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;
  userRawId!: string;
  workspaceRawId!: string;

  @Field(() => WorkspaceRoleEnum)
  role!: WorkspaceRoleEnum;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: { id: string; userId: string; workspaceId: string; role: string; createdAt: Date }): WorkspaceMembership {
    return Object.assign(new WorkspaceMembership(), {
      id: toGlobalId('WorkspaceMembership', row.id),
      rawId: row.id,
      userRawId: row.userId,
      workspaceRawId: row.workspaceId,
      role: row.role as WorkspaceRoleEnum,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ implements: Node, description: 'An invitation to join a workspace or partner org.' })
export class Invitation implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;
  invitedByRawId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'The role the invitee gets: OWNER, ADMIN or MEMBER.' })
  role!: string;

  @Field(() => InvitationStatusEnum)
  status!: InvitationStatusEnum;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => String)
  targetName!: string;

  @Field(() => String, { description: 'WORKSPACE or PARTNER_ORG.' })
  targetKind!: string;

  static from(row: {
    id: string;
    email: string;
    role: string;
    expiresAt: Date;
    createdAt: Date;
    acceptedAt: Date | null;
    revokedAt: Date | null;
    invitedById: string;
    workspace: { name: string } | null;
    partnerOrg: { name: string } | null;
  }): Invitation {
    return Object.assign(new Invitation(), {
      id: toGlobalId('Invitation', row.id),
      rawId: row.id,
      invitedByRawId: row.invitedById,
      email: row.email,
      role: row.role,
      status: invitationStatus(row),
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
      targetName: row.workspace?.name ?? row.partnerOrg?.name ?? '',
      targetKind: row.workspace ? 'WORKSPACE' : 'PARTNER_ORG',
    });
  }
}

export function invitationStatus(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationStatusEnum {
  if (row.acceptedAt) return InvitationStatusEnum.ACCEPTED;
  if (row.revokedAt) return InvitationStatusEnum.REVOKED;
  if (row.expiresAt <= new Date()) return InvitationStatusEnum.EXPIRED;
  return InvitationStatusEnum.PENDING;
}

export const INVITATION_SELECT = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  createdAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedById: true,
  workspace: { select: { name: true } },
  partnerOrg: { select: { name: true } },
} as const;

@ObjectType({ description: 'What the holder of an invitation link is shown before accepting.' })
export class InvitationPreview {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String)
  targetName!: string;

  @Field(() => String)
  targetKind!: string;

  @Field(() => InvitationStatusEnum)
  status!: InvitationStatusEnum;
}

@ObjectType({ implements: Node, description: 'A workspace API key. The secret is shown only once, at creation.' })
export class ApiKey implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => ApiKeyTierEnum)
  tier!: ApiKeyTierEnum;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  static from(row: {
    id: string;
    name: string;
    prefix: string;
    scopes: string[];
    tier: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }): ApiKey {
    return Object.assign(new ApiKey(), { ...row, id: toGlobalId('ApiKey', row.id), rawId: row.id, tier: row.tier as ApiKeyTierEnum });
  }
}

export const API_KEY_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  tier: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;
