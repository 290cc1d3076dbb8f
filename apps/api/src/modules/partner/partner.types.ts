import { Field, ObjectType } from 'type-graphql';
import { Partner } from './partner.entity.js';

@ObjectType({ description: 'The partner after a successful change.' })
export class PartnerSuccess {
  @Field(() => Partner, { description: 'The partner as it is now.' })
  partner!: Partner;
}
