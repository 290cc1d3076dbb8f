/**
 * The job lifecycle (DESIGN.md §2) as a pure state machine: the one table every transition is
 * checked against, on the server (authoritative) and in the web app (to offer only what would be
 * allowed). Nothing outside the table is a transition.
 */

export const JOB_KINDS = ['INSTALLATION', 'MAINTENANCE'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_ACTIONS = ['ASSIGN', 'UNASSIGN', 'DECLINE', 'START', 'SUCCEED', 'FAIL', 'REASSIGN', 'CANCEL'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/**
 * Who acts, relative to the job:
 * - PRINCIPAL: the principal's staff allowed to change jobs (admin, manager);
 * - PARTNER_ADMIN: an admin of the service partner the job is assigned to;
 * - TECHNICIAN: a technician of that service partner;
 * - RUNNING_TECHNICIAN: the technician who started the job;
 * - OTHER: anyone else (another partner, a technician of another partner, a principal viewer).
 */
export const JOB_ACTORS = ['PRINCIPAL', 'PARTNER_ADMIN', 'TECHNICIAN', 'RUNNING_TECHNICIAN', 'OTHER'] as const;
export type JobActor = (typeof JOB_ACTORS)[number];

interface Transition {
  from: readonly JobStatus[];
  to: JobStatus;
  by: readonly JobActor[];
  /** the action needs a reason (an explanation the history keeps) */
  needsReason: boolean;
  /** the action names a service partner */
  needsPartner: boolean;
}

/** DESIGN.md §2, row by row. */
export const JOB_TRANSITIONS: Readonly<Record<JobAction, Transition>> = {
  ASSIGN: { from: ['PENDING'], to: 'ASSIGNED', by: ['PRINCIPAL'], needsReason: false, needsPartner: true },
  UNASSIGN: { from: ['ASSIGNED'], to: 'PENDING', by: ['PRINCIPAL'], needsReason: false, needsPartner: false },
  DECLINE: { from: ['ASSIGNED'], to: 'PENDING', by: ['PARTNER_ADMIN'], needsReason: true, needsPartner: false },
  START: { from: ['ASSIGNED'], to: 'RUNNING', by: ['TECHNICIAN', 'RUNNING_TECHNICIAN'], needsReason: false, needsPartner: false },
  SUCCEED: { from: ['RUNNING'], to: 'SUCCEEDED', by: ['RUNNING_TECHNICIAN', 'PARTNER_ADMIN'], needsReason: false, needsPartner: false },
  FAIL: { from: ['RUNNING'], to: 'FAILED', by: ['RUNNING_TECHNICIAN', 'PARTNER_ADMIN'], needsReason: true, needsPartner: false },
  REASSIGN: { from: ['FAILED'], to: 'ASSIGNED', by: ['PRINCIPAL'], needsReason: false, needsPartner: true },
  CANCEL: { from: ['PENDING', 'ASSIGNED'], to: 'CANCELLED', by: ['PRINCIPAL'], needsReason: true, needsPartner: false },
};

export type TransitionCheck = { ok: true; to: JobStatus } | { ok: false; message: string };

const ACTION_WORDS: Record<JobAction, string> = {
  ASSIGN: 'assigned',
  UNASSIGN: 'unassigned',
  DECLINE: 'declined',
  START: 'started',
  SUCCEED: 'marked as succeeded',
  FAIL: 'marked as failed',
  REASSIGN: 'reassigned',
  CANCEL: 'cancelled',
};

const ACTOR_WORDS: Record<JobActor, string> = {
  PRINCIPAL: "the principal's admins and managers",
  PARTNER_ADMIN: "the service partner's admins",
  TECHNICIAN: "the service partner's technicians",
  RUNNING_TECHNICIAN: 'the technician who started it',
  OTHER: 'you',
};

/**
 * Whether `actor` may take `action` on a job in `status`; if not, a message that says why, in
 * the user's terms (e.g. "This job is already running." for a second Start).
 */
export function checkTransition(status: JobStatus, action: JobAction, actor: JobActor): TransitionCheck {
  const transition = JOB_TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    if (action === 'START' && status === 'RUNNING') return { ok: false, message: 'This job is already running.' };
    return { ok: false, message: `A ${status.toLowerCase()} job cannot be ${ACTION_WORDS[action]}.` };
  }
  if (!transition.by.includes(actor)) {
    const who = transition.by.map((a) => ACTOR_WORDS[a]).join(' or ');
    return { ok: false, message: `Only ${who} may have this job ${ACTION_WORDS[action]}.` };
  }
  return { ok: true, to: transition.to };
}

/** The actions `actor` may take on a job in `status` (what the web app offers). */
export function availableActions(status: JobStatus, actor: JobActor): JobAction[] {
  return JOB_ACTIONS.filter((action) => checkTransition(status, action, actor).ok);
}

/** Final states: nothing more happens to the job (a FAILED job may still be reassigned: a new attempt). */
export function isFinal(status: JobStatus): boolean {
  return status === 'SUCCEEDED' || status === 'CANCELLED';
}

/** While a job is ASSIGNED or RUNNING its service partner's people hold an access grant on the vehicle. */
export function holdsGrant(status: JobStatus): boolean {
  return status === 'ASSIGNED' || status === 'RUNNING';
}

/** Running jobs cannot be deleted (DESIGN.md §2). */
export function canDelete(status: JobStatus): boolean {
  return status !== 'RUNNING';
}
