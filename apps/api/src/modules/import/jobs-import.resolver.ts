import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import type { JobKind, JobsImportCounts as Counts } from '@partner-hub/domain';
import type { RequestContext } from '../../app/context.js';
import { Allow } from '../../common/auth/authorize.js';
import { ErrorResult, ValidationError } from '../../common/errors/error-results.js';
import { JobKindEnum } from '../../common/graphql/enums.js';
import { ImportBatch } from './import-batch.entity.js';
import { ImportProblemType } from './import.types.js';
import { importJobs, validateJobsImport } from './jobs-import.service.js';
import type { JobsImportAnalysis } from './jobs-import.service.js';

/** The report lists this many jobs to create; the counts cover the whole file (100,000 preview rows would cost seconds to serialize and nobody reads them). */
export const JOBS_PREVIEW_LIMIT = 200;

@InputType({ description: 'A jobs.csv file to check or import (DESIGN.md §4), with the import option "prefer template data".' })
export class JobsImportInput {
  @Field(() => String, { description: 'The file\'s name, kept with the import batch.' })
  fileName!: string;

  @Field(() => String, { description: 'The file\'s text (UTF-8, with or without BOM; comma or semicolon separated); at most 50 MB and 100,000 rows.' })
  content!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: '"Prefer template data": where a row names a template, the template\'s values win over the row\'s (otherwise they only fill the row\'s empty cells).',
  })
  preferTemplate?: boolean | null;
}

@ObjectType({ description: 'How many jobs a jobs import would create (or created).' })
export class JobsImportCounts implements Counts {
  @Field(() => Int, { description: 'Jobs: one per row.' })
  jobs!: number;

  @Field(() => Int, { description: 'Jobs created ASSIGNED to their assigned_installer_company_id (each with an access grant for that partner\'s technicians).' })
  assigned!: number;

  @Field(() => Int, { description: 'Jobs created PENDING (no assigned_installer_company_id).' })
  pending!: number;

  @Field(() => Int, { description: 'INSTALLATION jobs.' })
  installation!: number;

  @Field(() => Int, { description: 'MAINTENANCE jobs.' })
  maintenance!: number;

  @Field(() => Int, { description: 'Jobs filled from a template.' })
  fromTemplate!: number;
}

@ObjectType({ description: 'One job a jobs import would create, as its row was read and merged with its template.' })
export class JobsImportPreviewRow {
  @Field(() => Int, { description: 'The line of the file.' })
  row!: number;

  @Field(() => JobKindEnum, { description: 'INSTALLATION or MAINTENANCE.' })
  kind!: JobKind;

  @Field(() => String, { description: 'The vehicle\'s VIN (also when the row named it by plate).' })
  vin!: string;

  @Field(() => String, { nullable: true, description: 'The vehicle\'s plate.' })
  plate!: string | null;

  @Field(() => String, { nullable: true, description: 'The job\'s title (after the template merge).' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'The template\'s name, when the row names one.' })
  templateName!: string | null;

  @Field(() => String, { nullable: true, description: 'The device serial of the configuration (after the template merge).' })
  deviceSerial!: string | null;

  @Field(() => String, { nullable: true, description: 'The scheduled day (YYYY-MM-DD).' })
  scheduledFor!: string | null;

  @Field(() => String, { nullable: true, description: 'The Partner ID of the service partner it is assigned to, or null (created PENDING).' })
  partnerId!: string | null;

  @Field(() => String, { nullable: true, description: 'That service partner\'s name.' })
  partnerName!: string | null;
}

@ObjectType({ description: 'The dry run of a jobs.csv import: every problem by line and column, the warnings, and what would be created.' })
export class JobsImportReport {
  @Field(() => String, { description: 'The file checked.' })
  fileName!: string;

  @Field(() => Int, { description: 'How many rows the file has (the header not counted).' })
  rowCount!: number;

  @Field(() => [ImportProblemType], { description: 'Every problem, in file order; while there is one, an import creates nothing.' })
  problems!: ImportProblemType[];

  @Field(() => [ImportProblemType], { description: 'Notes that do not stop the import, e.g. a scheduled_for date in the past.' })
  warnings!: ImportProblemType[];

