import { Arg, Ctx, Field, FieldResolver, Float, Info, Int, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Parent } from '../../common/graphql/parent.js';
import { formatAmount } from '@partner-hub/domain';
import type { AccountType } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { viewerOf } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { forbidden } from '../../common/errors/app-errors.js';
import type { Page } from '../../common/graphql/connection.js';
import { AccountTypeEnum } from '../../common/graphql/enums.js';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { historyPage } from '../audit/audit-query.service.js';
import { keysetRows } from '../../common/graphql/connection.js';
import { rowShape } from '../../common/db/plain-rows.js';
import { AuditEventConnection } from '../audit/audit.resolver.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { UserConnection } from '../user/user.types.js';
import { Partner } from './partner.entity.js';
import { canManage, canSee, partnerScope, partnerScopeNow, seesUsersOf } from '../access/partner-scope.js';
import { principalReadsPartnerHistory, readsUsersOfPartner } from '../access/system-reads.js';
import { ancestorsOfPartner, descendantsOfPartner } from './partner.service.js';
import { loaderById, rowNow } from '../../common/context/loaders.js';
import { fieldReads, rowNeedsBelow } from '../../common/graphql/row-reads.js';
import { partnerLoaders } from './partner.loaders.js';
import { thenNow } from '../../common/context/now.js';
import type { Now } from '../../common/context/now.js';

@ObjectType({ description: 'A partner\'s agreement with its principal.' })
export class PartnerAgreement {
  @Field(() => String, { description: 'Deposit as a decimal amount in `currency`, e.g. "1500.50".' })
  deposit!: string;

  @Field(() => Float, { description: 'Deposit in minor units of `currency` (cents).' })
  depositMinor!: number;

  @Field(() => String, { description: 'Main currency (ISO 4217).' })
  currency!: string;

  @Field(() => [String], { description: 'Further currencies.' })
  additionalCurrencies!: string[];

  @Field(() => AccountTypeEnum, { description: 'Billing model.' })
  accountType!: AccountType;
}

@ObjectType({ description: 'A partner somewhere below another, with its depth (1 = direct sub-partner).' })
export class PartnerDescendant {
  @Field(() => Partner, { description: 'The sub-partner.' })
  partner!: Partner;

  @Field(() => Int, { description: 'Levels below the partner asked about.' })
  depth!: number;
}

