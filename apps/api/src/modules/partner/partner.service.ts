import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DEFAULT_AGREEMENT,
  agreementSchema,
  checkMove,
  generateUniquePartnerCode,
  partnerCodeSchema,
  partnerProfileSchema,
  partnerRoleSchema,
} from '@partner-hub/domain';
import type { AccountType, PartnerProfile, PartnerRole, PartnerStatus, PasswordPolicy } from '@partner-hub/domain';
import { z } from 'zod';
import { expectVersion } from '../../common/db/versioned.js';
import type { ExpectedVersion } from '../../common/db/versioned.js';
import { credentialsChanged, inTransaction, viewerOf } from '../../common/context/request-context.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput, parseUpdate } from '../../common/errors/parse-input.js';
import type { Page } from '../../common/graphql/connection.js';
import type { NodeSelection } from '../../common/graphql/node-selection.js';
import { diffFields, recordAudit } from '../audit/audit.service.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from './partner.entity.js';
import { PartnerClaimed, PartnerCycle } from './partner.errors.js';
import { canManage, findManagedPartner, findVisiblePartner, partnerScope, visiblePartnersWhere } from '../access/partner-scope.js';
import { chainsAbove, organizationsOfSubtrees, subtreesOf } from '../access/partner-tree.queries.js';
import { containsPattern, escapeLike } from '../../common/db/like.js';
import { partnerLoaders } from './partner.loaders.js';
import { partnersPage } from './partner.queries.js';
import { loaderById } from '../../common/context/loaders.js';

export const PARTNER_SORT_FIELDS = ['NAME', 'PARTNER_ID', 'ROLE', 'STATUS', 'CREATED_AT'] as const;
export type PartnerSortField = (typeof PARTNER_SORT_FIELDS)[number];

/** The column each sort field orders by (shared by the list and its CSV export). */
export const SORT_COLUMNS: Record<PartnerSortField, 'organization.name' | 'code' | 'role' | 'status' | 'createdAt'> = {
  NAME: 'organization.name',
  PARTNER_ID: 'code',
  ROLE: 'role',
  STATUS: 'status',
  CREATED_AT: 'createdAt',
};

export interface PartnerFilterInput {
  search?: string | null;
  role?: PartnerRole | null;
  status?: PartnerStatus | null;
  region?: string | null;
  blocked?: boolean | null;
  /** false (default): active only; true: archived only */
  archived?: boolean | null;
  /** only direct sub-partners of this partner */
  parentId?: string | null;
  /** only the top of the viewer's tree: the principal's root partners, or a partner's own partnerships */
  topLevel?: boolean | null;
  /** only partners created by this import */
  importBatchId?: string | null;
}

export interface PartnerOrderInput {
  field: PartnerSortField;
  direction: 'ASC' | 'DESC';
}


/** The filter of a partners list: the viewer's scope plus the user's filters, all on indexed columns. */
export async function partnersWhere(ctx: RequestContext, filter: PartnerFilterInput): Promise<FilterQuery<Partner>> {
  // a parent or batch the viewer may not open filters to nothing, like an id that does not exist
  if (!(await filterIdsOpen(ctx, filter, { parentId: 'partner', importBatchId: 'importBatch' }))) return { id: null };
  const scope = await partnerScope(ctx);
  const where = { ...((await visiblePartnersWhere(ctx)) as Record<string, unknown>) } as FilterQuery<Partner> & Record<string, unknown>;
  const search = filter.search?.trim();
  const pattern = containsPattern(search);
  if (search && pattern) {
    where.$or = [
      { organization: { name: { $ilike: pattern } } },
      { organization: { email: { $ilike: pattern } } },
      { code: search.toUpperCase() },
    ];
  }
  if (filter.role) where.role = filter.role;
  if (filter.status) where.status = filter.status;
  if (filter.region?.trim()) where.organization = { region: { $ilike: escapeLike(filter.region.trim()) } };
  if (filter.blocked !== null && filter.blocked !== undefined) where.blocked = filter.blocked;
  where.archivedAt = filter.archived ? { $ne: null } : null;
  if (filter.parentId) where.parent = filter.parentId;
  if (filter.topLevel) {
    if (scope.all) where.parent = null;
    else where.id = { $in: [...scope.own] };
  }
  if (filter.importBatchId) where.importBatch = filter.importBatchId;
  return where;
}

