import { Field, ID, InputType } from 'type-graphql';
import { PartnerRoleEnum, WorkspaceKindEnum, WorkspaceRoleEnum } from './identity.enums.js';

@InputType()
export class AccountSignupInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: '10 to 128 characters.' })
  password!: string;

  @Field(() => String)
  name!: string;
}

@InputType()
export class SessionLoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}

@InputType()
export class SessionRevokeInput {
  @Field(() => ID)
  sessionId!: string;
}

@InputType()
export class EmailVerifyInput {
  @Field(() => String)
  token!: string;
}

@InputType()
export class PasswordResetRequestInput {
  @Field(() => String)
  email!: string;
}

@InputType()
export class PasswordResetInput {
  @Field(() => String)
  token!: string;

  @Field(() => String)
  password!: string;
}

@InputType()
export class WorkspaceCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => WorkspaceKindEnum)
  kind!: WorkspaceKindEnum;
}

@InputType()
export class WorkspaceMemberRoleChangeInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => WorkspaceRoleEnum)
  role!: WorkspaceRoleEnum;
}

@InputType()
export class MemberRemoveInput {
  @Field(() => ID)
  membershipId!: string;
}

@InputType()
export class PartnerMemberRoleChangeInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => PartnerRoleEnum)
  role!: PartnerRoleEnum;
}

@InputType({ description: 'Invite into exactly one of a workspace or a partner org.' })
export class InvitationCreateInput {
  @Field(() => ID, { nullable: true })
  workspaceId?: string | null;

  @Field(() => ID, { nullable: true })
  partnerOrgId?: string | null;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'OWNER, ADMIN or MEMBER (partner orgs: OWNER or MEMBER).' })
  role!: string;
}

@InputType()
export class InvitationAcceptInput {
  @Field(() => String)
  token!: string;
}

@InputType()
export class InvitationRevokeInput {
  @Field(() => ID)
  invitationId!: string;
}

@InputType()
export class ApiKeyCreateInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { nullable: true, description: 'marketplace:read, packs:read, packs:query. Default: packs:read.' })
  scopes?: string[] | null;
}

@InputType()
export class ApiKeyRevokeInput {
  @Field(() => ID)
  apiKeyId!: string;
}
