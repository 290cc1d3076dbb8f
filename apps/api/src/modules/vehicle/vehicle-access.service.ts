import type { AccessEntry } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { accessViaEntries, findVisibleVehicle, ledgerEntries } from '../access/vehicle-access.js';
import { VehicleAccessEntry } from './vehicle.types.js';
import { Partner } from '../partner/partner.entity.js';
import { loaderById } from '../../common/context/loaders.js';

const PRINCIPAL_ROLES: UserRole[] = ['ADMIN', 'MANAGER', 'VIEWER'];

const principalStaffEntry = () =>
  Object.assign(new VehicleAccessEntry(), { reason: 'PRINCIPAL_STAFF', partner: null, assignedPartner: null, jobId: null, since: null, until: null, roles: PRINCIPAL_ROLES });

/** Turns ledger entries into their GraphQL form, loading the partners they name in one batch. */
async function present(ctx: RequestContext, entries: readonly AccessEntry[]): Promise<VehicleAccessEntry[]> {
  const load = (id: string | null): Promise<Partner | null> => (id ? loaderById(ctx, Partner).load(id) : Promise.resolve(null));
  return Promise.all(
    entries.map(async (e) =>
      Object.assign(new VehicleAccessEntry(), {
        reason: e.reason,
        partner: await load(e.partnerId),
        assignedPartner: await load(e.assignedPartnerId),
        jobId: e.jobId,
        since: e.since,
        until: e.until,
        roles: [...e.roles] as UserRole[],
      }),
    ),
  );
}

/** Why the viewer may see this vehicle now — the very entries its access was granted on. */
export async function accessVia(ctx: RequestContext, vehicleId: string): Promise<VehicleAccessEntry[]> {
  const entries = await accessViaEntries(ctx, vehicleId);
  return entries === null ? [principalStaffEntry()] : present(ctx, entries);
}

/**
 * Who can access a vehicle at `at` (default now) and why: the principal's staff, every partner
 * an assignment reaches (directly or through a sub-partner), every active job grant — read from
 * the ledger that enforcement uses. The tree is today's: a partner moved since is placed where it is now.
 */
export async function whoCanAccess(ctx: RequestContext, vehicleId: string, at: Date | null | undefined): Promise<VehicleAccessEntry[]> {
  const when = at ?? new Date();
  if (when.getTime() > Date.now() + 60_000) throw ValidationFailed.of('at', 'Ask about now or a past time; the future is not decided yet.');
  await findVisibleVehicle(ctx, vehicleId, 'vehicleId');
  const entries = (await ledgerEntries(ctx.em, [vehicleId], when)).get(vehicleId) ?? [];
  return [principalStaffEntry(), ...(await present(ctx, entries))];
}
