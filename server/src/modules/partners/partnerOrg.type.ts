import { Field, ID, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { PartnerRoleEnum, TenantStatusEnum } from '../identity/identity.enums.js';

@ObjectType({ implements: Node, description: 'A supplier organisation: uploads leads and earns commissions.' })
export class PartnerOrg implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => TenantStatusEnum)
  status!: TenantStatusEnum;

  @Field(() => Boolean, { description: 'True while new uploads are blocked (quality gate or admin action).' })
  uploadsSuspended!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: {
    id: string;
    name: string;
    slug: string;
    website: string | null;
    status: string;
    uploadsSuspended: boolean;
    createdAt: Date;
  }): PartnerOrg {
    return Object.assign(new PartnerOrg(), {
      ...row,
      id: toGlobalId('PartnerOrg', row.id),
      rawId: row.id,
      status: row.status as TenantStatusEnum,
    });
  }
}

export const PARTNER_ORG_SELECT = {
  id: true,
  name: true,
  slug: true,
  website: true,
  status: true,
  uploadsSuspended: true,
  createdAt: true,
} as const;

@ObjectType({ implements: Node, description: "A person's role in a partner org." })
export class PartnerMembership implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;
  userRawId!: string;
  partnerOrgRawId!: string;

  @Field(() => PartnerRoleEnum)
  role!: PartnerRoleEnum;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: { id: string; userId: string; partnerOrgId: string; role: string; createdAt: Date }): PartnerMembership {
    return Object.assign(new PartnerMembership(), {
      id: toGlobalId('PartnerMembership', row.id),
      rawId: row.id,
      userRawId: row.userId,
      partnerOrgRawId: row.partnerOrgId,
      role: row.role as PartnerRoleEnum,
      createdAt: row.createdAt,
    });
  }
}
