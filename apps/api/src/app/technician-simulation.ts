import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobAction, JobStatus } from '@partner-hub/domain';
import type { AppDeps } from '../common/context/request-context.js';
import { AccessError, UserError } from '../common/errors/app-errors.js';
import { viewerOfUser } from '../modules/auth/authenticate.js';
import { createJob, transitionJob } from '../modules/job/job.service.js';
import { contextForViewer } from './request-context.js';

/**
 * "Simulate technicians" (development; docs/development.md): a loop that moves jobs along their
 * lifecycle as their people would — technicians start assigned jobs and finish running ones (most
 * succeed, some fail with a reason), the principal's staff assign pending jobs, reassign failed ones
 * and now and then create one, so the demo never runs dry. Every step is a real mutation through the
 * job services, acting as that user: checked against the lifecycle, one committed transaction with
 * its job event and audit record, published as JOB_CHANGED — a newcomer's dashboard and lists move.
 */

export interface TechnicianSimulationOptions {
  /** pause between rounds */
  everyMs?: number;
  /** changes per round */
  changesPerRound?: number;
  /** the source of chance (a seeded one in tests) */
  random?: () => number;
}

export interface TechnicianSimulation {
  /** Stops the loop; resolves once the round in progress has ended. */
  stop(): Promise<void>;
  /** Resolves after the next round has ended (tests wait on it). */
  nextRound(): Promise<void>;
}

const FAILURE_REASONS = [
  'The CAN bus connector is damaged; the vehicle needs a workshop visit first.',
  'The owner did not bring the vehicle to the appointment.',
  'The unit does not power up; a replacement is ordered.',
];

interface CandidateJob {
  id: string;
  status: JobStatus;
  principal_id: string;
  service_partner_id: string | null;
  technician_id: string | null;
  kind: 'INSTALLATION' | 'MAINTENANCE';
  vehicle_id: string;
}

/** One change: who acts (a user id) and what they do. */
type Step =
  | { actor: string; kind: 'transition'; job: CandidateJob; action: JobAction; reason?: string; servicePartnerId?: string }
  | { actor: string; kind: 'create'; like: CandidateJob; servicePartnerId: string };

