import type { JobAction, JobActor, JobKind, JobListColumn, JobStatus } from '@partner-hub/domain';
import type { JobDetailsFieldsFragment, ViewerFieldsFragment } from '@partner-hub/graphql-client';

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

type Viewer = Pick<ViewerFieldsFragment, 'role' | 'permissions'> & {
  user?: { email: string } | null;
  organization: { kind: string };
};

/**
 * Who the viewer is relative to a job (libs/domain's JobActor), to offer only the actions the
 * lifecycle would allow; the API decides regardless. Principal staff with `jobs:write` act as the
 * PRINCIPAL; a partner's ADMIN as PARTNER_ADMIN (the API shows a partner only its own jobs);
 * a TECHNICIAN is the RUNNING_TECHNICIAN when the job's last START was theirs.
 */
export function jobActorOf(viewer: Viewer, job: Pick<JobDetailsFieldsFragment, 'status' | 'events'>): JobActor {
  if (viewer.organization.kind === 'PRINCIPAL') {
    return viewer.permissions.includes('jobs:write') ? 'PRINCIPAL' : 'OTHER';
  }
  if (viewer.role === 'ADMIN') return 'PARTNER_ADMIN';
  if (viewer.role === 'TECHNICIAN') {
    const start = [...job.events].reverse().find((event) => event.type === 'START');
    const email = viewer.user?.email.toLowerCase();
    return job.status === 'RUNNING' && start && email && start.actorLabel.toLowerCase() === email
      ? 'RUNNING_TECHNICIAN'
      : 'TECHNICIAN';
  }
  return 'OTHER';
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
