import { Field, InputType } from 'type-graphql';

@InputType()
export class PartnerOrgCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  website?: string | null;
}
