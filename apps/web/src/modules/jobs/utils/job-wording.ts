import type { JobAction, JobKind, JobListColumn, JobStatus } from '@partner-hub/domain';

/** The words and tag colours of each status, the same everywhere. */
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  PENDING: 'Pending',
  ASSIGNED: 'Assigned',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export const JOB_STATUS_COLORS: Record<JobStatus, string> = {
  PENDING: 'default',
  ASSIGNED: 'blue',
  RUNNING: 'gold',
  SUCCEEDED: 'green',
  FAILED: 'red',
  CANCELLED: 'volcano',
};

export const JOB_KIND_LABELS: Record<JobKind, string> = {
  INSTALLATION: 'Installation',
  MAINTENANCE: 'Maintenance',
};

/** The button label of each lifecycle action. */
export const JOB_ACTION_LABELS: Record<JobAction, string> = {
  ASSIGN: 'Assign',
  UNASSIGN: 'Unassign',
  DECLINE: 'Decline',
  START: 'Start',
  SUCCEED: 'Succeed',
  FAIL: 'Fail',
  REASSIGN: 'Reassign',
  CANCEL: 'Cancel job',
};

/** The actions that give the work back or end it (shown red, asking for a reason): decline, fail, cancel. */
export function isDangerousJobAction(action: JobAction): boolean {
  return action === 'FAIL' || action === 'CANCEL' || action === 'DECLINE';
}

/** The header of each column the jobs list can show (the gear's checklist says the same). */
export const JOB_COLUMN_LABELS: Record<JobListColumn, string> = {
  title: 'Title',
  kind: 'Kind',
  status: 'Status',
  vehicle: 'Vehicle',
  servicePartner: 'Service partner',
  scheduledFor: 'Scheduled for',
  attempt: 'Attempt',
  createdAt: 'Created',
  template: 'Template',
  importBatch: 'Import batch',
};
