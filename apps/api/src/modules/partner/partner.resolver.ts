import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { nodeSelection } from '../../common/graphql/node-selection.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../common/errors/error-results.js';
import { Partner } from './partner.entity.js';
import { PartnerSuccess } from './partner.types.js';
import { PartnerClaimedError, PartnerCycleError } from './partner.errors.js';
import {
  CreatePartnerInput,
  MovePartnerInput,
  PartnerFilter,
  PartnerIdInput,
  PartnerOrder,
  UpdatePartnerAgreementInput,
  UpdatePartnerProfileInput,
  UpdatePartnerSettingsInput,
} from './partner.inputs.js';
import {
  archivePartner,
  createPartner,
  getPartner,
  listPartners,
  movePartner,
  restorePartner,
  updatePartnerAgreement,
  updatePartnerProfile,
  updatePartnerSettings,
} from './partner.service.js';

export const PartnerConnection = Connection(Partner);

const success = (partner: Partner) => Object.assign(new PartnerSuccess(), { partner });

const CreatePartnerResult = createUnionType({
  name: 'CreatePartnerResult',
  description: 'The outcome of createPartner.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError] as const,
});
const UpdatePartnerProfileResult = createUnionType({
  name: 'UpdatePartnerProfileResult',
  description: 'The outcome of updatePartnerProfile.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError, PartnerClaimedError, VersionConflictError] as const,
});
const UpdatePartnerResult = createUnionType({
  name: 'UpdatePartnerResult',
  description: 'The outcome of a change to a partner\'s agreement, settings or archive state.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError, VersionConflictError] as const,
});
const MovePartnerResult = createUnionType({
  name: 'MovePartnerResult',
  description: 'The outcome of movePartner.',
  types: () => [PartnerSuccess, ValidationError, NotFoundError, PartnerCycleError, VersionConflictError] as const,
});

@Resolver(() => Partner)
export class PartnerResolver {
  @Allow('partners:read')
  @Query(() => PartnerConnection, { description: 'Partners the viewer may see: all of a principal\'s, or a partner\'s own subtree.' })
  async partners(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => PartnerFilter, { nullable: true, description: 'Narrows the list.' }) filter?: PartnerFilter | null,
    @Arg('orderBy', () => PartnerOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' }) orderBy?: PartnerOrder | null,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listPartners(ctx, filter ?? {}, orderBy ?? { field: 'NAME', direction: 'ASC' }, first, after, info ? nodeSelection(info, Partner) : undefined);
  }

  @Allow('partners:read')
  @Query(() => Partner, { description: 'One partner the viewer may see (NOT_FOUND otherwise, whether or not it exists).' })
  partner(@Arg('id', () => ID, { description: 'The partner\'s id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return getPartner(ctx, id);
  }

  @Allow('partners:write')
  @Mutation(() => CreatePartnerResult, { description: 'Creates a partner (a new partner organization and its partnership), optionally under a parent.' })
  async createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: RequestContext): Promise<typeof CreatePartnerResult> {
    return success(await createPartner(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => UpdatePartnerProfileResult, { description: 'Changes a partner\'s profile: the principal\'s until the partner claims, the partner\'s own afterwards.' })
  async updatePartnerProfile(
    @Arg('input', () => UpdatePartnerProfileInput) input: UpdatePartnerProfileInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof UpdatePartnerProfileResult> {
    return success(await updatePartnerProfile(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => UpdatePartnerResult, { description: 'Changes a partner\'s agreement.' })
  async updatePartnerAgreement(
    @Arg('input', () => UpdatePartnerAgreementInput) input: UpdatePartnerAgreementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof UpdatePartnerResult> {
    return success(await updatePartnerAgreement(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => UpdatePartnerResult, { description: 'Changes a partner\'s settings; blocking takes effect on the next request of its sessions and keys.' })
  async updatePartnerSettings(
    @Arg('input', () => UpdatePartnerSettingsInput) input: UpdatePartnerSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof UpdatePartnerResult> {
    return success(await updatePartnerSettings(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => MovePartnerResult, { description: 'Moves a partner with its whole subtree under another partner (or to the top level).' })
  async movePartner(@Arg('input', () => MovePartnerInput) input: MovePartnerInput, @Ctx() ctx: RequestContext): Promise<typeof MovePartnerResult> {
    return success(await movePartner(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => UpdatePartnerResult, { description: 'Archives a partner without active sub-partners: hidden from lists, no access, data kept.' })
  async archivePartner(@Arg('input', () => PartnerIdInput) input: PartnerIdInput, @Ctx() ctx: RequestContext): Promise<typeof UpdatePartnerResult> {
    return success(await archivePartner(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => UpdatePartnerResult, { description: 'Restores an archived partner.' })
  async restorePartner(@Arg('input', () => PartnerIdInput) input: PartnerIdInput, @Ctx() ctx: RequestContext): Promise<typeof UpdatePartnerResult> {
    return success(await restorePartner(ctx, input));
  }
}