/**
 * A page of the partners the viewer may see, filtered and sorted (keyset-paginated); `selected`, the
 * node fields the query asks for (the counts are computed in the page's statement when asked; all of
 * them when not given).
 */
export async function listPartners(
  ctx: RequestContext,
  filter: PartnerFilterInput,
  order: PartnerOrderInput,
  first: number,
  after?: string | null,
  selection?: NodeSelection,
): Promise<Page<Partner>> {
  return partnersPage(ctx, filter, { orderBy: SORT_COLUMNS[order.field], direction: order.direction === 'ASC' ? 'asc' : 'desc' }, first, after, selection);
}

export const getPartner = findVisiblePartner;

export interface ProfileInput {
  name: string;
  legalForm?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  region?: string | null;
  iin?: string | null;
  kpp?: string | null;
  vatPercent?: string | null;
  accountingCode?: string | null;
}

const PROFILE_FIELDS = ['name', 'legalForm', 'address', 'email', 'phone', 'region', 'iin', 'kpp', 'vatPercent', 'accountingCode'] as const;

function profileColumns(profile: PartnerProfile) {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, profile[f] ?? null])) as Record<(typeof PROFILE_FIELDS)[number], string | number | null>;
}

function profileOf(organization: Organization) {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, organization[f] ?? null]));
}

export interface AgreementInput {
  deposit: string;
  currency: string;
  additionalCurrencies: string[];
  accountType: AccountType;
}

export interface CreatePartnerInput {
  role: PartnerRole;
  parentId?: string | null;
  partnerId?: string | null;
  profile: ProfileInput;
  agreement?: AgreementInput | null;
  allowJobOverride?: boolean | null;
}

const createPartnerSchema = z.object({
  role: partnerRoleSchema,
  partnerId: z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), partnerCodeSchema.optional()),
  profile: partnerProfileSchema,
  agreement: agreementSchema.nullish(),
});

/** A free Partner ID for a principal: random codes tried against the codes in use. */
export async function freePartnerCode(em: EntityManager, principalId: string, alsoTaken: ReadonlySet<string> = new Set()): Promise<string> {
  const candidates = Array.from({ length: 8 }, () => generateUniquePartnerCode((c) => alsoTaken.has(c)));
  const used = new Set(
    (await em.find(Partner, { principal: principalId, code: { $in: candidates } }, { fields: ['code'], filters: false })).map((p) => p.code),
  );
  const code = candidates.find((c) => !used.has(c));
  return code ?? freePartnerCode(em, principalId, new Set([...alsoTaken, ...candidates]));
}

/**
 * Creates a partner (organization + partnership) under an optional parent. Principal staff
 * create anywhere in their tree; a partner admin only below its own partnership.
 */
export async function createPartner(ctx: RequestContext, input: CreatePartnerInput): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const values = parseInput(createPartnerSchema, input);
  const scope = await partnerScope(ctx);
  let parent: Partner | null = null;
  if (input.parentId) {
    parent = await findVisiblePartner(ctx, input.parentId, 'parentId');
  } else if (!scope.all) {
    throw ValidationFailed.of('parentId', 'Choose the partner to create this sub-partner under.');
  }
  const principalId = parent ? parent.principal.id : viewer.organizationId;
  if (values.partnerId) {
    const taken = await ctx.em.count(Partner, { principal: principalId, code: values.partnerId }, { filters: false });
    if (taken > 0) throw ValidationFailed.of('partnerId', `The Partner ID ${values.partnerId} is already used by another partner.`);
  }
  const code = values.partnerId ?? (await freePartnerCode(ctx.em, principalId));
  const agreement = values.agreement ?? DEFAULT_AGREEMENT;
  return inTransaction(ctx, async (tx) => {
    const organization = tx.em.create(Organization, { kind: 'PARTNER', ...profileColumns(values.profile) } as never);
    const partner = tx.em.create(Partner, {
      principal: principalId,
      organization,
      role: values.role,
      code,
      parent,
      allowJobOverride: input.allowJobOverride ?? false,
      ...agreement,
    });
    recordAudit(tx, {
      action: 'partner.create',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: diffFields({}, { partnerId: code, role: values.role, parentId: parent?.id ?? null, ...profileColumns(values.profile) }, [
        'partnerId',
        'role',
        'parentId',
        ...PROFILE_FIELDS,
      ]),
    });
    return partner;
  });
}

