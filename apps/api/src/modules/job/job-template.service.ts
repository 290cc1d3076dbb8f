import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validate as isUuid } from 'uuid';
import { copyName, jobTemplateSchema } from '@partner-hub/domain';
import type { JobKind, JobTemplateFields } from '@partner-hub/domain';
import { expectVersion } from '../../common/db/versioned.js';
import type { ExpectedVersion } from '../../common/db/versioned.js';
import { inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { NotFound, ValidationFailed } from '../../common/errors/app-errors.js';
import type { FieldProblem } from '../../common/errors/app-errors.js';
import { parseInput, pickGiven } from '../../common/errors/parse-input.js';
import { keysetPage } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import { diffFields, recordAudit } from '../audit/audit.service.js';
import { Partner } from '../partner/partner.entity.js';
import { fromConfigurationInput } from './job-configuration.types.js';
import type { JobConfigurationInput } from './job-configuration.types.js';
import { JobTemplate } from './job-template.entity.js';
import { containsPattern, escapeLike } from '../../common/db/like.js';

export const JOB_TEMPLATE_SORT_FIELDS = ['NAME', 'CREATED_AT'] as const;
export type JobTemplateSortField = (typeof JOB_TEMPLATE_SORT_FIELDS)[number];

/** The column each sort field orders by (NOT NULL columns only: keyset pagination cannot seek past NULLs). */
const SORT_COLUMNS: Record<JobTemplateSortField, 'name' | 'createdAt'> = { NAME: 'name', CREATED_AT: 'createdAt' };

export interface JobTemplateFilterInput {
  /** part of the name */
  search?: string | null;
  kind?: JobKind | null;
  /** false (default): active templates only; true: deleted (archived) ones only */
  archived?: boolean | null;
}

export interface JobTemplateOrderInput {
  field: JobTemplateSortField;
  direction: 'ASC' | 'DESC';
}

export const DEFAULT_JOB_TEMPLATE_ORDER: JobTemplateOrderInput = { field: 'NAME', direction: 'ASC' };

export interface JobTemplateFieldsInput {
  name: string;
  kind: JobKind;
  title?: string | null;
  description?: string | null;
  instructions?: string | null;
  configuration?: JobConfigurationInput | null;
  defaultServicePartnerId?: string | null;
}

const AUDITED_FIELDS = ['name', 'kind', 'title', 'description', 'instructions'] as const;


/**
 * Templates are the principal's own presets: only its staff see them. The tenant filter already
 * keeps other principals out; this also keeps a principal's partners out, whatever their permissions.
 */
function templateScopeWhere(ctx: RequestContext): FilterQuery<JobTemplate> {
  const viewer = viewerOf(ctx);
  return viewer.organizationKind === 'PRINCIPAL' ? { principal: viewer.organizationId } : { id: { $in: [] } };
}

/** Loads a template the viewer may see (deleted ones included), or fails exactly as if it did not exist. */
export async function findVisibleTemplate(ctx: RequestContext, id: string, field = 'id'): Promise<JobTemplate> {
  const template = isUuid(id) ? await ctx.em.findOne(JobTemplate, { $and: [{ id }, templateScopeWhere(ctx)] }) : null;
  if (!template) throw new NotFound('job template', field);
  return template;
}

/** A page of the viewer's templates, filtered and sorted (keyset-paginated). */
export async function listJobTemplates(
  ctx: RequestContext,
  filter: JobTemplateFilterInput,
  order: JobTemplateOrderInput,
  first: number,
  after?: string | null,
): Promise<Page<JobTemplate>> {
  const conditions: FilterQuery<JobTemplate>[] = [templateScopeWhere(ctx), { archivedAt: filter.archived ? { $ne: null } : null }];
  const pattern = containsPattern(filter.search);
  if (pattern) conditions.push({ name: { $ilike: pattern } });
  if (filter.kind) conditions.push({ kind: filter.kind });
  return keysetPage(ctx.em, JobTemplate, { $and: conditions }, {
    first,
    after,
    orderBy: SORT_COLUMNS[order.field],
    direction: order.direction === 'ASC' ? 'asc' : 'desc',
  });
}

/**
 * The principal's active (not deleted) templates with any of `names`, keyed by lower-cased name —
 * one statement, for the jobs import and "create job from template". Names compare
 * case-insensitively, as their uniqueness does.
 */
export async function findTemplatesByName(em: EntityManager, principalId: string, names: readonly string[]): Promise<Map<string, JobTemplate>> {
  const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))];
  if (wanted.length === 0) return new Map();
  const templates = await em
    .createQueryBuilder(JobTemplate, 't')
    .select('*')
    .where({ principal: principalId, archivedAt: null })
    .andWhere('lower(t.name) in (?)', [wanted])
    .getResultList();
  return new Map(templates.map((t) => [t.name.toLowerCase(), t]));
}

