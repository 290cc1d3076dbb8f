import { Arg, Ctx, Field, Int, ObjectType, Query, Mutation, Resolver, registerEnumType } from 'type-graphql';
import type { PartnerRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { PartnerRoleEnum, enumObject } from '../../common/graphql/enums.js';
import { PartnerFilter, PartnerOrder } from './partner.inputs.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import type { CsvImportInput } from '../import/import-common.js';
import { CsvImportInputType, ImportInvalidType, ImportReport, ImportResultUnion, importResult, reportFields } from '../import/import-graphql.js';
import { ImportProblemType } from '../import/import.types.js';
import { PARTNER_CSV_COLUMNS, exportPartnersCsv } from './partners-export.service.js';
import type { PartnerCsvColumn } from './partners-export.service.js';
import { importPartners, validatePartnersImport } from './partners-import.service.js';
import type { PartnersImportAnalysis } from './partners-import.service.js';

export const PartnerCsvColumnEnum = enumObject<PartnerCsvColumn>(PARTNER_CSV_COLUMNS);
registerEnumType(PartnerCsvColumnEnum, {
  name: 'PartnerCsvColumn',
  description: 'A column of the partners CSV export; its header is the name in lower case (partner_id, name, …), as partners.csv names it.',
});

const PartnersImportInput = CsvImportInputType('PartnersImportInput', 'partners.csv');

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
export class PartnersImportReport extends ImportReport {
  @Field(() => [ImportProblemType], { description: 'Notes that do not stop the import, e.g. a pricing_plan value that cannot be imported yet and is left out.' })
  warnings!: ImportProblemType[];

  @Field(() => [PartnersImportPreviewRow], { description: 'The partners the file would create, parents first (rows with problems of their own are left out).' })
  preview!: PartnersImportPreviewRow[];
}

@ObjectType({ description: 'Every row of the file was imported.' })
export class PartnersImportSuccess {
  @Field(() => ImportBatch, { description: 'The batch; list its partners with PartnerFilter.importBatchId.' })
  batch!: ImportBatch;
}

const PartnersImportInvalid = ImportInvalidType('PartnersImportInvalid', PartnersImportReport);
const ImportPartnersResult = ImportResultUnion('ImportPartnersResult', 'importPartners', PartnersImportSuccess, PartnersImportInvalid);

function toReport(analysis: PartnersImportAnalysis): PartnersImportReport {
  const { plan } = analysis;
  return Object.assign(new PartnersImportReport(), {
    ...reportFields(analysis),
    warnings: plan.warnings,
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

/** The partners.csv import (validate, commit) and the partners list's CSV export. */
@Resolver()
export class PartnersCsvResolver {
  @Allow('partners:write')
  @Query(() => PartnersImportReport, {
    description: 'Checks a partners.csv file without importing it (principal staff): every problem by line and column, and the partners it would create.',
  })
  async validatePartnersImport(@Arg('input', () => PartnersImportInput) input: CsvImportInput, @Ctx() ctx: RequestContext): Promise<PartnersImportReport> {
    return toReport(await validatePartnersImport(ctx, input));
  }

  @Allow('partners:write')
  @Mutation(() => ImportPartnersResult, {
    description: 'Imports a partners.csv file (principal staff): every row or, when the file has a problem, none — in one transaction, kept as an import batch.',
  })
  async importPartners(@Arg('input', () => PartnersImportInput) input: CsvImportInput, @Ctx() ctx: RequestContext): Promise<typeof ImportPartnersResult> {
    const success = ({ batch }: { batch: ImportBatch }) => Object.assign(new PartnersImportSuccess(), { batch });
    return importResult(await importPartners(ctx, input), success, toReport, PartnersImportInvalid);
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
}
