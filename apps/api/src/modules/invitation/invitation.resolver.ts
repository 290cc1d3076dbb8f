import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow, Public } from '../../common/auth/authorize.js';
import { EmailTakenError, InvalidCredentialsError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../common/errors/error-results.js';
import { Partner } from '../partner/partner.entity.js';
import { PartnerSuccess } from '../partner/partner.types.js';
import { InvitationUnusableError } from './invitation.errors.js';
import {
  acceptInvitation,
  claimInvitation,
  createPartnerAdmin,
  declineInvitation,
  latestInvitation,
  previewInvitation,
  revokePartnerInvitation,
  sendPartnerInvitation,
} from './invitation.service.js';
import { InvitationPreview, PartnerInvitationInfo } from './invitation.types.js';
import { Organization } from '../organization/organization.entity.js';
import { loaderById } from '../../common/context/loaders.js';

@InputType({ description: 'Send (or re-send) a partner\'s invitation.' })
class SendPartnerInvitationInput {
  @Field(() => ID, { description: 'The unclaimed partner.' })
  partnerId!: string;

  @Field(() => String, { nullable: true, description: 'Recipient; defaults to the previous invitation\'s address, then the partner\'s e-mail.' })
  email?: string | null;
}

@InputType({ description: 'Withdraw a partner\'s open invitation.' })
class RevokePartnerInvitationInput {
  @Field(() => ID, { description: 'The partner.' })
  partnerId!: string;
}

@InputType({ description: 'The partner admin\'s login, created directly by the principal instead of an invitation.' })
class CreatePartnerAdminInput {
  @Field(() => ID, { description: 'The unclaimed partner.' })
  partnerId!: string;

  @Field(() => String, { description: 'Sign-in e-mail.' })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Initial password; must meet the partner\'s password policy.' })
  password!: string;
}

@InputType({ description: 'Claim the partner organization from an invitation link, creating its first admin.' })
class ClaimInvitationInput {
  @Field(() => String, { description: 'The token from the link.' })
  token!: string;

  @Field(() => String, { description: 'The new admin\'s sign-in e-mail.' })
  email!: string;

  @Field(() => String, { description: 'The new admin\'s name.' })
  name!: string;

  @Field(() => String, { description: 'Password; must meet the partner\'s password policy.' })
  password!: string;
}

@InputType({ description: 'Accept the invitation into an organization that already uses Partner Hub, as one of its admins.' })
class AcceptInvitationInput {
  @Field(() => String, { description: 'The token from the link.' })
  token!: string;

  @Field(() => String, { description: 'E-mail of an admin of the existing organization.' })
  email!: string;

  @Field(() => String, { description: 'That admin\'s password.' })
  password!: string;
}

@InputType({ description: 'Decline an invitation.' })
class DeclineInvitationInput {
  @Field(() => String, { description: 'The token from the link.' })
  token!: string;
}

@ObjectType({ description: 'The invitation was used: the organization is claimed or connected.' })
class ClaimSuccess {
  @Field(() => String, { description: 'The claimed partner organization\'s name.' })
  organizationName!: string;

  @Field(() => String, { description: 'The inviting principal\'s name.' })
  principalName!: string;
}

@ObjectType({ description: 'The invitation was declined.' })
class DeclineSuccess {
  @Field(() => Boolean, { description: 'Always true.' })
  declined!: boolean;
}

const InvitePartnerResult = createUnionType({
  name: 'InvitePartnerResult',
  description: 'The outcome of an invitation change.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError] as const,
});
const CreatePartnerAdminResult = createUnionType({
  name: 'CreatePartnerAdminResult',
  description: 'The outcome of createPartnerAdmin.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError, EmailTakenError] as const,
});
const ClaimInvitationResult = createUnionType({
  name: 'ClaimInvitationResult',
  description: 'The outcome of claimInvitation.',
  types: () => [ClaimSuccess, ValidationError, InvitationUnusableError, EmailTakenError] as const,
});
const AcceptInvitationResult = createUnionType({
  name: 'AcceptInvitationResult',
  description: 'The outcome of acceptInvitation.',
  types: () => [ClaimSuccess, ValidationError, InvitationUnusableError, InvalidCredentialsError, TooManyAttemptsError] as const,
});
const DeclineInvitationResult = createUnionType({
  name: 'DeclineInvitationResult',
  description: 'The outcome of declineInvitation.',
  types: () => [DeclineSuccess, InvitationUnusableError] as const,
});

