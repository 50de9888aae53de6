import { Field, ID, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { PlatformRoleEnum } from './identity.enums.js';

/** The signed-in person's own account (reached through `me`). */
@ObjectType({ implements: Node, description: 'A person with a Hotlead account, as seen by themselves.' })
export class User implements Node {
  @Field(() => ID)
  id!: string;

  /** Raw database id, for field resolvers. */
  rawId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  emailVerified!: boolean;

  @Field(() => PlatformRoleEnum, { nullable: true })
  platformRole!: PlatformRoleEnum | null;

  @Field(() => Boolean, { description: 'True when the person uses the consumer side (service requests).' })
  isEndUser!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: {
    id: string;
    email: string;
    name: string;
    emailVerifiedAt: Date | null;
    platformRole: 'ADMIN' | null;
    createdAt: Date;
    endUserProfile: { userId: string } | null;
  }): User {
    return Object.assign(new User(), {
      id: toGlobalId('User', row.id),
      rawId: row.id,
      email: row.email,
      name: row.name,
      emailVerified: row.emailVerifiedAt !== null,
      platformRole: row.platformRole as PlatformRoleEnum | null,
      isEndUser: row.endUserProfile !== null,
      createdAt: row.createdAt,
    });
  }
}

export const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  emailVerifiedAt: true,
  platformRole: true,
  createdAt: true,
  endUserProfile: { select: { userId: true } },
} as const;

/** What a fellow member (or an inviter) is shown of a person. */
@ObjectType({ description: 'The limited view of a fellow member of a workspace or partner org.' })
export class MemberUser {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  static from(row: { id: string; name: string; email: string }): MemberUser {
    return Object.assign(new MemberUser(), { id: toGlobalId('User', row.id), name: row.name, email: row.email });
  }
}

@ObjectType({ implements: Node, description: 'A signed-in browser or API client.' })
export class Session implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field(() => Boolean, { description: 'True for the session making this request.' })
  current!: boolean;

  static from(
    row: { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; userAgent: string | null; ipAddress: string | null },
    currentSessionId: string | null,
  ): Session {
    return Object.assign(new Session(), {
      ...row,
      id: toGlobalId('Session', row.id),
      rawId: row.id,
      current: row.id === currentSessionId,
    });
  }
}

@ObjectType({ description: 'A session of the viewer was revoked.' })
export class SessionRevokedEvent {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => String, { description: 'logout, revoked, password_reset or admin.' })
  reason!: string;
}