/**
 * Changes a partner's profile (the fields it is given): the principal's (or a managing partner
 * admin's) while the partner is unclaimed; afterwards only the partner's own admins may.
 */
export async function updatePartnerProfile(ctx: RequestContext, input: { id: string; profile: ProfileInput } & ExpectedVersion): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findVisiblePartner(ctx, input.id);
  expectVersion(partner, input.expectedVersion);
  const scope = await partnerScope(ctx);
  const isOwn = partner.organization.id === viewer.organizationId;
  if (partner.status === 'ACCEPTED' ? !isOwn : !canManage(scope, partner.id)) {
    if (partner.status === 'ACCEPTED' && canManage(scope, partner.id)) throw new PartnerClaimed();
    throw ValidationFailed.of('id', 'Only the partner itself can change its profile.');
  }
  const profile = parseUpdate(partnerProfileSchema, input.profile, PROFILE_FIELDS, { path: ['profile'] });
  const before = profileOf(partner.organization);
  return inTransaction(ctx, async (tx) => {
    Object.assign(partner.organization, profile);
    // the profile lives on the organization: touching the partnership writes its version too
    partner.updatedAt = new Date();
    recordAudit(tx, {
      action: 'partner.updateProfile',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: diffFields(before, profileOf(partner.organization), PROFILE_FIELDS),
    });
    return partner;
  });
}

/** Changes a partner's agreement (the principal's to change, also after claiming). */
export async function updatePartnerAgreement(ctx: RequestContext, input: { id: string; agreement: AgreementInput } & ExpectedVersion): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.id);
  expectVersion(partner, input.expectedVersion);
  const agreement = parseInput(agreementSchema, input.agreement, ['agreement']);
  const fields = ['depositMinor', 'currency', 'additionalCurrencies', 'accountType'] as const;
  const before = { ...partner, additionalCurrencies: partner.additionalCurrencies.join(',') };
  return inTransaction(ctx, async (tx) => {
    Object.assign(partner, agreement);
    recordAudit(tx, {
      action: 'partner.updateAgreement',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: diffFields(before, { ...agreement, additionalCurrencies: agreement.additionalCurrencies.join(',') }, fields),
    });
    return partner;
  });
}

export interface SettingsInput extends ExpectedVersion {
  id: string;
  allowJobOverride: boolean;
  blocked: boolean;
  usersBlocked: boolean;
  passwordPolicy: PasswordPolicy;
}

/**
 * Changes a partner's settings. Blocking (or blocking its users) cuts its subtree's sessions and keys on
 * their next request, and their open connections at once.
 */
export async function updatePartnerSettings(ctx: RequestContext, input: SettingsInput): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.id);
  expectVersion(partner, input.expectedVersion);
  const before = { ...partner, passwordPolicy: partner.organization.passwordPolicy };
  const accessChanges = partner.blocked !== input.blocked || partner.usersBlocked !== input.usersBlocked;
  const reached = accessChanges ? await organizationsOfSubtrees(ctx.em, [partner.id]) : [];
  return inTransaction(ctx, async (tx) => {
    credentialsChanged(tx, reached);
    partner.allowJobOverride = input.allowJobOverride;
    partner.blocked = input.blocked;
    partner.usersBlocked = input.usersBlocked;
    partner.organization.passwordPolicy = input.passwordPolicy;
    partner.updatedAt = new Date();
    recordAudit(tx, {
      action: 'partner.updateSettings',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: diffFields(before, input, ['allowJobOverride', 'blocked', 'usersBlocked', 'passwordPolicy']),
    });
    return partner;
  });
}

/**
 * Moves a partner with its whole subtree under another partner of the same principal, or to the
 * top level (principal staff only). Refused with `PartnerCycle` when the new parent lies inside
 * the subtree or the subtree would end up too deep.
 */