const partnerSuccess = (partner: Partner) => Object.assign(new PartnerSuccess(), { partner });

async function claimed(ctx: RequestContext, partner: Partner): Promise<ClaimSuccess> {
  const [organization, principal] = await loaderById(ctx, Organization).loadMany([partner.organization.id, partner.principal.id]);
  return Object.assign(new ClaimSuccess(), {
    organizationName: organization && !(organization instanceof Error) ? organization.name : '',
    principalName: principal && !(principal instanceof Error) ? principal.name : '',
  });
}

@Resolver(() => Partner)
export class InvitationResolver {
  @Allow('partners:write')
  @Mutation(() => InvitePartnerResult, { description: 'Sends the invitation e-mail (re-sending voids the previous link and starts a new validity).' })
  async sendPartnerInvitation(@Arg('input', () => SendPartnerInvitationInput) input: SendPartnerInvitationInput, @Ctx() ctx: RequestContext): Promise<typeof InvitePartnerResult> {
    return partnerSuccess(await sendPartnerInvitation(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => InvitePartnerResult, { description: 'Withdraws the open invitation; its link stops working.' })
  async revokePartnerInvitation(@Arg('input', () => RevokePartnerInvitationInput) input: RevokePartnerInvitationInput, @Ctx() ctx: RequestContext): Promise<typeof InvitePartnerResult> {
    return partnerSuccess(await revokePartnerInvitation(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => CreatePartnerAdminResult, { description: 'Creates the partner admin\'s login directly (instead of an invitation); the partner counts as claimed.' })
  async createPartnerAdmin(@Arg('input', () => CreatePartnerAdminInput) input: CreatePartnerAdminInput, @Ctx() ctx: RequestContext): Promise<typeof CreatePartnerAdminResult> {
    return partnerSuccess(await createPartnerAdmin(ctx, input));
  }

  @Public()
  @Query(() => InvitationPreview, { name: 'invitation', description: 'What an invitation link is for and whether it still works (public: the claim page).' })
  invitationByToken(@Arg('token', () => String, { description: 'The token from the link.' }) token: string, @Ctx() ctx: RequestContext): Promise<InvitationPreview> {
    return previewInvitation(ctx, token);
  }

  @Public()
  @Mutation(() => ClaimInvitationResult, { description: 'Claims the partner organization from an invitation link and creates its first admin (public).' })
  async claimInvitation(@Arg('input', () => ClaimInvitationInput) input: ClaimInvitationInput, @Ctx() ctx: RequestContext): Promise<typeof ClaimInvitationResult> {
    return claimed(ctx, await claimInvitation(ctx, input));
  }

  @Public()
  @Mutation(() => AcceptInvitationResult, { description: 'Connects an organization that already uses Partner Hub, on its admin\'s credentials (public).' })
  async acceptInvitation(@Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput, @Ctx() ctx: RequestContext): Promise<typeof AcceptInvitationResult> {
    return claimed(ctx, await acceptInvitation(ctx, input));
  }

  @Public()
  @Mutation(() => DeclineInvitationResult, { description: 'Declines an invitation (public).' })
  async declineInvitation(@Arg('input', () => DeclineInvitationInput) input: DeclineInvitationInput, @Ctx() ctx: RequestContext): Promise<typeof DeclineInvitationResult> {
    await declineInvitation(ctx, input);
    return Object.assign(new DeclineSuccess(), { declined: true });
  }

  @Allow('partners:read')
  @FieldResolver(() => PartnerInvitationInfo, { nullable: true, description: 'The latest invitation, if one was ever sent.' })
  invitation(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<PartnerInvitationInfo | null> {
    return latestInvitation(ctx, partner);
  }
}
