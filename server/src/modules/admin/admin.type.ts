import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { PlatformRoleEnum, TenantStatusEnum, WorkspaceKindEnum } from '../identity/identity.enums.js';

@ObjectType({ implements: Node, description: "A person's account as platform admins see it." })
export class AdminUser implements Node {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) emailVerified!: boolean;
  @Field(() => PlatformRoleEnum, { nullable: true }) platformRole!: PlatformRoleEnum | null;
  @Field(() => String) status!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => Int) workspaceCount!: number;
  @Field(() => Int) partnerOrgCount!: number;
}

@ObjectType({ implements: Node })
export class AdminWorkspace implements Node {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => WorkspaceKindEnum) kind!: WorkspaceKindEnum;
  @Field(() => TenantStatusEnum) status!: TenantStatusEnum;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Int) memberCount!: number;
}

@ObjectType({ implements: Node })
export class AdminPartnerOrg implements Node {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => TenantStatusEnum) status!: TenantStatusEnum;
  @Field(() => Boolean) uploadsSuspended!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Int) memberCount!: number;
}

@ObjectType({ implements: Node, description: 'A message caught by the local dev mailbox (local mail mode).' })
export class DevMailboxMessage implements Node {
  @Field(() => ID) id!: string;
  @Field(() => String) messageId!: string;
  @Field(() => String) from!: string;
  @Field(() => [String]) to!: string[];
  @Field(() => String) subject!: string;
  @Field(() => String, { nullable: true }) textBody!: string | null;
  @Field(() => String, { nullable: true }) htmlBody!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;

  static from(row: {
    id: string;
    messageId: string;
    fromAddress: string;
    toAddresses: string[];
    subject: string;
    textBody: string | null;
    htmlBody: string | null;
    receivedAt: Date;
  }): DevMailboxMessage {
    return Object.assign(new DevMailboxMessage(), {
      id: toGlobalId('DevMailboxMessage', row.id),
      messageId: row.messageId,
      from: row.fromAddress,
      to: row.toAddresses,
      subject: row.subject,
      textBody: row.textBody,
      htmlBody: row.htmlBody,
      receivedAt: row.receivedAt,
    });
  }
}

export const AdminUserConnection = connectionType('AdminUser', AdminUser);
export const AdminWorkspaceConnection = connectionType('AdminWorkspace', AdminWorkspace);
export const AdminPartnerOrgConnection = connectionType('AdminPartnerOrg', AdminPartnerOrg);
export const DevMailboxMessageConnection = connectionType('DevMailboxMessage', DevMailboxMessage);
