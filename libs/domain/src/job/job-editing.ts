import type { JobAction, JobStatus } from './job-lifecycle.js';

/**
 * What may be done to a job outside its lifecycle's transitions — edit, reschedule, delete —
 * and the bulk actions (DESIGN.md §2). One source for the API's checks and the web app's
 * disabled buttons, so both say the same thing.
 */

/** The fields an ASSIGNED job still lets the principal change; a PENDING job changes fully. */
export const JOB_FIELDS_EDITABLE_WHEN_ASSIGNED = ['scheduledFor', 'instructions'] as const;

const editable = (status: JobStatus) => status === 'PENDING' || status === 'ASSIGNED';

/** Why a job in this status cannot be edited, or null when it can (PENDING fully, ASSIGNED partly). */
export function editRefusal(status: JobStatus): string | null {
  return editable(status) ? null : `A ${status.toLowerCase()} job cannot be edited.`;
}

/** Why a job in this status cannot be rescheduled (the same rule as editing its schedule), or null. */
export function rescheduleRefusal(status: JobStatus): string | null {
  return editable(status) ? null : `A ${status.toLowerCase()} job cannot be rescheduled.`;
}

/** Why a job in this status cannot be deleted (a running one), or null. */
export function deleteRefusal(status: JobStatus): string | null {
  return status === 'RUNNING' ? 'A running job cannot be deleted; let the technician finish or fail it first.' : null;
}

/** The actions a principal applies to many selected jobs at once. */
export const BULK_JOB_ACTIONS = ['ASSIGN', 'UNASSIGN', 'REASSIGN', 'CANCEL', 'RESCHEDULE', 'DELETE'] as const satisfies readonly (JobAction | 'RESCHEDULE' | 'DELETE')[];
export type BulkJobAction = (typeof BULK_JOB_ACTIONS)[number];

/** The most jobs one bulk action takes. */
export const MAX_BULK_JOBS = 1000;
