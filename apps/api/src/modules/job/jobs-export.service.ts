import { raw } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import { csvLines } from '../import/csv-writer.js';
import { EXPORT_BATCH_SIZE, exportBatches } from '../import/csv-export.js';
import { JOB_CONFIGURATION_FIELDS, jobExportHeader } from '@partner-hub/domain';
import type { JobConfigurationField } from '@partner-hub/domain';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { principalIdsOf } from '../../common/auth/viewer.js';
import { Job } from './job.entity.js';
import { jobSortColumn, jobsWhere } from './job.service.js';
import type { JobFilterInput, JobSortField } from './job.service.js';
import { Partner } from '../partner/partner.entity.js';
import { accessSubject, vehicleScopeWhere } from '../access/vehicle-access.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';

/**
 * CSV export of the jobs list (DESIGN.md §4): the same scope, filter and order as `jobs`, every
 * page, in the columns of jobs.csv (with a `setting.<name>` column per setting in the view) and
 * then the read-only `job_id, status, service_partner, created_at`, which the import ignores — so
 * an export imports again.
 *
 * Built for 1,000,000 jobs: one statement for the view's setting names (the header must come
 * first), then keyset batches of 1,000 with at most three statements each (the jobs, their
 * vehicles within the viewer's access, the service partners not met before). Yields the file in
 * pieces, one per batch, so neither the server nor the query ever holds the whole view.
 *
 * - A partner's people get only the jobs assigned to their organization (the list's scope); the
 *   vehicle (`vin`, `license_plate`) and configuration columns stay empty for a job whose
 *   vehicle they no longer see (the access grant ended) — such a row does not re-import.
 * - `template` is left empty: a job holds its configuration already merged with its template's,
 *   and naming the template would let a re-import fill cells the job deliberately left empty.
 */

export const JOBS_EXPORT_BATCH_SIZE = EXPORT_BATCH_SIZE;

export interface JobsExportOrder {
  field: JobSortField;
  direction: 'ASC' | 'DESC';
}

const CONFIGURATION_COLUMN: Record<JobConfigurationField, string> = {
  deviceSerial: 'device_serial',
  deviceModel: 'device_model',
  firmware: 'firmware',
  installationVariant: 'installation_variant',
  centralLockConnectionType: 'central_lock_connection_type',
  fuelType: 'fuel_type',
};

/** `vehicle_id in (the vehicles the viewer may see now)`, or nothing for principal staff. */
async function visibleVehicleCondition(ctx: RequestContext): Promise<FilterQuery<Vehicle> | null> {
  return accessSubject(ctx).kind === 'PRINCIPAL_STAFF' ? null : vehicleScopeWhere(ctx);
}

/** The names of the settings of every job in the view whose configuration the viewer may see: one statement. */
async function settingNamesOf(ctx: RequestContext, where: FilterQuery<Job>, vehicles: FilterQuery<Vehicle> | null): Promise<string[]> {
  // a query builder applies no entity filter: the tenant condition is spelled out
  const tenant: FilterQuery<Job> = { principal: { $in: principalIdsOf(viewerOf(ctx)) } };
  const condition = { $and: [tenant, where, ...(vehicles ? [{ vehicle: vehicles }] : [])] };
  const rows: { name: string }[] = await ctx.em
    .createQueryBuilder(Job, 'j')
    .select(raw(`distinct jsonb_object_keys(j.configuration -> 'settings') as name`))
    .where(condition as never)
    .execute('all', false);
  return rows.map((row) => row.name);
}

interface BatchLookups {
  /** the batch's vehicles the viewer may see: VIN and plate */
  vehicles: Map<string, { vin: string; plate: string | null }>;
  /** every service partner met so far: Partner ID and name */
  partners: Map<string, { code: string; name: string }>;
}

function cellsOf(job: Job, header: readonly string[], lookups: BatchLookups): string[] {
  const vehicle = lookups.vehicles.get(job.vehicle.id);
  const partner = job.servicePartner ? lookups.partners.get(job.servicePartner.id) : undefined;
  const configuration = vehicle ? job.configuration : null;
  const cells: Record<string, string> = {
    vin: vehicle?.vin ?? '',
    license_plate: vehicle?.plate ?? '',
    kind: job.kind.toLowerCase(),
    template: '',
    title: job.title ?? '',
    description: job.description ?? '',
    instructions: job.instructions ?? '',
    scheduled_for: job.scheduledFor ?? '',
    assigned_installer_company_id: partner?.code ?? '',
    job_id: job.id,
    status: job.status,
    service_partner: partner?.name ?? '',
    created_at: job.createdAt.toISOString(),
  };
  if (configuration) {
    for (const field of JOB_CONFIGURATION_FIELDS) cells[CONFIGURATION_COLUMN[field]] = configuration[field] ?? '';
    for (const [name, value] of Object.entries(configuration.settings)) cells[`setting.${name}`] = value;
  }
  return header.map((column) => cells[column] ?? '');
}

/**
 * The jobs list as CSV, piece by piece: the header first, then one piece per batch of
 * {@link JOBS_EXPORT_BATCH_SIZE} jobs, exactly the rows and order the list shows.
 * @throws ValidationFailed for a bad filter (before anything is yielded)
 */
export async function* jobsCsvPieces(ctx: RequestContext, filter: JobFilterInput, order: JobsExportOrder, batchSize = JOBS_EXPORT_BATCH_SIZE): AsyncGenerator<string> {
  const where = await jobsWhere(ctx, filter);
  const vehicles = await visibleVehicleCondition(ctx);
  // a fork of its own, cleared after each batch: a million jobs never sit in an identity map
  const em = ctx.em.fork();
  const header = jobExportHeader(await settingNamesOf(ctx, where, vehicles));
  yield csvLines([header]);
  const partners = new Map<string, { code: string; name: string }>();
  for await (const jobs of exportBatches(em, Job, where, { orderBy: jobSortColumn(order.field), direction: order.direction, batchSize })) {
    const vehicleIds = [...new Set(jobs.map((job) => job.vehicle.id))];
    const newPartnerIds = [...new Set(jobs.flatMap((job) => (job.servicePartner && !partners.has(job.servicePartner.id) ? [job.servicePartner.id] : [])))];
    const [seen, met] = await Promise.all([
      em.find(Vehicle, vehicles ? { $and: [{ id: { $in: vehicleIds } }, vehicles] } : { id: { $in: vehicleIds } }, { fields: ['id', 'vin', 'plate'] }),
      newPartnerIds.length > 0 ? em.find(Partner, { id: { $in: newPartnerIds } }, { populate: ['organization'], fields: ['id', 'code', 'organization.name'], strategy: 'joined' }) : Promise.resolve([]),
    ]);
    for (const partner of met) partners.set(partner.id, { code: partner.code, name: partner.organization.name });
    const lookups: BatchLookups = { vehicles: new Map(seen.map((v) => [v.id, { vin: v.vin, plate: v.plate ?? null }])), partners };
    yield csvLines(jobs.map((job) => cellsOf(job, header, lookups)));
  }
}
