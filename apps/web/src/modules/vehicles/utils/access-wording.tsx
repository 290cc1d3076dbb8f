import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { VehicleAccessEntryFieldsFragment } from '@partner-hub/graphql-client';
import { formatDateTime } from '../../shared/utils/format';
import { JOB_KIND_LABELS } from '../../jobs/utils/job-wording';

type PartnerRef = { id: string; name: string };

/** The parts of a ledger entry the sentences use. */
export type AccessEntryLike = Pick<
  VehicleAccessEntryFieldsFragment,
  'reason' | 'since' | 'until' | 'job'
> & {
  partner: PartnerRef | null;
  assignedPartner: PartnerRef | null;
};
type Entry = AccessEntryLike;

const isThroughSubPartner = (entry: Entry) =>
  !!entry.partner && !!entry.assignedPartner && entry.partner.id !== entry.assignedPartner.id;

/**
 * A grant's job, linked: `job “title”`, or `the installation job` when it has no title; "a job" when
 * the viewer may not see it (the server leaves it out rather than disclose it).
 */
function GrantedJob({ job }: { job: Entry['job'] }) {
  if (!job) return <>a job</>;
  const name = job.title ? `job “${job.title}”` : `the ${JOB_KIND_LABELS[job.kind].toLowerCase()} job`;
  return <Link to={`/jobs/${job.id}`}>{name}</Link>;
}

/**
 * Why the signed-in viewer sees a vehicle, in one sentence per ledger entry of its `accessVia`:
 * "You see this vehicle because it is assigned to Berlin Autohaus through its sub-partner Potsdam
 * (since …)", "… as principal staff of Aurora Motors", "… through the grant of job “J” until T" (the job linked).
 * @param organizationName the viewer's organization (named for principal staff)
 */
export function describeAccessVia(entry: Entry, organizationName: string): ReactNode {
  switch (entry.reason) {
    case 'PRINCIPAL_STAFF':
      return `You see this vehicle as principal staff of ${organizationName}: staff see every vehicle of their principal.`;
    case 'ASSIGNMENT': {
      const partner = entry.partner?.name ?? 'your partner';
      const through = isThroughSubPartner(entry)
        ? ` through its sub-partner ${entry.assignedPartner?.name}`
        : '';
      const since = entry.since ? ` (since ${formatDateTime(entry.since)})` : '';
      return `You see this vehicle because it is assigned to ${partner}${through}${since}.`;
    }
    case 'JOB_GRANT': {
      const until = entry.until ? `until ${formatDateTime(entry.until)}` : 'until the job ends';
      return (
        <>
          You see this vehicle through the grant of <GrantedJob job={entry.job} /> {until}.
        </>
      );
    }
    default:
      return 'You see this vehicle.';
  }
}

/** Why one partner (or the principal's staff) can access a vehicle, as a short phrase for the "Who can access" table. */
export function describeAccessReason(entry: Entry): ReactNode {
  switch (entry.reason) {
    case 'PRINCIPAL_STAFF':
      return 'Principal staff see every vehicle';
    case 'ASSIGNMENT':
      return isThroughSubPartner(entry)
        ? `Assigned to its sub-partner ${entry.assignedPartner?.name}`
        : 'Assigned to it directly';
    case 'JOB_GRANT':
      return (
        <>
          Grant of <GrantedJob job={entry.job} />
        </>
      );
    default:
      return entry.reason;
  }
}
