import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { VehiclesImportCounts as Counts } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { VehicleFilter, VehicleOrder } from './vehicle.types.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import type { CsvImportInput } from '../import/import-common.js';
import type { ImportOutcome } from '../import/import-commit.js';
import { CsvImportInputType, ImportInvalidType, ImportReport, ImportResultUnion, importResult, reportFields } from '../import/import-graphql.js';
import { ImportProblemType } from '../import/import.types.js';
import { exportVehiclesCsv } from './vehicles-export.service.js';
import { importVehicles, validateVehiclesImport } from './vehicles-import.service.js';
import type { VehiclesImportAnalysis } from './vehicles-import.service.js';

/** The report lists this many vehicles to create; the counts cover the whole file (10,000 preview rows cost seconds to serialize and nobody reads them). */
export const VEHICLES_PREVIEW_LIMIT = 200;

const VehiclesImportInput = CsvImportInputType('VehiclesImportInput', 'vehicles.csv');

@ObjectType({ description: 'How many objects of each kind a vehicles import would create (or created).' })
export class VehiclesImportCounts implements Counts {
  @Field(() => Int, { description: 'Vehicles: one per row.' })
  vehicles!: number;

  @Field(() => Int, { description: 'Owners created because their owner_email is new to the principal (one per e-mail, however many rows name it).' })
  newOwners!: number;

  @Field(() => Int, { description: 'Owners that exist already and get OWNER access to imported vehicles.' })
  existingOwners!: number;

  @Field(() => Int, { description: 'OWNER accesses: one per row with an owner_email.' })
  ownerAccesses!: number;

  @Field(() => Int, { description: 'Open assignments to partners: one per row with a partner_id.' })
  assignments!: number;
}

@ObjectType({ description: 'One vehicle a vehicles import would create, as the file\'s row was read.' })
export class VehiclesImportPreviewRow {
  @Field(() => Int, { description: 'The line of the file.' })
  row!: number;

  @Field(() => String, { description: 'The VIN, normalized (upper case, without spaces and dashes).' })
  vin!: string;

  @Field(() => String, { description: 'The make.' })
  make!: string;

  @Field(() => String, { description: 'The model.' })
  model!: string;