export function startTechnicianSimulation(orm: MikroORM, deps: AppDeps, options: TechnicianSimulationOptions = {}): TechnicianSimulation {
  const { everyMs = 3000, changesPerRound = 2, random = Math.random } = options;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => orm.em.fork().getConnection().execute(text, params);

  const userOf = async (text: string, params: unknown[]): Promise<string | undefined> => pick((await sql<{ id: string }>(text, params)).map((r) => r.id));
  const technicianOf = (partnerId: string) =>
    userOf(`select u.id from app_user u join partner p on p.organization_id = u.organization_id where p.id = ? and u.role = 'TECHNICIAN' and u.active`, [partnerId]);
  const partnerAdminOf = (partnerId: string) =>
    userOf(`select u.id from app_user u join partner p on p.organization_id = u.organization_id where p.id = ? and u.role = 'ADMIN' and u.active`, [partnerId]);
  const staffOf = (principalId: string) => userOf(`select id from app_user where organization_id = ? and role in ('ADMIN', 'MANAGER') and active`, [principalId]);
  const servicePartnerOf = async (principalId: string) =>
    pick(
      (await sql<{ id: string }>(`select id from partner where principal_id = ? and role = 'SERVICE_PARTNER' and status = 'ACCEPTED' and not blocked and archived_at is null`, [principalId])).map((r) => r.id),
    );

  /** What someone could do to this job now, or null when nobody fits. */
  async function stepFor(job: CandidateJob): Promise<Step | null> {
    switch (job.status) {
      case 'ASSIGNED': {
        const technician = job.service_partner_id ? await technicianOf(job.service_partner_id) : undefined;
        return technician ? { actor: technician, kind: 'transition', job, action: 'START' } : null;
      }
      case 'RUNNING': {
        const actor = job.technician_id ?? (job.service_partner_id ? await partnerAdminOf(job.service_partner_id) : undefined);
        if (!actor) return null;
        return random() < 0.8 ? { actor, kind: 'transition', job, action: 'SUCCEED' } : { actor, kind: 'transition', job, action: 'FAIL', reason: pick(FAILURE_REASONS) ?? 'Failed.' };
      }
      case 'PENDING':
      case 'FAILED': {
        const [actor, servicePartnerId] = await Promise.all([staffOf(job.principal_id), servicePartnerOf(job.principal_id)]);
        if (!actor || !servicePartnerId) return null;
        // with nothing left pending, the principal plans a new job like this one now and then: the demo keeps moving
        if (job.status === 'FAILED' && random() < 0.3) return { actor, kind: 'create', like: job, servicePartnerId };
        return { actor, kind: 'transition', job, action: job.status === 'PENDING' ? 'ASSIGN' : 'REASSIGN', servicePartnerId };
      }
      default:
        return null;
    }
  }

  /** The principal's staff plan (and assign) a new job on the vehicle of a finished one. */
  async function newJobLike(job: CandidateJob): Promise<Step | null> {
    const [actor, servicePartnerId] = await Promise.all([staffOf(job.principal_id), servicePartnerOf(job.principal_id)]);
    return actor && servicePartnerId ? { actor, kind: 'create', like: job, servicePartnerId } : null;
  }

  async function take(step: Step): Promise<void> {
    const viewer = await viewerOfUser(orm.em.fork(), step.actor);
    if (!viewer) return;
    const ctx = contextForViewer(orm, deps, viewer);
    if (step.kind === 'create') {
      await createJob(ctx, { kind: step.like.kind, vehicleId: step.like.vehicle_id, title: 'Simulated follow-up', configuration: {}, assign: true, servicePartnerId: step.servicePartnerId });
      return;
    }
    await transitionJob(ctx, { id: step.job.id, action: step.action, reason: step.reason ?? null, servicePartnerId: step.servicePartnerId ?? null });
  }

  async function round(): Promise<void> {
    // running and assigned jobs move most; pending and failed ones are the principal's occasional part
    const weights: [JobStatus, number][] = [['RUNNING', 4], ['ASSIGNED', 4], ['PENDING', 1], ['FAILED', 1]];
    for (let change = 0; change < changesPerRound && !stopped; change++) {
      // the maintained counters say which statuses have jobs, without counting them
      const available = await sql<{ status: JobStatus }>(`select distinct status from job_count where n > 0 and status in ('PENDING', 'ASSIGNED', 'RUNNING', 'FAILED')`);
      const open = weights.filter(([status]) => available.some((a) => a.status === status));
      const total = open.reduce((sum, [, w]) => sum + w, 0);
      let roll = random() * total;
      const status = open.find(([, w]) => (roll -= w) < 0)?.[0];
      // every job finished: the principal plans a new one like a finished one, so the demo never stands still
      const jobs = await sql<CandidateJob>(
        `select id, status, principal_id, service_partner_id, technician_id, kind, vehicle_id from job where deleted_at is null and status = ? order by created_at desc limit 25`,
        [status ?? 'SUCCEEDED'],
      );
      const job = pick(jobs);
      const step = job ? await (status ? stepFor(job) : newJobLike(job)) : null;
      if (!step) continue;
      try {
        await take(step);
      } catch (error) {
        // a real user racing the simulation (the job changed meanwhile) is refused like anyone: not a fault
        if (!(error instanceof UserError || error instanceof AccessError)) throw error;
        deps.logger.debug({ err: error, jobId: job?.id }, 'simulated change refused');
      }
    }
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const roundEnded: (() => void)[] = [];
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round()
        .catch((err: unknown) => deps.logger.warn({ err }, 'technician simulation round failed'))
        .finally(() => {
          for (const resolve of roundEnded.splice(0)) resolve();
          schedule();
        });
    }, everyMs);
  };
  schedule();
  deps.logger.info({ everyMs, changesPerRound }, 'simulating technicians (SIMULATE_TECHNICIANS)');

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      for (const resolve of roundEnded.splice(0)) resolve();
    },
    nextRound() {
      return new Promise<void>((resolve) => roundEnded.push(resolve));
    },
  };
}
