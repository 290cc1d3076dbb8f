import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DEFAULT_AGREEMENT,
  IMPORT_LIMITS,
  MAX_TREE_DEPTH,
  finishPartnersPlan,
  partnerCodesNamedIn,
  readPartnersTable,
} from '@partner-hub/domain';
import type { ExistingParent, PartnersImportPlan, PlannedPartner } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from './partner.entity.js';
import { readCsv } from '../import/csv-reader.js';
import type { ImportBatch } from '../import/import-batch.entity.js';
import { INSERT_CHUNK } from '../import/import-common.js';
import type { CsvImportInput } from '../import/import-common.js';
import { commitCsvImport, validateCsvImport } from '../import/import-commit.js';
import type { CsvImporter, ImportAnalysis, ImportOutcome } from '../import/import-commit.js';

/**
 * The partners.csv import (DESIGN.md §4) on the database: a dry run that reports every problem
 * by line and column plus what would be created, and a commit that creates all rows or none in
 * one transaction, kept as an import batch. Principal staff with `partners:write` only: a
 * partner admin's import would need every row scoped into its own subtree, which this does not do.
 */

export type PartnersImportInput = CsvImportInput;

export interface PartnersImportAnalysis extends ImportAnalysis<PartnersImportPlan> {
  /** the ids of the existing partners the file names as parents, by Partner ID */
  parentIds: ReadonlyMap<string, string>;
}

/** Every Partner ID the principal uses: one query over the (principal, code) index. */
async function existingCodesOf(em: EntityManager, principalId: string): Promise<Set<string>> {
  const rows: { code: string }[] = await em
    .getConnection()
    .execute('select code from partner where principal_id = ?', [principalId]);
  return new Set(rows.map((r) => r.code));
}

/** The principal's partners a file names as parents, with id, depth and archive state: one recursive query. */
async function existingParentsOf(
  em: EntityManager,
  principalId: string,
  codes: readonly string[],
): Promise<Map<string, ExistingParent & { id: string }>> {
  if (codes.length === 0) return new Map();
  const rows: { code: string; id: string; depth: number; archived: boolean }[] = await em
    .getConnection()
    .execute(
      `with recursive up as (
       select p.code as start, p.id as start_id, p.archived_at is not null as archived, p.id, p.parent_id, 0 as depth
         from partner p where p.principal_id = ? and p.code in (select jsonb_array_elements_text(?::jsonb))
       union all
       select u.start, u.start_id, u.archived, q.id, q.parent_id, u.depth + 1 from partner q join up u on q.id = u.parent_id where u.depth < ?
     ) select start as code, start_id as id, max(depth)::int as depth, bool_or(archived) as archived from up group by start, start_id`,
      [principalId, JSON.stringify(codes), MAX_TREE_DEPTH + 1],
    );
  return new Map(rows.map((r) => [r.code, { id: r.id, depth: r.depth, archived: r.archived }]));
}

async function analyze(
  ctx: RequestContext,
  principalId: string,
  input: PartnersImportInput,
  fileName: string,
): Promise<PartnersImportAnalysis> {
  const csv = readCsv(input.content, IMPORT_LIMITS);
  if (!csv.table) {
    const plan: PartnersImportPlan = {
      rowCount: csv.rowCount,
      planned: [],
      problems: csv.problems,
      warnings: [],
    };
    return { fileName, plan, unreadable: true, parentIds: new Map<string, string>() };
  }
  const read = readPartnersTable(csv.table);
  const named = partnerCodesNamedIn(read.rows);
  const [existingCodes, existingParents] = await Promise.all([
    existingCodesOf(ctx.em, principalId),
    existingParentsOf(ctx.em, principalId, named.parentCodes),
  ]);
  const plan = finishPartnersPlan(
    { ...read, rowCount: csv.rowCount, problems: [...csv.problems, ...read.problems] },
    { existingCodes, existingParents },
  );
  const parentIds = new Map([...existingParents].map(([code, parent]) => [code, parent.id]));
  return { fileName, plan, unreadable: false, parentIds };
}

/** Parents first: a parent is in an earlier chunk, or earlier in the same multi-row INSERT. */
async function writePartners(ctx: RequestContext, batch: ImportBatch, { plan, parentIds }: PartnersImportAnalysis, principalId: string): Promise<void> {
  const em = ctx.em;
  // the unit of work is bypassed because tracking 20,000 new entities costs far more than writing them
  const partnerOfCode = new Map<string, Partner>();
  for (let start = 0; start < plan.planned.length; start += INSERT_CHUNK) {
    const chunk = plan.planned.slice(start, start + INSERT_CHUNK);
    const partners = chunk.map((row) => {
      const partner = newPartnerFromRow(em, principalId, row, batch, partnerOfCode, parentIds);
      partnerOfCode.set(partner.code, partner);
      return partner;
    });
    await em.insertMany(partners.map((p) => p.organization));
    await em.insertMany(partners);
  }
}

/** Each partner: an organization and its partnership, parents first, linked to the batch. */
const partnersImporter: CsvImporter<PartnersImportAnalysis> = {
  kind: 'PARTNERS',
  audit: 'partner',
  analyze,
  created: ({ plan }) => ({ createdCount: plan.planned.length }),
  write: writePartners,
  takenMeanwhile: 'Some of these Partner IDs were taken by another change just now. Validate the file again.',
};

/** The dry run: every problem by line and column, and the partners the file would create. */
export function validatePartnersImport(ctx: RequestContext, input: PartnersImportInput): Promise<PartnersImportAnalysis> {
  return validateCsvImport(ctx, partnersImporter, input);
}

/** The commit (see `commitCsvImport`). */
export function importPartners(ctx: RequestContext, input: PartnersImportInput): Promise<ImportOutcome<PartnersImportAnalysis>> {
  return commitCsvImport(ctx, partnersImporter, input);
}

/** An organization and its partnership for one planned row, made but not persisted (they are bulk-inserted). */
function newPartnerFromRow(
  em: EntityManager,
  principalId: string,
  row: PlannedPartner,
  batch: ImportBatch,
  partnerOfCode: ReadonlyMap<string, Partner>,
  parentIds: ReadonlyMap<string, string>,
): Partner {
  const { profile } = row;
  const organization = em.create(
    Organization,
    {
      kind: 'PARTNER',
      name: profile.name,
      address: profile.address ?? null,
      email: profile.email ?? null,
      phone: profile.phone ?? null,
      region: profile.region ?? null,
      iin: profile.iin ?? null,
      kpp: profile.kpp ?? null,
      vatPercent: profile.vatPercent ?? null,
      accountingCode: profile.accountingCode ?? null,
    },
    { persist: false },
  );
  const parentCode = row.parentPartnerId;
  const parent = parentCode
    ? row.parentInFile
      ? partnerOfCode.get(parentCode)
      : em.getReference(Partner, parentIds.get(parentCode) ?? '')
    : null;
  if (parentCode && !parent)
    throw new Error(`import plan out of order: parent ${parentCode} of line ${row.line} not created yet`);
  return em.create(
    Partner,
    {
      principal: principalId,
      organization,
      role: row.role,
      code: row.code,
      parent: parent ?? null,
      importBatch: batch,
      ...DEFAULT_AGREEMENT,
      currency: row.currency,
    },
    { persist: false },
  );
}
