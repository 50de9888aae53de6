import { Field, ID, ObjectType } from 'type-graphql';
import type { IdentityError } from './identity.errors.js';
import { IdentityUserError } from './identity.errors.js';
import { Session, User } from './user.type.js';
import { ApiKey, Invitation, Workspace, WorkspaceMembership } from './workspace.type.js';
import { PartnerMembership, PartnerOrg } from '../partners/partnerOrg.type.js';

@ObjectType({ isAbstract: true })
abstract class Payload {
  @Field(() => [IdentityUserError])
  userErrors!: IdentityError[];
}

@ObjectType()
export class UserPayload extends Payload {
  @Field(() => User, { nullable: true })
  user!: User | null;
}

@ObjectType()
export class ErrorsOnlyPayload extends Payload {}

@ObjectType()
export class SessionRevokePayload extends Payload {
  @Field(() => Session, { nullable: true })
  session!: Session | null;
}

@ObjectType()
export class WorkspacePayload extends Payload {
  @Field(() => Workspace, { nullable: true })
  workspace!: Workspace | null;
}

@ObjectType()
export class PartnerOrgPayload extends Payload {
  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg!: PartnerOrg | null;
}

@ObjectType()
export class WorkspaceMembershipPayload extends Payload {
  @Field(() => WorkspaceMembership, { nullable: true })
  membership!: WorkspaceMembership | null;
}

@ObjectType()
export class PartnerMembershipPayload extends Payload {
  @Field(() => PartnerMembership, { nullable: true })
  membership!: PartnerMembership | null;
}

@ObjectType()
export class MemberRemovePayload extends Payload {
  @Field(() => ID, { nullable: true })
  removedMembershipId!: string | null;
}

@ObjectType()
export class InvitationPayload extends Payload {
  @Field(() => Invitation, { nullable: true })
  invitation!: Invitation | null;
}

@ObjectType()
export class InvitationAcceptPayload extends Payload {
  @Field(() => Workspace, { nullable: true })
  workspace!: Workspace | null;

  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg!: PartnerOrg | null;
}

@ObjectType()
export class ApiKeyPayload extends Payload {
  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The full key. Returned once, at creation; store it now.' })
  secret!: string | null;
}
