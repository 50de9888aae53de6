import { Field, ID, ObjectType } from 'type-graphql';
import type { IdentityError } from './identity.errors.js';
import { IdentityUserError } from './identity.errors.js';
import { Session, User } from './user.type.js';
import { ApiKey, Invitation, Workspace, WorkspaceMembership } from './workspace.type.js';
import { PartnerMembership, PartnerOrg } from '../partners/partnerOrg.type.js';

@ObjectType()
export class UserPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => User, { nullable: true })
  user!: User | null;
}

@ObjectType()
export class ErrorsOnlyPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];
}

@ObjectType()
export class SessionRevokePayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => Session, { nullable: true })
  session!: Session | null;
}

@ObjectType()
export class WorkspacePayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => Workspace, { nullable: true })
  workspace!: Workspace | null;
}

@ObjectType()
export class PartnerOrgPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg!: PartnerOrg | null;
}

@ObjectType()
export class WorkspaceMembershipPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => WorkspaceMembership, { nullable: true })
  membership!: WorkspaceMembership | null;
}

@ObjectType()
export class PartnerMembershipPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => PartnerMembership, { nullable: true })
  membership!: PartnerMembership | null;
}

@ObjectType()
export class MemberRemovePayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => ID, { nullable: true })
  removedMembershipId!: string | null;
}

@ObjectType()
export class InvitationPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => Invitation, { nullable: true })
  invitation!: Invitation | null;
}

@ObjectType()
export class InvitationAcceptPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => Workspace, { nullable: true })
  workspace!: Workspace | null;

  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg!: PartnerOrg | null;
}

@ObjectType()
export class ApiKeyPayload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];

  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The full key. Returned once, at creation; store it now.' })
  secret!: string | null;
}