export async function movePartner(ctx: RequestContext, input: { id: string; parentId?: string | null }): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.id);
  const scope = await partnerScope(ctx);
  const newParentId = input.parentId ?? null;
  if (newParentId === null && !scope.all) throw ValidationFailed.of('parentId', 'Choose a partner inside your own tree to move it under.');
  const newParent = newParentId ? await findVisiblePartner(ctx, newParentId, 'parentId') : null;
  const oldParentId = partner.parent?.id ?? null;
  // a move that changes nothing is the caller's mistake, answered like an archived vehicle's archive (nothing to audit)
  if (newParentId === oldParentId) throw ValidationFailed.of('parentId', newParentId ? 'The partner is already under this parent.' : 'The partner is already at the top level.');
  // the rows the domain rule needs: the subtree being moved and the chain above the new parent
  const [subtree, chains, reached] = await Promise.all([
    subtreesOf(ctx.em, [partner.id]),
    chainsAbove(ctx.em, newParent ? [newParent.id] : []),
    organizationsOfSubtrees(ctx.em, [partner.id]),
  ]);
  const tree = new Map<string, string | null>();
  for (const row of [...(chains.get(newParentId ?? '') ?? []), ...subtree]) tree.set(row.id, row.parentId);
  const problem = checkMove(tree, partner.id, newParentId);
  if (problem) throw new PartnerCycle(problem);
  return inTransaction(ctx, async (tx) => {
    partner.parent = newParent;
    // under a blocked (or users-blocked) partner its subtree's identities lose access
    credentialsChanged(tx, reached);
    recordAudit(tx, {
      action: 'partner.move',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: { parentId: { from: oldParentId, to: newParentId } },
    });
    return partner;
  });
}

/**
 * Archives a partner instead of deleting it (DESIGN.md §1 "Archive"): it leaves the lists and
 * loses access, its data stays. Refused while it has active sub-partners.
 */
export async function archivePartner(ctx: RequestContext, input: { id: string }): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.id);
  if (partner.archivedAt) throw ValidationFailed.of('id', 'This partner is already archived.');
  const activeChildren = await ctx.em.count(Partner, { parent: partner.id, archivedAt: null });
  if (activeChildren > 0) {
    throw ValidationFailed.of('id', `This partner has ${activeChildren} active sub-partner(s): move or archive them first.`);
  }
  const reached = await organizationsOfSubtrees(ctx.em, [partner.id]);
  return inTransaction(ctx, async (tx) => {
    partner.archivedAt = new Date();
    credentialsChanged(tx, reached);
    recordAudit(tx, { action: 'partner.archive', objectType: 'Partner', objectId: partner.id, organizationId: viewer.organizationId });
    return partner;
  });
}

/** Restores an archived partner (under an active parent). */
export async function restorePartner(ctx: RequestContext, input: { id: string }): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.id);
  if (!partner.archivedAt) throw ValidationFailed.of('id', 'This partner is not archived.');
  if (partner.parent) {
    const parent = await ctx.em.findOneOrFail(Partner, { id: partner.parent.id });
    if (parent.archivedAt) throw ValidationFailed.of('id', 'Its parent partner is archived: restore the parent first, or move this partner.');
  }
  const reached = await organizationsOfSubtrees(ctx.em, [partner.id]);
  return inTransaction(ctx, async (tx) => {
    partner.archivedAt = null;
    credentialsChanged(tx, reached);
    recordAudit(tx, { action: 'partner.restore', objectType: 'Partner', objectId: partner.id, organizationId: viewer.organizationId });
    return partner;
  });
}

/** The partners above one partner, top first, as far up as the viewer may see. */
export async function ancestorsOfPartner(ctx: RequestContext, partner: Partner): Promise<Partner[]> {
  const scope = await partnerScope(ctx);
  const chain = await partnerLoaders(ctx).chainAbove.load(partner.id);
  const ids = chain.filter((r) => r.depth > 0 && (scope.all || scope.visible.has(r.id))).map((r) => r.id);
  const rows = await loaderById(ctx, Partner).loadMany(ids.reverse());
  return rows.filter((p): p is Partner => p !== null && !(p instanceof Error));
}

/** Every partner below one partner, with its depth (1 = direct sub-partner), breadth first. */
export async function descendantsOfPartner(ctx: RequestContext, partner: Partner): Promise<{ partner: Partner; depth: number }[]> {
  const rows = (await subtreesOf(ctx.em, [partner.id], false)).filter((r) => r.depth > 0);
  const partners = await ctx.em.find(Partner, { id: { $in: rows.map((r) => r.id) } }, { populate: ['organization'] });
  const byId = new Map(partners.map((p) => [p.id, p]));
  return rows
    .sort((a, b) => a.depth - b.depth)
    .flatMap((r) => {
      const found = byId.get(r.id);
      return found ? [{ partner: found, depth: r.depth }] : [];
    });
}
