import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ImportProblem } from '@partner-hub/domain';
import { inTransaction } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ImportBatch, ImportKind } from './import-batch.entity.js';
import { checkFileName, newImportBatch, requirePrincipalStaff, unreadableFile } from './import-common.js';
import type { CsvImportInput } from './import-common.js';

/**
 * The one flow of a CSV import given as text (DESIGN.md §4), generic over what a feature's file
 * plans: principal staff only; a dry run that reports every problem and creates nothing; a commit
 * that keeps an attempt with problems as a FAILED batch, or writes every row — all pointing at one
 * new SUCCEEDED batch — in one transaction; each commit with one audit event. A feature brings the
 * reading and checking of its rows (`analyze`) and their writing (`write`).
 */

/** What the skeleton reads of a feature's plan. */
export interface ImportPlanBase {
  /** the file's rows, the header not counted */
  rowCount: number;
  /** while there is one, a commit creates nothing */
  problems: readonly ImportProblem[];
}

/** What the dry run of one file found. */
export interface ImportAnalysis<Plan extends ImportPlanBase = ImportPlanBase> {
  fileName: string;
  plan: Plan;
  /** the file could not be read at all (not UTF-8, empty, too large, broken quotes) */
  unreadable: boolean;
}

/** One feature's import: how its rows are checked and written. */
export interface CsvImporter<A extends ImportAnalysis> {
  kind: ImportKind;
  /** the prefix of the audit actions `<audit>.import` and `<audit>.importFailed` */
  audit: string;
  /** reads and checks the file against the principal's data; creates nothing */
  analyze(ctx: RequestContext, principalId: string, input: CsvImportInput, fileName: string): Promise<A>;
  /** what a commit creates: the batch's `createdCount` and any further counts its audit event records */
  created(analysis: A): { createdCount: number } & Record<string, number>;
  /** writes every planned row in the commit's transaction (`ctx.em`); the batch is already in the database */
  write(ctx: RequestContext, batch: ImportBatch, analysis: A, principalId: string): Promise<void>;
  /** the answer when another change took one of the file's unique keys between the check and the commit */
  takenMeanwhile: string;
}

export interface ImportOutcome<A> {
  kind: 'SUCCEEDED' | 'FAILED';
  batch: ImportBatch;
  analysis: A;
}

/** An import batch's audit event: each value recorded as a change from nothing. */
export function importAuditEntry(action: string, batchId: string, principalId: string, values: Record<string, unknown>): AuditEntry {
  const changes = Object.fromEntries(Object.entries(values).map(([field, to]) => [field, { from: null, to }]));
  return { action, objectType: 'ImportBatch', objectId: batchId, organizationId: principalId, changes };
}

/** The dry run: every problem by line and column, and what the file would create. Creates nothing. */
export async function validateCsvImport<A extends ImportAnalysis>(ctx: RequestContext, importer: CsvImporter<A>, input: CsvImportInput): Promise<A> {
  const principalId = requirePrincipalStaff(ctx);
  return importer.analyze(ctx, principalId, input, checkFileName(input.fileName));
}

/**
 * The commit: when the dry run finds no problem, creates every row in one transaction, linked to
 * one new batch, with one audit event; otherwise creates nothing and keeps the attempt as a FAILED
 * batch with its problems.
 * @throws ValidationFailed on `content` when the file cannot be read at all, or when another change
 * took one of its unique keys between the checks and the commit
 */
export async function commitCsvImport<A extends ImportAnalysis>(ctx: RequestContext, importer: CsvImporter<A>, input: CsvImportInput): Promise<ImportOutcome<A>> {
  const principalId = requirePrincipalStaff(ctx);
  const analysis = await importer.analyze(ctx, principalId, input, checkFileName(input.fileName));
  const { fileName, plan } = analysis;
  if (analysis.unreadable) throw unreadableFile(plan.problems);
  const { createdCount, ...alsoCreated } = importer.created(analysis);
  const batchFields = { kind: importer.kind, fileName, rowCount: plan.rowCount, createdCount };

  if (plan.problems.length > 0) {
    const batch = await inTransaction(ctx, async (tx) => {
      const failed = newImportBatch(tx, principalId, { ...batchFields, problems: plan.problems });
      const counts = { fileName, rowCount: plan.rowCount, problemCount: plan.problems.length };
      recordAudit(tx, importAuditEntry(`${importer.audit}.importFailed`, failed.id, principalId, counts));
      return failed;
    });
    return { kind: 'FAILED', batch, analysis };
  }

  try {
    const batch = await inTransaction(ctx, async (tx) => {
      const created = newImportBatch(tx, principalId, { ...batchFields, problems: [] });
      await tx.em.flush(); // the batch row first: every created row points at it
      await importer.write(tx, created, analysis, principalId);
      const counts = { fileName, rowCount: plan.rowCount, createdCount, ...alsoCreated };
      recordAudit(tx, importAuditEntry(`${importer.audit}.import`, created.id, principalId, counts));
      return created;
    });
    return { kind: 'SUCCEEDED', batch, analysis };
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw ValidationFailed.of('content', importer.takenMeanwhile);
    throw error;
  }
}
