import { Arg, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Mutation, Resolver, Root, createUnionType, registerEnumType } from 'type-graphql';
import type { PartnerRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { ErrorResult, ValidationError } from '../../common/errors/error-results.js';
import { Connection, keysetPage } from '../../common/graphql/connection.js';
import { PartnerRoleEnum, enumObject } from '../../common/graphql/enums.js';
import { PartnerFilter, PartnerOrder } from '../partner/partner.inputs.js';
import { User } from '../user/user.entity.js';
import { ImportBatch, ImportKindEnum } from './import-batch.entity.js';
import type { ImportKind } from './import-batch.entity.js';
import { ImportProblemType } from './import.types.js';
import { PARTNER_CSV_COLUMNS, exportPartnersCsv } from './partners-export.service.js';
import type { PartnerCsvColumn } from './partners-export.service.js';
import { importPartners, validatePartnersImport } from './partners-import.service.js';
import type { PartnersImportAnalysis } from './partners-import.service.js';
import { loaderById } from '../../common/context/loaders.js';

export const ImportBatchConnection = Connection(ImportBatch);

export const PartnerCsvColumnEnum = enumObject<PartnerCsvColumn>(PARTNER_CSV_COLUMNS);
registerEnumType(PartnerCsvColumnEnum, {
  name: 'PartnerCsvColumn',
  description: 'A column of the partners CSV export; its header is the name in lower case (partner_id, name, …), as partners.csv names it.',
});

@InputType({ description: 'A partners.csv file to check or import (DESIGN.md §4).' })
export class PartnersImportInput {
  @Field(() => String, { description: 'The file\'s name, kept with the import batch.' })
  fileName!: string;

  @Field(() => String, { description: 'The file\'s text (UTF-8, with or without BOM; comma or semicolon separated); at most 5 MB and 10,000 rows.' })
  content!: string;
}

@ObjectType({ description: 'One partner an import would create (or created), in insert order: every parent before its children.' })
export class PartnersImportPreviewRow {
  @Field(() => Int, { description: 'The line of the file.' })
  row!: number;

  @Field(() => String, { description: 'Its Partner ID: the file\'s, or a generated one (a commit generates its own).' })
  partnerId!: string;

  @Field(() => Boolean, { description: 'Whether the Partner ID is generated because the file left it empty.' })
  generatedPartnerId!: boolean;

  @Field(() => String, { description: 'The partner\'s name.' })
  name!: string;

  @Field(() => PartnerRoleEnum, { description: 'Its role.' })
  role!: PartnerRole;

  @Field(() => String, { nullable: true, description: 'The parent\'s Partner ID, or null for a top-level partner.' })
  parentPartnerId!: string | null;

  @Field(() => Boolean, { description: 'Whether the parent is created by the same file.' })
  parentInFile!: boolean;
}

@ObjectType({ description: 'The dry run of a CSV import: every problem by line and column, and what would be created.' })
export class PartnersImportReport {
  @Field(() => String, { description: 'The file checked.' })
  fileName!: string;

  @Field(() => Int, { description: 'How many rows the file has (the header not counted).' })
  rowCount!: number;

  @Field(() => [ImportProblemType], { description: 'Every problem, in file order; while there is one, an import creates nothing.' })
  problems!: ImportProblemType[];

  @Field(() => [ImportProblemType], { description: 'Notes that do not stop the import, e.g. a pricing_plan value that cannot be imported yet and is left out.' })
  warnings!: ImportProblemType[];

  @Field(() => [PartnersImportPreviewRow], { description: 'The partners the file would create, parents first (rows with problems of their own are left out).' })
  preview!: PartnersImportPreviewRow[];

  @Field(() => Boolean, { description: 'Whether the file can be imported as it is (no problems).' })
  valid!: boolean;
}

@ObjectType({ description: 'Every row of the file was imported.' })
export class PartnersImportSuccess {
  @Field(() => ImportBatch, { description: 'The batch; list its partners with PartnerFilter.importBatchId.' })
  batch!: ImportBatch;
}

@ObjectType({ implements: ErrorResult, description: 'The file has problems: nothing was imported. The attempt is kept as a FAILED batch.' })
export class PartnersImportInvalid extends ErrorResult {
  @Field(() => PartnersImportReport, { description: 'Every problem by line and column.' })
  report!: PartnersImportReport;

  @Field(() => ImportBatch, { description: 'The FAILED batch that records the attempt.' })
  batch!: ImportBatch;
}

const ImportPartnersResult = createUnionType({
  name: 'ImportPartnersResult',
  description: 'The outcome of importPartners.',
  types: () => [PartnersImportSuccess, PartnersImportInvalid, ValidationError] as const,
});

function toReport({ fileName, plan }: PartnersImportAnalysis): PartnersImportReport {
  return Object.assign(new PartnersImportReport(), {
    fileName,
    rowCount: plan.rowCount,
    problems: plan.problems,
    warnings: plan.warnings,
    valid: plan.problems.length === 0,
    preview: plan.planned.map((p) =>
      Object.assign(new PartnersImportPreviewRow(), {
        row: p.line,
        partnerId: p.code,
        generatedPartnerId: p.generatedCode,
        name: p.profile.name,
        role: p.role,
        parentPartnerId: p.parentPartnerId,
        parentInFile: p.parentInFile,
      }),
    ),
  });
}

@Resolver(() => ImportBatch)
export class ImportResolver {
  @Allow('partners:write')
  @Query(() => PartnersImportReport, {
    description: 'Checks a partners.csv file without importing it (principal staff): every problem by line and column, and the partners it would create.',
  })
  async validatePartnersImport(@Arg('input', () => PartnersImportInput) input: PartnersImportInput, @Ctx() ctx: RequestContext): Promise<PartnersImportReport> {
    return toReport(await validatePartnersImport(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => ImportPartnersResult, {
    description: 'Imports a partners.csv file (principal staff): every row or, when the file has a problem, none — in one transaction, kept as an import batch.',
  })
  async importPartners(@Arg('input', () => PartnersImportInput) input: PartnersImportInput, @Ctx() ctx: RequestContext): Promise<typeof ImportPartnersResult> {
    const outcome = await importPartners(ctx, input);
    if (outcome.kind === 'SUCCEEDED') return Object.assign(new PartnersImportSuccess(), { batch: outcome.batch });
    const report = toReport(outcome.analysis);
    return Object.assign(new PartnersImportInvalid(), {
      code: 'IMPORT_INVALID',
      message: `The file has ${report.problems.length} problem(s): nothing was imported. Fix them and import again.`,
      field: 'content',
      report,
      batch: outcome.batch,
    });
  }

  @Allow('partners:read')
  @Query(() => ImportBatchConnection, { description: 'The CSV imports of the viewer\'s organization, newest first.' })
  async importBatches(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => ImportKindEnum, { nullable: true, description: 'Only imports of this kind.' }) kind?: ImportKind | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 200.' }) first = 20,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return keysetPage(ctx.em, ImportBatch, kind ? { kind } : {}, { first, after, orderBy: 'createdAt', direction: 'desc' });
  }

  @Allow('partners:read')
  @Query(() => String, {
    description:
      'The partners list as CSV text (header first): the same filter, scope and order as `partners`, all pages, at most 50,000 rows. Column names match partners.csv where they overlap.',
  })
  partnersCsv(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PartnerFilter, { nullable: true, description: 'The list\'s filter.' }) filter?: PartnerFilter | null,
    @Arg('orderBy', () => PartnerOrder, { nullable: true, description: 'The list\'s order; by name ascending when omitted.' }) orderBy?: PartnerOrder | null,
    @Arg('columns', () => [PartnerCsvColumnEnum], { nullable: true, description: 'The columns in view, in order; all when omitted.' }) columns?: PartnerCsvColumn[] | null,
  ): Promise<string> {
    return exportPartnersCsv(ctx, filter ?? {}, orderBy ?? { field: 'NAME', direction: 'ASC' }, columns);
  }

  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'The user who ran the import (null for an API key or a removed user).' })
  async createdBy(@Root() batch: ImportBatch, @Ctx() ctx: RequestContext): Promise<User | null> {
    return batch.createdBy ? loaderById(ctx, User).load(batch.createdBy.id) : null;
  }
}