const nameTakenMessage = (name: string) => `A template named "${name}" already exists.`;

/** Fails on `name` when another active template of the principal has this name (in any case). */
async function assertNameFree(em: EntityManager, principalId: string, name: string, exceptId?: string): Promise<void> {
  const qb = em
    .createQueryBuilder(JobTemplate, 't')
    .where({ principal: principalId, archivedAt: null, ...(exceptId ? { id: { $ne: exceptId } } : {}) })
    .andWhere('lower(t.name) = lower(?)', [name]);
  if ((await qb.getCount()) > 0) throw ValidationFailed.of('name', nameTakenMessage(name));
}

/** The partial unique index on (principal, lower(name)) caught a concurrent insert: the same error as the check before it. */
async function flushMappingNameRace(em: EntityManager, name: string, field = 'name'): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw ValidationFailed.of(field, nameTakenMessage(name));
    throw error;
  }
}

/**
 * Validates a template's fields with the domain schema, reporting every bad field at once — a
 * setting named twice (refused by {@link fromConfigurationInput}) alongside the schema's problems.
 */
function parseTemplateInput(input: JobTemplateFieldsInput): JobTemplateFields {
  const problems: FieldProblem[] = [];
  const collect = (error: unknown) => {
    if (!(error instanceof ValidationFailed)) throw error;
    // a bad setting is reported on the settings list, which is what the form shows
    problems.push(...error.problems.map((p) => (p.field.startsWith('configuration.settings.') ? { ...p, field: 'configuration.settings' } : p)));
  };
  const { defaultServicePartnerId: _partner, configuration: given, ...fields } = input;
  let configuration: Record<string, unknown>;
  try {
    configuration = fromConfigurationInput(given);
  } catch (error) {
    collect(error);
    configuration = fromConfigurationInput({ ...given, settings: [] });
  }
  let parsed: JobTemplateFields | undefined;
  try {
    parsed = parseInput(jobTemplateSchema, { ...fields, configuration });
  } catch (error) {
    collect(error);
  }
  if (problems.length > 0 || !parsed) {
    const seen = new Set<string>();
    throw new ValidationFailed(problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true))));
  }
  return parsed;
}

/**
 * Loads the default service partner a template may name: a service partner of the principal that
 * has accepted and is not archived. Another principal's partner, or a missing one, is not found.
 */
async function resolveServicePartner(em: EntityManager, principalId: string, id: string | null | undefined): Promise<Partner | null> {
  if (!id) return null;
  const field = 'defaultServicePartnerId';
  const partner = isUuid(id) ? await em.findOne(Partner, { id, principal: principalId }) : null;
  if (!partner) throw new NotFound('partner', field);
  if (partner.role !== 'SERVICE_PARTNER') throw ValidationFailed.of(field, 'Only a service partner can carry out jobs.');
  if (partner.status !== 'ACCEPTED') throw ValidationFailed.of(field, 'This service partner has not accepted its invitation yet.');
  if (partner.archivedAt) throw ValidationFailed.of(field, 'This service partner is archived.');
  return partner;
}

const snapshot = (t: JobTemplate) => ({
  ...Object.fromEntries(AUDITED_FIELDS.map((f) => [f, t[f] ?? null])),
  configuration: t.configuration,
  defaultServicePartner: t.defaultServicePartner?.id ?? null,
});

/** The audit changes between two snapshots of a template (configuration compared as a whole). */
function templateChanges(before: ReturnType<typeof snapshot> | Record<string, never>, after: ReturnType<typeof snapshot>) {
  const changes = diffFields<Record<string, unknown>>(before, after, [...AUDITED_FIELDS, 'defaultServicePartner']);
  const from = 'configuration' in before ? before.configuration : null;
  if (JSON.stringify(from) !== JSON.stringify(after.configuration)) changes['configuration'] = { from, to: after.configuration };
  return changes;
}

/** Records a new template of the viewer's principal; its name must be free among the active ones. */
export async function createJobTemplate(ctx: RequestContext, input: JobTemplateFieldsInput): Promise<JobTemplate> {
  const fields = parseTemplateInput(input);
  const principalId = viewerOf(ctx).organizationId;
  return inTransaction(ctx, async (tx) => {
    await assertNameFree(tx.em, principalId, fields.name);
    const defaultServicePartner = await resolveServicePartner(tx.em, principalId, input.defaultServicePartnerId);
    const template = tx.em.create(JobTemplate, { principal: principalId, ...fields, defaultServicePartner });
    recordAudit(tx, {
      action: 'jobTemplate.created',
      objectType: 'JobTemplate',
      objectId: template.id,
      organizationId: principalId,
      changes: templateChanges({}, snapshot(template)),
    });
    await flushMappingNameRace(tx.em, fields.name);
    return template;
  });
}

