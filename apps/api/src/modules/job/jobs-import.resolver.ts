import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Subscription, createUnionType } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { JobKind, JobsImportCounts as Counts } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import type { Topics } from '../../common/context/events.js';
import { Allow } from '../../common/auth/authorize.js';
import { ValidationError } from '../../common/errors/error-results.js';
import { JobKindEnum } from '../../common/graphql/enums.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { findVisibleImportBatch } from '../access/import-batch-scope.js';
import { ImportProblemType } from '../import/import.types.js';
import { JOBS_PREVIEW_LIMIT, startJobsImport, validateJobsImport } from './jobs-import.service.js';
import type { JobsImportReportData } from './jobs-import.service.js';
import { LocalDateScalar } from '../../common/graphql/local-date.scalar.js';

@InputType({ description: 'An uploaded jobs.csv file (POST /imports/uploads) to check or import (DESIGN.md §4), with the import option "prefer template data".' })
export class JobsImportInput {
  @Field(() => ID, { description: 'The uploadId that POST /imports/uploads answered (the file: UTF-8, with or without BOM; comma or semicolon separated; at most 50 MB and 100,000 rows).' })
  uploadId!: string;

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

  @Field(() => LocalDateScalar, { nullable: true, description: 'The scheduled day (YYYY-MM-DD).' })
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

  @Field(() => [ImportProblemType], { description: 'The problems in file order (the first 1,000; problemCount counts all); while there is one, an import creates nothing.' })
  problems!: ImportProblemType[];

  @Field(() => Int, { description: 'How many problems the file has.' })
  problemCount!: number;

  @Field(() => [ImportProblemType], { description: 'Notes that do not stop the import, e.g. a scheduled_for date in the past (the first 1,000; warningCount counts all).' })
  warnings!: ImportProblemType[];

  @Field(() => Int, { description: 'How many warnings the file has.' })
  warningCount!: number;

  @Field(() => JobsImportCounts, { description: 'What the file would create (rows with problems left out).' })
  counts!: JobsImportCounts;

  @Field(() => [JobsImportPreviewRow], { description: `The first ${JOBS_PREVIEW_LIMIT} jobs the file would create, in file order (rows with problems left out); counts.jobs says how many there are in all.` })
  preview!: JobsImportPreviewRow[];

  @Field(() => Boolean, { description: 'Whether the file can be imported as it is (no problems).' })
  valid!: boolean;
}

@ObjectType({ description: 'The import has started: it goes on in the background. Follow it with the subscription importBatchProgress (or the query importBatch).' })
export class JobsImportStarted {
  @Field(() => ImportBatch, { description: 'The RUNNING batch; it ends SUCCEEDED (list its jobs with JobFilter.importBatchId) or FAILED with its problems, and nothing imported.' })
  batch!: ImportBatch;
}

const StartJobsImportResult = createUnionType({
  name: 'StartJobsImportResult',
  description: 'The outcome of startJobsImport.',
  types: () => [JobsImportStarted, ValidationError] as const,
});

type ProgressPayload = Topics['IMPORT_BATCH_PROGRESS'][0];

const toCounts = (counts: Counts) => Object.assign(new JobsImportCounts(), counts);

function toReport(report: JobsImportReportData): JobsImportReport {
  return Object.assign(new JobsImportReport(), {
    fileName: report.fileName,
    rowCount: report.rowCount,
    problems: report.problems,
    problemCount: report.problemCount,
    warnings: report.warnings,
    warningCount: report.warningCount,
    counts: toCounts(report.counts),
    valid: report.problemCount === 0,
    preview: report.preview.map((p) =>
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

/** The jobs.csv import of an uploaded file: validate (dry run), start the commit, follow its progress. */
@Resolver()
export class JobsImportResolver {
  @Allow('jobs:write')
  @Query(() => JobsImportReport, {
    description:
      'Checks an uploaded jobs.csv file without importing it (principal staff): the problems by line and column, the warnings, and the jobs it would create. Read in batches, with a few set-based lookups per batch.',
  })
  async validateJobsImport(@Arg('input', () => JobsImportInput) input: JobsImportInput, @Ctx() ctx: RequestContext): Promise<JobsImportReport> {
    return toReport(await validateJobsImport(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => StartJobsImportResult, {
    description:
      'Starts the import of an uploaded jobs.csv file (principal staff) and returns its RUNNING batch at once; the work goes on in the background, in one transaction: one job per row, PENDING or — with assigned_installer_company_id — ASSIGNED to that service partner with an access grant for its technicians; every row or, when the file has a problem, none (the batch then ends FAILED with the problems). Follow it with importBatchProgress.',
  })
  async startJobsImport(@Arg('input', () => JobsImportInput) input: JobsImportInput, @Ctx() ctx: RequestContext): Promise<typeof StartJobsImportResult> {
    return Object.assign(new JobsImportStarted(), { batch: await startJobsImport(ctx, input) });
  }

  @Allow('jobs:write')
  @Query(() => ImportBatch, { nullable: true, description: 'One import batch of the viewer\'s organization (e.g. a RUNNING jobs import: status, rowCount, processedRows), or null.' })
  async importBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportBatch | null> {
    return findVisibleImportBatch(ctx, id);
  }

  @Allow('jobs:write')
  @Subscription(() => ImportBatch, {
    topics: 'IMPORT_BATCH_PROGRESS',
    filter: ({ payload, args, context }: { payload: ProgressPayload; args: { id: string }; context: RequestContext }) =>
      payload.id === args.id && payload.organizationId === context.viewer?.organizationId && context.viewer.organizationKind === 'PRINCIPAL',
    description:
      'The progress of one import batch of the own organization (principal staff): the batch after each checked batch of rows (processedRows of rowCount), and once more when it has ended (SUCCEEDED or FAILED).',
  })
  async importBatchProgress(
    @Arg('id', () => ID, { description: 'The batch startJobsImport returned.' }) _id: string,
    @Parent() payload: ProgressPayload,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportBatch> {
    // each event is read through a fresh fork of the subscriber's scoped EntityManager
    return ctx.em.fork().findOneOrFail(ImportBatch, { id: payload.id });
  }
}
