import type { ImportProblem } from '@partner-hub/domain';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { ValidationFailed, forbidden } from '../../common/errors/app-errors.js';
import { ImportBatch } from './import-batch.entity.js';
import type { ImportKind } from './import-batch.entity.js';

/**
 * What every CSV import shares (DESIGN.md §4): who may run one, the file name check, the
 * answer to a file that cannot be read at all, and the batch that records each commit.
 */

/** The file every import takes: its name and its text. */
export interface CsvImportInput {
  fileName: string;
  content: string;
}

/** A failed commit keeps this many problems in its batch; the dry run reports them all. */
export const STORED_PROBLEMS = 1000;

/** Rows per multi-row INSERT: well below PostgreSQL's 65,535 bind parameters for the widest table. */
export const INSERT_CHUNK = 1000;

/**
 * The principal an import writes into: the viewer's own organization, which must be a principal
 * (a partner admin's import would need every row scoped into its own subtree, which no import does).
 * @throws FORBIDDEN for a partner's people
 */
export function requirePrincipalStaff(ctx: RequestContext): string {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind !== 'PRINCIPAL') throw forbidden();
  return viewer.organizationId;
}

/** The file name as the batch keeps it: trimmed, 1 to 255 characters. */
export function checkFileName(fileName: string): string {
  const name = fileName.trim();
  if (name === '' || name.length > 255) throw ValidationFailed.of('fileName', 'Give the file name (at most 255 characters).');
  return name;
}

/** A commit of a file that cannot be read at all (empty, not UTF-8, too large, broken quotes): a ValidationError on `content`. */
export function unreadableFile(problems: readonly ImportProblem[]): ValidationFailed {
  return new ValidationFailed(problems.map((p) => ({ field: 'content', message: p.row ? `Line ${p.row}: ${p.message}` : p.message })));
}

/** A finished import batch of the principal (SUCCEEDED, or FAILED when there are problems), persisted on flush. */
export function newImportBatch(
  ctx: RequestContext,
  principalId: string,
  fields: { kind: ImportKind; fileName: string; rowCount: number; createdCount: number; problems: readonly ImportProblem[] },
): ImportBatch {
  const viewer = viewerOf(ctx);
  const failed = fields.problems.length > 0;
  return ctx.em.create(ImportBatch, {
    organization: principalId,
    kind: fields.kind,
    status: failed ? 'FAILED' : 'SUCCEEDED',
    fileName: fields.fileName,
    createdByLabel: viewer.label,
    createdBy: viewer.userId,
    rowCount: fields.rowCount,
    createdCount: failed ? 0 : fields.createdCount,
    processedRows: fields.rowCount,
    problemCount: fields.problems.length,
    problems: fields.problems.slice(0, STORED_PROBLEMS),
    finishedAt: new Date(),
  });
}