  @Field(() => JobsImportCounts, { description: 'What the file would create (rows with problems left out).' })
  counts!: JobsImportCounts;

  @Field(() => [JobsImportPreviewRow], { description: `The first ${JOBS_PREVIEW_LIMIT} jobs the file would create, in file order (rows with problems left out); counts.jobs says how many there are in all.` })
  preview!: JobsImportPreviewRow[];

  @Field(() => Boolean, { description: 'Whether the file can be imported as it is (no problems).' })
  valid!: boolean;
}

@ObjectType({ description: 'Every row of the file was imported as a job.' })
export class JobsImportSuccess {
  @Field(() => ImportBatch, { description: 'The batch; list its jobs with JobFilter.importBatchId.' })
  batch!: ImportBatch;

  @Field(() => JobsImportCounts, { description: 'What the import created.' })
  counts!: JobsImportCounts;
}

@ObjectType({ implements: ErrorResult, description: 'The jobs file has problems: nothing was imported. The attempt is kept as a FAILED batch.' })
export class JobsImportInvalid extends ErrorResult {
  @Field(() => JobsImportReport, { description: 'Every problem by line and column.' })
  report!: JobsImportReport;

  @Field(() => ImportBatch, { description: 'The FAILED batch that records the attempt.' })
  batch!: ImportBatch;
}

const ImportJobsResult = createUnionType({
  name: 'ImportJobsResult',
  description: 'The outcome of importJobs.',
  types: () => [JobsImportSuccess, JobsImportInvalid, ValidationError] as const,
});

const toCounts = (counts: Counts) => Object.assign(new JobsImportCounts(), counts);

function toReport({ fileName, plan }: JobsImportAnalysis): JobsImportReport {
  return Object.assign(new JobsImportReport(), {
    fileName,
    rowCount: plan.rowCount,
    problems: plan.problems,
    warnings: plan.warnings,
    counts: toCounts(plan.counts),
    valid: plan.problems.length === 0,
    preview: plan.planned.slice(0, JOBS_PREVIEW_LIMIT).map((p) =>
      Object.assign(new JobsImportPreviewRow(), {
        row: p.line,
        kind: p.kind,
        vin: p.vehicle.vin,
        plate: p.vehicle.plate,
        title: p.title,
        templateName: p.template?.name ?? null,
        deviceSerial: p.configuration.deviceSerial ?? null,
        scheduledFor: p.scheduledFor,
        partnerId: p.servicePartner?.code ?? null,
        partnerName: p.servicePartner?.name ?? null,
      }),
    ),
  });
}

/** The jobs.csv import: validate (dry run) and commit. */
@Resolver()
export class JobsImportResolver {
  @Allow('jobs:write')
  @Query(() => JobsImportReport, {
    description: 'Checks a jobs.csv file without importing it (principal staff): every problem by line and column, the warnings, and the jobs it would create.',
  })
  async validateJobsImport(@Arg('input', () => JobsImportInput) input: JobsImportInput, @Ctx() ctx: RequestContext): Promise<JobsImportReport> {
    return toReport(await validateJobsImport(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => ImportJobsResult, {
    description:
      'Imports a jobs.csv file (principal staff): one job per row, PENDING or — with assigned_installer_company_id — ASSIGNED to that service partner with an access grant for its technicians; every row or, when the file has a problem, none, in one transaction kept as an import batch.',
  })
  async importJobs(@Arg('input', () => JobsImportInput) input: JobsImportInput, @Ctx() ctx: RequestContext): Promise<typeof ImportJobsResult> {
    const outcome = await importJobs(ctx, input);
    if (outcome.kind === 'SUCCEEDED') return Object.assign(new JobsImportSuccess(), { batch: outcome.batch, counts: toCounts(outcome.analysis.plan.counts) });
    const report = toReport(outcome.analysis);
    return Object.assign(new JobsImportInvalid(), {
      code: 'IMPORT_INVALID',
      message: `The file has ${report.problems.length} problem(s): nothing was imported. Fix them and import again.`,
      field: 'content',
      report,
      batch: outcome.batch,
    });
  }
}
