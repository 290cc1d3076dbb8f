import { Field, InputType, Int, ObjectType, createUnionType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { ErrorResult, ValidationError } from '../../common/errors/error-results.js';
import { ImportBatch } from './import-batch.entity.js';
import type { ImportAnalysis, ImportOutcome } from './import-commit.js';
import { ImportProblemType } from './import.types.js';

/**
 * The GraphQL face every CSV import given as text shares: its input, the answer to a file with
 * problems, and the mutation's result union. A feature adds its report and its success type.
 */

/** The input type `name` for a file `file` (e.g. PartnersImportInput for partners.csv). */
export function CsvImportInputType(name: string, file: string) {
  @InputType(name, { description: `A ${file} file to check or import (DESIGN.md §4).` })
  class ImportInput {
    @Field(() => String, { description: 'The file\'s name, kept with the import batch.' })
    fileName!: string;

    @Field(() => String, { description: 'The file\'s text (UTF-8, with or without BOM; comma or semicolon separated); at most 5 MB and 10,000 rows.' })
    content!: string;
  }
  return ImportInput;
}

/**
 * What every import's dry run reports; a feature's report extends it with its warnings and what the
 * file would create. Not itself in the schema: no field names it, and type-graphql leaves such types out.
 */
@ObjectType()
export abstract class ImportReport {
  @Field(() => String, { description: 'The file checked.' })
  fileName!: string;

  @Field(() => Int, { description: 'How many rows the file has (the header not counted).' })
  rowCount!: number;

  @Field(() => [ImportProblemType], { description: 'Every problem, in file order; while there is one, an import creates nothing.' })
  problems!: ImportProblemType[];

  @Field(() => Boolean, { description: 'Whether the file can be imported as it is (no problems).' })
  valid!: boolean;
}

/** The report's fields every import fills alike. */
export function reportFields({ fileName, plan }: ImportAnalysis) {
  return { fileName, rowCount: plan.rowCount, problems: plan.problems, valid: plan.problems.length === 0 };
}

/** The object type `name`: a commit's answer to a file with problems, with the feature's report. */
export function ImportInvalidType<R extends object>(name: string, reportType: ClassType<R>) {
  @ObjectType(name, { implements: ErrorResult, description: 'The file has problems: nothing was imported. The attempt is kept as a FAILED batch.' })
  class ImportInvalid extends ErrorResult {
    @Field(() => reportType, { description: 'Every problem by line and column.' })
    report!: R;

    @Field(() => ImportBatch, { description: 'The FAILED batch that records the attempt.' })
    batch!: ImportBatch;
  }
  return ImportInvalid;
}

/** The result union `name` of the mutation `mutation`: its success, its invalid answer, or a ValidationError (a file that cannot be read). */
export function ImportResultUnion<S extends object, I extends object>(name: string, mutation: string, success: ClassType<S>, invalid: ClassType<I>) {
  return createUnionType({ name, description: `The outcome of ${mutation}.`, types: () => [success, invalid, ValidationError] as const });
}

/** A commit's outcome as the mutation answers it: the feature's success, or the invalid answer with the report of every problem. */
export function importResult<A, S, R extends { problems: readonly unknown[] }, I extends ErrorResult & { report: R; batch: ImportBatch }>(
  outcome: ImportOutcome<A>,
  success: (outcome: ImportOutcome<A>) => S,
  toReport: (analysis: A) => R,
  invalid: ClassType<I>,
): S | I {
  if (outcome.kind === 'SUCCEEDED') return success(outcome);
  const report = toReport(outcome.analysis);
  return Object.assign(new invalid(), {
    code: 'IMPORT_INVALID',
    message: `The file has ${report.problems.length} problem(s): nothing was imported. Fix them and import again.`,
    field: 'content',
    report,
    batch: outcome.batch,
  });
}
