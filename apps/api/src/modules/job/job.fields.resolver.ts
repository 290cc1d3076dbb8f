import { Ctx, FieldResolver, Info, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Parent } from '../../common/graphql/parent.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { accessViaEntries } from '../access/vehicle-access.js';
import { JOB_ACTIONS, configurationOverrideState } from '@partner-hub/domain';
import type { ConfigurationOverrideState, JobAction } from '@partner-hub/domain';
import { JobActionEnum } from '../../common/graphql/enums.js';
import { ConfigurationOverrideStateEnum, JobConfigurationType, toConfigurationType } from './job-configuration.types.js';
import { actorFor } from '../access/job-scope.js';
import { refusalOf } from './job.service.js';
import { JobEvent } from './job-event.entity.js';
import { JobTemplate } from './job-template.entity.js';
import { Job } from './job.entity.js';
import { loaderById, rowNow } from '../../common/context/loaders.js';
import { fieldReads, rowNeedsBelow } from '../../common/graphql/row-reads.js';
import { jobLoaders } from './job.loaders.js';
import { thenNow } from '../../common/context/now.js';
import type { Now } from '../../common/context/now.js';

/**
 * Whether the viewer may see the job's vehicle now: principal staff always; a partner while its
 * grant (or an assignment) lasts. The one rule of `Job.vehicle`, `Job.configuration` and of the
 * history's changes to them.
 */
function seesVehicle(ctx: RequestContext, job: Pick<Job, 'vehicle'>): Now<boolean> {
  return thenNow(accessViaEntries(ctx, job.vehicle.id), (entries) => entries === null || entries.length > 0);
}

/**
 * Whether a recorded change describes the job's configuration or vehicle (and so is shown only with
 * them): every change of a CONFIGURATION_CHANGED event (keyed by configuration field or
 * `setting.<name>`), and an edit's `configuration.*` and `vehicle*` entries.
 */
export function describesVehicleDetails(eventType: string, key: string): boolean {
  return eventType === 'CONFIGURATION_CHANGED' || key.startsWith('configuration.') || key === 'vehicle' || key.startsWith('vehicle.');
}

@Resolver(() => Job)
export class JobFieldsResolver {
  @Allow('jobs:read')
  @FieldResolver(() => Vehicle, { nullable: true, description: 'The vehicle — for a service partner only while its access grant lasts (null afterwards).' })
  vehicle(@Parent() job: Job, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Now<Vehicle | null> {
    return thenNow(seesVehicle(ctx, job), (sees) => (sees ? rowNow(ctx, Vehicle, job.vehicle.id, rowNeedsBelow(info, Vehicle)?.props ?? null) : null));
  }

  @Allow('jobs:read')
  @FieldResolver(() => JobConfigurationType, { nullable: true, description: 'The configuration to apply — for a service partner only while its access grant lasts.' })
  async configuration(@Parent() job: Job, @Ctx() ctx: RequestContext): Promise<JobConfigurationType | null> {
    return (await seesVehicle(ctx, job)) ? toConfigurationType(job.configuration) : null;
  }

  @Allow('jobs:read')
  @FieldResolver(() => ConfigurationOverrideStateEnum, {
    description: 'Whether the viewer may change the configuration now (overrideJobConfiguration), and if not, why — the same rule the mutation applies.',
  })
  async configurationOverride(@Parent() job: Job, @Ctx() ctx: RequestContext): Promise<ConfigurationOverrideState> {
    const partner = job.servicePartner ? await loaderById(ctx, Partner).load(job.servicePartner.id) : null;
    const state = configurationOverrideState(job.status, actorFor(ctx, job), partner?.allowJobOverride ?? false);
    return state === 'ALLOWED' ? configurationOverrideState(job.status, actorFor(ctx, job), true, await seesVehicle(ctx, job)) : state;
  }

  @Allow('jobs:read')
  @FieldResolver(() => [JobActionEnum], {
    description:
      'The lifecycle actions the viewer may take on the job now (transitionJob accepts exactly these), in the lifecycle\'s order — from the job\'s status and who the viewer is to it: principal staff who change jobs, the service partner\'s admin, one of its technicians, the technician who started it. Empty for anyone else and for a deleted job.',
  })
  availableActions(@Parent() job: Job, @Ctx() ctx: RequestContext): JobAction[] {
    // the very check transitionJob applies, on the row already read: no statement per job
    if (job.deletedAt) return [];
    return JOB_ACTIONS.filter((action) => refusalOf(ctx, job, action) === null);
  }

  @Allow('jobs:read')
  @FieldResolver(() => Partner, { nullable: true, description: 'The service partner it is assigned to.' })
  servicePartner(@Parent() job: Job, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Now<Partner | null> {
    return job.servicePartner ? rowNow(ctx, Partner, job.servicePartner.id, rowNeedsBelow(info, Partner)?.props ?? null) : null;
  }

  @Allow('jobs:read')
  @FieldResolver(() => JobTemplate, { nullable: true, description: 'The template the job was created from — for principal staff (templates are theirs); null for partners.' })
  template(@Parent() job: Job, @Ctx() ctx: RequestContext): Promise<JobTemplate | null> {
    if (!job.template || viewerOf(ctx).organizationKind !== 'PRINCIPAL') return Promise.resolve(null);
    return loaderById(ctx, JobTemplate).load(job.template.id);
  }

  @Allow('jobs:read')
  @FieldResolver(() => ImportBatch, { nullable: true, description: 'The CSV import that created the job — for principal staff; null for partners.' })
  importBatch(@Parent() job: Job, @Ctx() ctx: RequestContext): Promise<ImportBatch | null> {
    if (!job.importBatch || viewerOf(ctx).organizationKind !== 'PRINCIPAL') return Promise.resolve(null);
    return loaderById(ctx, ImportBatch).load(job.importBatch.id);
  }

  @Allow('jobs:read')
  @FieldResolver(() => [JobEvent], { description: 'The job\'s history, oldest first: every transition with who, when and why.' })
  events(@Parent() job: Job, @Ctx() ctx: RequestContext): Promise<JobEvent[]> {
    return jobLoaders(ctx).jobEvents.load(job.id);
  }
}

@Resolver(() => JobEvent)
export class JobEventFieldsResolver {
  @Allow('jobs:read')
  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Changed fields: `{ field: { from, to } }` (e.g. a configuration override) — changes to the configuration or the vehicle only for a viewer who may see the job\'s `configuration` and `vehicle` now (a service partner: while its grant lasts); null when nothing is left to show.',
  })
  async changes(@Parent() event: JobEvent, @Ctx() ctx: RequestContext): Promise<Record<string, { from: unknown; to: unknown }> | null> {
    if (!event.changes) return null;
    const job = await loaderById(ctx, Job).load(event.job.id);
    if (job && (await seesVehicle(ctx, job))) return event.changes;
    const shown = Object.entries(event.changes).filter(([key]) => !describesVehicleDetails(event.type, key));
    return shown.length > 0 ? Object.fromEntries(shown) : null;
  }
}

// what the fields a jobs list shows read of a job's row (row-reads.ts): the page reads no more
fieldReads(Job, {
  vehicle: [{ vehicle: '*' }],
  servicePartner: [{ servicePartner: '*' }],
});