  @Field(() => Int, { nullable: true, description: 'The model year.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'The licence plate, normalized.' })
  plate!: string | null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s serial number.' })
  deviceSerial!: string | null;

  @Field(() => String, { nullable: true, description: 'The owner\'s e-mail (lower case), or null.' })
  ownerEmail!: string | null;

  @Field(() => Boolean, { description: 'Whether the import creates this owner (its e-mail is new to the principal).' })
  newOwner!: boolean;

  @Field(() => String, { nullable: true, description: 'The Partner ID the vehicle is assigned to, or null.' })
  partnerId!: string | null;

  @Field(() => String, { nullable: true, description: 'That partner\'s name.' })
  partnerName!: string | null;
}

@ObjectType({ description: 'The dry run of a vehicles.csv import: every problem by line and column, the warnings, and what would be created.' })
export class VehiclesImportReport extends ImportReport {
  @Field(() => [ImportProblemType], { description: 'Notes that do not stop the import, e.g. a North-American VIN whose check digit does not match.' })
  warnings!: ImportProblemType[];

  @Field(() => VehiclesImportCounts, { description: 'What the file would create (rows with problems of their own left out).' })
  counts!: VehiclesImportCounts;

  @Field(() => [VehiclesImportPreviewRow], { description: `The first ${VEHICLES_PREVIEW_LIMIT} vehicles the file would create, in file order (rows with problems left out); counts.vehicles says how many there are in all.` })
  preview!: VehiclesImportPreviewRow[];
}

@ObjectType({ description: 'Every row of the file was imported.' })
export class VehiclesImportSuccess {
  @Field(() => ImportBatch, { description: 'The batch; list its vehicles with VehicleFilter.importBatchId.' })
  batch!: ImportBatch;

  @Field(() => VehiclesImportCounts, { description: 'What the import created.' })
  counts!: VehiclesImportCounts;
}

const VehiclesImportInvalid = ImportInvalidType('VehiclesImportInvalid', VehiclesImportReport);
const ImportVehiclesResult = ImportResultUnion('ImportVehiclesResult', 'importVehicles', VehiclesImportSuccess, VehiclesImportInvalid);

const toCounts = (counts: Counts) => Object.assign(new VehiclesImportCounts(), counts);

function toReport(analysis: VehiclesImportAnalysis): VehiclesImportReport {
  const { plan, partnerNames } = analysis;
  return Object.assign(new VehiclesImportReport(), {
    ...reportFields(analysis),
    warnings: plan.warnings,
    counts: toCounts(plan.counts),
    preview: plan.planned.slice(0, VEHICLES_PREVIEW_LIMIT).map((p) =>
      Object.assign(new VehiclesImportPreviewRow(), {
        row: p.line,
        vin: p.vehicle.vin,
        make: p.vehicle.make,
        model: p.vehicle.model,
        year: p.vehicle.year ?? null,
        plate: p.vehicle.plate ?? null,
        deviceSerial: p.vehicle.deviceSerial ?? null,
        ownerEmail: p.owner?.email ?? null,
        newOwner: p.owner !== null && p.owner.id === null,
        partnerId: p.partner?.code ?? null,
        partnerName: p.partner ? (partnerNames.get(p.partner.code) ?? null) : null,
      }),
    ),
  });
}

/** The vehicles.csv import (validate, commit) and the vehicles list's CSV export. */
@Resolver()
export class VehiclesCsvResolver {
  @Allow('vehicles:write')
  @Query(() => VehiclesImportReport, {
    description: 'Checks a vehicles.csv file without importing it (principal staff): every problem by line and column, the warnings, and what it would create.',
  })
  async validateVehiclesImport(@Arg('input', () => VehiclesImportInput) input: CsvImportInput, @Ctx() ctx: RequestContext): Promise<VehiclesImportReport> {
    return toReport(await validateVehiclesImport(ctx, input));
  }

  @Allow('vehicles:write')
  @Mutation(() => ImportVehiclesResult, {
    description:
      'Imports a vehicles.csv file (principal staff): vehicles, new owners (by e-mail) with OWNER access, and assignments to partner_id — every row or, when the file has a problem, none, in one transaction kept as an import batch.',
  })
  async importVehicles(@Arg('input', () => VehiclesImportInput) input: CsvImportInput, @Ctx() ctx: RequestContext): Promise<typeof ImportVehiclesResult> {
    const success = ({ batch, analysis }: ImportOutcome<VehiclesImportAnalysis>) => Object.assign(new VehiclesImportSuccess(), { batch, counts: toCounts(analysis.plan.counts) });
    return importResult(await importVehicles(ctx, input), success, toReport, VehiclesImportInvalid);
  }

  @Allow('vehicles:read')
  @Query(() => String, {
    description:
      'The vehicles list as CSV text (header first) in exactly the columns of vehicles.csv: the same filter, scope and order as `vehicles`, all pages, at most 100,000 rows. owner_email is the first OWNER\'s e-mail (empty without owners:read); partner_id the Partner ID of the earliest open assignment the viewer may see.',
  })
  vehiclesCsv(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => VehicleFilter, { nullable: true, description: 'The list\'s filter.' }) filter?: VehicleFilter | null,
    @Arg('orderBy', () => VehicleOrder, { nullable: true, description: 'The list\'s order; newest first when omitted (as the list).' }) orderBy?: VehicleOrder | null,
  ): Promise<string> {
    return exportVehiclesCsv(ctx, filter ?? {}, orderBy ?? { field: 'CREATED_AT', direction: 'DESC' });
  }
}