@Resolver(() => Partner)
export class PartnerFieldsResolver {
  @Allow()
  @FieldResolver(() => String, { description: 'The partner organization\'s name.' })
  name(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Now<string> {
    return thenNow(rowNow(ctx, Organization, partner.organization.id, ['name']), (organization) => {
      if (!organization) throw new Error(`organization of partner ${partner.id} is missing`);
      return organization.name;
    });
  }

  @Allow()
  @FieldResolver(() => String, { description: 'The name of the principal the partnership is with (a partner working for several principals has one partnership with each).' })
  principalName(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Now<string> {
    return thenNow(loaderById(ctx, Organization).now(partner.principal.id), (principal) => {
      if (!principal) throw new Error(`principal of partner ${partner.id} is missing`);
      return principal.name;
    });
  }

  @Allow()
  @FieldResolver(() => Organization, { description: 'The partner organization with its profile.' })
  organization(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Now<Organization> {
    return thenNow(loaderById(ctx, Organization).now(partner.organization.id), (organization) => {
      if (!organization) throw new Error(`organization of partner ${partner.id} is missing`);
      return organization;
    });
  }

  @Allow()
  @FieldResolver(() => Partner, { nullable: true, description: 'The parent partner; null at the top level or when it lies outside the viewer\'s tree.' })
  parent(@Parent() partner: Partner, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Now<Partner | null> {
    const parent = partner.parent;
    if (!parent) return null;
    return thenNow(partnerScopeNow(ctx), (scope) => (canSee(scope, parent.id) ? rowNow(ctx, Partner, parent.id, rowNeedsBelow(info, Partner)?.props ?? null) : null));
  }

  @Allow()
  @FieldResolver(() => [Partner], { description: 'The path from the top of the viewer\'s tree down to the parent (for breadcrumbs).' })
  ancestors(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return ancestorsOfPartner(ctx, partner);
  }

  @Allow()
  @FieldResolver(() => [PartnerDescendant], { description: 'Every active partner below this one at any depth, breadth first.' })
  descendants(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<PartnerDescendant[]> {
    return descendantsOfPartner(ctx, partner);
  }

  @Allow()
  @FieldResolver(() => Int, { description: 'How many active direct sub-partners it has.' })
  subPartnerCount(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Now<number> {
    return partnerLoaders(ctx).subPartnerCount.now(partner.id);
  }

  @Allow()
  @FieldResolver(() => PartnerAgreement, { description: 'The agreement: deposit, currencies, account type.' })
  agreement(@Parent() partner: Partner): PartnerAgreement {
    return Object.assign(new PartnerAgreement(), {
      deposit: formatAmount(partner.depositMinor, partner.currency),
      depositMinor: partner.depositMinor,
      currency: partner.currency,
      additionalCurrencies: partner.additionalCurrencies,
      accountType: partner.accountType,
    });
  }

  @Allow()
  @FieldResolver(() => Boolean, { description: 'Whether the viewer may change the profile now (the principal until claiming, the partner after).' })
  async profileEditable(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<boolean> {
    const viewer = viewerOf(ctx);
    if (!viewer.permissions.has('partners:write')) return false;
    if (partner.status === 'ACCEPTED') return partner.organization.id === viewer.organizationId;
    return canManage(await partnerScope(ctx), partner.id);
  }

  @Allow()
  @FieldResolver(() => Boolean, { description: 'Whether the viewer may change the agreement, settings and place in the tree.' })
  async manageable(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<boolean> {
    return viewerOf(ctx).permissions.has('partners:write') && canManage(await partnerScope(ctx), partner.id);
  }

  @Allow('partners:read')
  @FieldResolver(() => AuditEventConnection, { description: 'What was done to this partner, newest first (a partner sees only what its own organization did).' })
  history(
    @Parent() partner: Partner,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Page<AuditEvent>> {
    // a principal sees every event on its partners, whoever made it; the tenant filter limits a partner to its own
    const viewer = viewerOf(ctx);
    const em = viewer.organizationKind === 'PRINCIPAL' && partner.principal.id === viewer.organizationId ? principalReadsPartnerHistory(ctx) : ctx.em;
    return historyPage(em, 'Partner', partner.id, first, after);
  }

  @Allow('partners:read')
  @FieldResolver(() => UserConnection, {
    // nullable: a refusal here answers null with its FORBIDDEN error, and never nulls the partner (or a mutation's result) around it
    nullable: true,
    description:
      'The partner organization\'s users: for its own people with users:read, for principal ADMINs and the partner ADMINs above it (users:manage); null with a FORBIDDEN error for anyone else (principal MANAGER and VIEWER, partner STAFF of the partners above).',
  })
  async users(
    @Parent() partner: Partner,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Page<User>> {
    // the partner is visible (it was resolved through the scope); its people only to its own users and to admins
    if (!seesUsersOf(ctx, partner)) throw forbidden();
    const own = partner.organization.id === viewerOf(ctx).organizationId;
    const em = own ? ctx.em : readsUsersOfPartner(ctx);
    return keysetRows(em, rowShape(em, User), { where: ['t."organization_id" = ?'], params: [partner.organization.id], first, after, orderBy: 'email', direction: 'asc' });
  }
}

// what the fields a partners list shows read of a partner's row (row-reads.ts): the page reads no more
fieldReads(Partner, {
  name: [{ organization: ['name'] }],
  parent: [{ parent: '*' }],
  subPartnerCount: [],
});