/**
 * Changes a template's fields — only those it is given (see {@link pickGiven}) — a deleted one's too:
 * its name must then be free only once it is restored. Only if it is still the `expectedVersion` the client read.
 */
export async function updateJobTemplate(ctx: RequestContext, id: string, input: JobTemplateFieldsInput & ExpectedVersion): Promise<JobTemplate> {
  const fields = pickGiven(input, parseTemplateInput(input), [...AUDITED_FIELDS, 'configuration']);
  return inTransaction(ctx, async (tx) => {
    const template = await findVisibleTemplate(tx, id);
    expectVersion(template, input.expectedVersion);
    const principalId = template.principal.id;
    const name = fields.name ?? template.name;
    if (!template.archivedAt && name.toLowerCase() !== template.name.toLowerCase()) await assertNameFree(tx.em, principalId, name, template.id);
    const given = input.defaultServicePartnerId;
    const defaultServicePartner =
      given === undefined || (given && given === template.defaultServicePartner?.id)
        ? template.defaultServicePartner // left out, or kept as it is even if it has since been archived
        : await resolveServicePartner(tx.em, principalId, given);
    const before = snapshot(template);
    tx.em.assign(template, { ...fields, defaultServicePartner });
    recordAudit(tx, {
      action: 'jobTemplate.updated',
      objectType: 'JobTemplate',
      objectId: template.id,
      organizationId: principalId,
      changes: templateChanges(before, snapshot(template)),
    });
    await flushMappingNameRace(tx.em, name);
    return template;
  });
}

/** Copies a template under `name`, or by default the first free "<name> (copy)", "(copy 2)" … */
export async function duplicateJobTemplate(ctx: RequestContext, id: string, name?: string | null): Promise<JobTemplate> {
  const given = name == null ? null : parseInput(jobTemplateSchema.pick({ name: true }), { name }).name;
  return inTransaction(ctx, async (tx) => {
    const source = await findVisibleTemplate(tx, id);
    const principalId = source.principal.id;
    let copyAs: string;
    if (given) {
      await assertNameFree(tx.em, principalId, given);
      copyAs = given;
    } else {
      const stem = escapeLike(source.name.slice(0, 100).toLowerCase());
      const taken = await tx.em.find(JobTemplate, { principal: principalId, archivedAt: null, name: { $ilike: `${stem}%` } }, { fields: ['name'] });
      copyAs = copyName(source.name, taken.map((t) => t.name));
    }
    const copy = tx.em.create(JobTemplate, {
      principal: principalId,
      name: copyAs,
      kind: source.kind,
      title: source.title ?? null,
      description: source.description ?? null,
      instructions: source.instructions ?? null,
      configuration: structuredClone(source.configuration),
      defaultServicePartner: source.defaultServicePartner ?? null,
    });
    recordAudit(tx, {
      action: 'jobTemplate.duplicated',
      objectType: 'JobTemplate',
      objectId: copy.id,
      organizationId: principalId,
      changes: { ...templateChanges({}, snapshot(copy)), duplicatedFrom: { from: null, to: source.id } },
    });
    await flushMappingNameRace(tx.em, copyAs);
    return copy;
  });
}

/**
 * Deletes (archives) a template, or restores a deleted one. A deleted template is kept for the
 * jobs and history that refer to it, and its name is free again; restoring needs the name free.
 */
export async function setJobTemplateArchived(ctx: RequestContext, id: string, archived: boolean): Promise<JobTemplate> {
  return inTransaction(ctx, async (tx) => {
    const template = await findVisibleTemplate(tx, id);
    const before = template.archivedAt ?? null;
    if ((before !== null) === archived) {
      throw ValidationFailed.of('id', archived ? 'This template is already deleted.' : 'This template is not deleted.');
    }
    if (!archived) {
      const taken = await tx.em
        .createQueryBuilder(JobTemplate, 't')
        .where({ principal: template.principal.id, archivedAt: null })
        .andWhere('lower(t.name) = lower(?)', [template.name])
        .getCount();
      if (taken > 0) throw ValidationFailed.of('id', `Another template is named "${template.name}" now; rename this one before restoring it.`);
    }
    template.archivedAt = archived ? new Date() : null;
    recordAudit(tx, {
      action: archived ? 'jobTemplate.deleted' : 'jobTemplate.restored',
      objectType: 'JobTemplate',
      objectId: template.id,
      organizationId: template.principal.id,
      changes: { archivedAt: { from: before, to: template.archivedAt } },
    });
    await flushMappingNameRace(tx.em, template.name, 'id');
    return template;
  });
}
