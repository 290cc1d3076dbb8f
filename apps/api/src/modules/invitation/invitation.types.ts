import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { PasswordPolicy } from '@partner-hub/domain';
import { PasswordPolicyEnum, enumObject } from '../../common/graphql/enums.js';

export const INVITATION_STATES = ['OPEN', 'EXPIRED', 'USED', 'REVOKED', 'DECLINED', 'UNKNOWN'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const InvitationStateEnum = enumObject<InvitationState>(INVITATION_STATES);
registerEnumType(InvitationStateEnum, {
  name: 'InvitationState',
  description: 'OPEN can be claimed; EXPIRED, USED, REVOKED (withdrawn or replaced by a newer one) and DECLINED cannot; UNKNOWN: no such link.',
});

@ObjectType({ description: 'The latest invitation of a partner, as its principal sees it.' })
export class PartnerInvitationInfo {
  @Field(() => String, { description: 'Where it was sent.' })
  email!: string;

  @Field(() => Date, { description: 'When it was sent.' })
  sentAt!: Date;

  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => InvitationStateEnum, { description: 'Whether it can still be used.' })
  state!: InvitationState;

  @Field(() => String, { description: 'Who sent it.' })
  invitedBy!: string;
}

@ObjectType({ description: 'What the public claim page shows for an invitation link.' })
export class InvitationPreview {
  @Field(() => InvitationStateEnum, { description: 'Whether the link can be used.' })
  state!: InvitationState;

  @Field(() => String, { nullable: true, description: 'The inviting principal (only for an open link).' })
  principalName!: string | null;

  @Field(() => String, { nullable: true, description: 'The partner organization to claim (only for an open link).' })
  partnerName!: string | null;

  @Field(() => String, { nullable: true, description: 'The address the invitation was sent to (only for an open link).' })
  email!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the link expires (only for an open link).' })
  expiresAt!: Date | null;

  @Field(() => PasswordPolicyEnum, { nullable: true, description: 'The password policy the new admin\'s password must meet (only for an open link).' })
  passwordPolicy!: PasswordPolicy | null;
}
