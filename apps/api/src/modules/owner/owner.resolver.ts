import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../common/errors/error-results.js';
import { Owner } from './owner.entity.js';
import {
  DEFAULT_OWNER_ORDER,
  addOwnerVehicleAccess,
  contactOwner,
  createOwner,
  getOwner,
  listOwners,
  removeOwnerVehicleAccess,
  setOwnerArchived,
  updateOwner,
  updateOwnerAnnotation,
} from './owner.service.js';
import { exportOwnersCsv } from './owners-export.service.js';
import {
  AddOwnerVehicleAccessInput,
  ContactOwnerInput,
  CreateOwnerInput,
  OwnerFilter,
  OwnerIdInput,
  OwnerOrder,
  OwnerSuccess,
  RemoveOwnerVehicleAccessInput,
  UpdateOwnerAnnotationInput,
  UpdateOwnerInput,
} from './owner.types.js';

export const OwnerConnection = Connection(Owner);

const OwnerResult = createUnionType({
  name: 'OwnerResult',
  description: 'The outcome of a change to an owner.',
  types: () => [OwnerSuccess, ValidationError, NotFoundError, VersionConflictError] as const,
});

const success = (owner: Owner) => Object.assign(new OwnerSuccess(), { owner });

@Resolver(() => Owner)
export class OwnerResolver {
  @Allow('owners:read')
  @Query(() => OwnerConnection, {
    description: 'Owners the viewer may see: all of a principal\'s; for a partner, those with access to a vehicle assigned to its subtree.',
  })
  async owners(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => OwnerFilter, { nullable: true, description: 'Narrows the list.' }) filter?: OwnerFilter | null,
    @Arg('orderBy', () => OwnerOrder, { nullable: true, description: 'Sort order; newest first when omitted.' }) orderBy?: OwnerOrder | null,
  ) {
    return listOwners(ctx, filter ?? {}, orderBy ?? DEFAULT_OWNER_ORDER, first, after);
  }

  @Allow('owners:read')
  @Query(() => Owner, { description: 'One owner the viewer may see (NOT_FOUND otherwise, whether or not it exists).' })
  owner(@Arg('id', () => ID, { description: 'The owner\'s id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Owner> {
    return getOwner(ctx, id);
  }

  @Allow('owners:read')
  @Query(() => String, {
    description:
      'The owners list as CSV text (header first): the same filter, scope and order as `owners`, all pages, at most 50,000 rows. Columns: email, name, phone, vehicle_count — and, only for viewers who may read private annotations, external_user_id, display_name, description.',
  })
  ownersCsv(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OwnerFilter, { nullable: true, description: 'The list\'s filter.' }) filter?: OwnerFilter | null,
    @Arg('orderBy', () => OwnerOrder, { nullable: true, description: 'The list\'s order; newest first when omitted.' }) orderBy?: OwnerOrder | null,
  ): Promise<string> {
    return exportOwnersCsv(ctx, filter ?? {}, orderBy ?? DEFAULT_OWNER_ORDER);
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Records a new owner; the e-mail must be new to the principal.' })
  async createOwner(@Arg('input', () => CreateOwnerInput, { description: 'The owner.' }) input: CreateOwnerInput, @Ctx() ctx: RequestContext): Promise<typeof OwnerResult> {
    return success(await createOwner(ctx, input));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Changes an owner\'s basic data.' })
  async updateOwner(@Arg('input', () => UpdateOwnerInput, { description: 'The owner and its new data.' }) input: UpdateOwnerInput, @Ctx() ctx: RequestContext): Promise<typeof OwnerResult> {
    const { id, ...fields } = input;
    return success(await updateOwner(ctx, id, fields));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Archives an owner: hidden from lists by default; its vehicle access and history are kept.' })
  async archiveOwner(@Arg('input', () => OwnerIdInput, { description: 'The owner.' }) input: OwnerIdInput, @Ctx() ctx: RequestContext): Promise<typeof OwnerResult> {
    return success(await setOwnerArchived(ctx, input.id, true));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Restores an archived owner.' })
  async restoreOwner(@Arg('input', () => OwnerIdInput, { description: 'The owner.' }) input: OwnerIdInput, @Ctx() ctx: RequestContext): Promise<typeof OwnerResult> {
    return success(await setOwnerArchived(ctx, input.id, false));
  }

  @Allow('ownerAnnotations:write')
  @Mutation(() => OwnerResult, { description: 'Sets the principal\'s private annotation on an owner (all fields empty removes it); only the principal\'s own staff ever see it.' })
  async updateOwnerAnnotation(
    @Arg('input', () => UpdateOwnerAnnotationInput, { description: 'The owner and its annotation.' }) input: UpdateOwnerAnnotationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof OwnerResult> {
    const { ownerId, ...fields } = input;
    return success(await updateOwnerAnnotation(ctx, ownerId, fields));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Gives an owner access to a vehicle as OWNER or USER; for an existing access, changes its kind.' })
  async addOwnerVehicleAccess(
    @Arg('input', () => AddOwnerVehicleAccessInput, { description: 'The owner, the vehicle and the kind of access.' }) input: AddOwnerVehicleAccessInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof OwnerResult> {
    return success(await addOwnerVehicleAccess(ctx, input.ownerId, input.vehicleId, input.kind));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'Takes an owner\'s access to a vehicle away.' })
  async removeOwnerVehicleAccess(
    @Arg('input', () => RemoveOwnerVehicleAccessInput, { description: 'The owner and the vehicle.' }) input: RemoveOwnerVehicleAccessInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof OwnerResult> {
    return success(await removeOwnerVehicleAccess(ctx, input.ownerId, input.vehicleId));
  }

  @Allow('owners:write')
  @Mutation(() => OwnerResult, { description: 'E-mails an owner through the mailer; the owner\'s history records the contact with its subject (not its text).' })
  async contactOwner(@Arg('input', () => ContactOwnerInput, { description: 'The owner and the message.' }) input: ContactOwnerInput, @Ctx() ctx: RequestContext): Promise<typeof OwnerResult> {
    const { ownerId, ...message } = input;
    return success(await contactOwner(ctx, ownerId, message));
  }
}
