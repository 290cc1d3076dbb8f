import type { JobActor, JobStatus } from './job-lifecycle.js';

/**
 * Whether someone may change a job's configuration (DESIGN.md §2, RUNNING): the technician who
 * runs it, or its service partner's admin, while it runs — and only when the service partner has
 * `allowJobOverride`. The API refuses with the state's message; the job page shows the edit form
 * for ALLOWED and the note for PARTNER_DISALLOWS.
 *
 * - ALLOWED: the viewer may change it now;
 * - PARTNER_DISALLOWS: the viewer belongs to the job's service partner, which may not override;
 * - NOT_RUNNING: the partner may override, but the job is not running;
 * - NOT_YOURS: the viewer is not the one running it (principal staff, a colleague, anyone else);
 * - ACCESS_ENDED: it would be allowed, but the access grant's time window closed while it runs.
 */
export const CONFIGURATION_OVERRIDE_STATES = ['ALLOWED', 'PARTNER_DISALLOWS', 'NOT_RUNNING', 'NOT_YOURS', 'ACCESS_ENDED'] as const;
export type ConfigurationOverrideState = (typeof CONFIGURATION_OVERRIDE_STATES)[number];

/** Why a change of the configuration is refused, per state (the API's message and the job page's note). */
export const CONFIGURATION_OVERRIDE_MESSAGES: Record<Exclude<ConfigurationOverrideState, 'ALLOWED'>, string> = {
  PARTNER_DISALLOWS: 'Your organization may not change a job\'s predefined configuration; ask the principal to allow overrides.',
  NOT_RUNNING: 'The configuration can be changed only while the job runs.',
  NOT_YOURS: 'Only the technician running this job (or the service partner\'s admin) may change its configuration, while it runs.',
  ACCESS_ENDED: 'Your access to this vehicle has ended, and with it the job\'s configuration.',
};

const PARTNER_SIDE: readonly JobActor[] = ['PARTNER_ADMIN', 'TECHNICIAN', 'RUNNING_TECHNICIAN'];

/**
 * The override rule for one job and viewer.
 * @param actor who the viewer is to the job (job-lifecycle's JobActor)
 * @param partnerAllows the job's service partner has `allowJobOverride`
 * @param seesVehicle the viewer's access to the job's vehicle lasts (DESIGN.md §3)
 */
export function configurationOverrideState(status: JobStatus, actor: JobActor, partnerAllows: boolean, seesVehicle = true): ConfigurationOverrideState {
  if (!PARTNER_SIDE.includes(actor)) return 'NOT_YOURS';
  if (!partnerAllows) return 'PARTNER_DISALLOWS';
  if (status !== 'RUNNING') return 'NOT_RUNNING';
  // a colleague of the running technician is TECHNICIAN: only the runner (or the admin) may
  if (actor === 'TECHNICIAN') return 'NOT_YOURS';
  return seesVehicle ? 'ALLOWED' : 'ACCESS_ENDED';
}
