/**
 * The vehicle access ledger (DESIGN.md §3), as pure rules. Access to a vehicle comes from
 * exactly three sources:
 * - principal staff see every vehicle of their principal;
 * - an **assignment** of the vehicle to partner Y gives Y and every partner above Y access
 *   (Y "directly", an ancestor X "through sub-partner Y") — to their admins and staff;
 * - a **job grant** gives the granted service partner's people (technicians included) access
 *   while it is active: from its start until its window closes or its job ends it.
 * Assignments and grants are intervals in time, so the same rules answer "who can access this
 * vehicle now" and "who could at a past time". The API reads the intervals and the tree from
 * PostgreSQL and decides with these functions; its list filter is the same rule in SQL, and a
 * property test keeps the two in agreement.
 */

export const ACCESS_REASONS = ['PRINCIPAL_STAFF', 'ASSIGNMENT', 'JOB_GRANT'] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

/** Partner roles that an assignment lets see a vehicle; a job grant adds the technicians. */
export const ASSIGNMENT_ROLES = ['ADMIN', 'STAFF'] as const;
export const GRANT_ROLES = ['ADMIN', 'STAFF', 'TECHNICIAN'] as const;

/** A period `[from, until)`; `until` null means open-ended. */
export interface Interval {
  from: Date;
  until: Date | null;
}

export function isActiveAt(interval: Interval, at: Date): boolean {
  return interval.from.getTime() <= at.getTime() && (interval.until === null || at.getTime() < interval.until.getTime());
}

/** One assignment of a vehicle to a partner, from its assignment until it was taken back. */
export interface AssignmentRecord extends Interval {
  id: string;
  vehicleId: string;
  partnerId: string;
}

/** One job grant on a vehicle for a service partner. */
export interface GrantRecord {
  id: string;
  vehicleId: string;
  partnerId: string;
  jobId: string | null;
  startsAt: Date;
  /** the end of its time window, if it has one */
  endsAt: Date | null;
  /** when its job ended it (succeeded, failed, unassigned, declined, cancelled, deleted) */
  endedAt: Date | null;
}

/** When a grant stops: its window's end or the moment its job ended it, whichever comes first. */
export function grantUntil(grant: Pick<GrantRecord, 'endsAt' | 'endedAt'>): Date | null {
  const ends = [grant.endsAt, grant.endedAt].filter((d): d is Date => d !== null);
  return ends.length === 0 ? null : new Date(Math.min(...ends.map((d) => d.getTime())));
}

export function grantInterval(grant: GrantRecord): Interval {
  return { from: grant.startsAt, until: grantUntil(grant) };
}

/** Why one partner can access a vehicle (at the time asked about). */
export interface AccessEntry {
  reason: Exclude<AccessReason, 'PRINCIPAL_STAFF'>;
  /** the partner whose people have access */
  partnerId: string;
  /** ASSIGNMENT: the partner the vehicle is assigned to — the entry's partner itself, or a sub-partner of it */
  assignedPartnerId: string | null;
  /** JOB_GRANT: the grant and its job */
  grantId: string | null;
  jobId: string | null;
  /** since when and until when this entry holds (until: null = open-ended) */
  since: Date;
  until: Date | null;
  /** which roles of the partner this entry reaches */
  roles: readonly string[];
}

/**
 * Who can access a vehicle at `at`, and why: one entry per (partner, source).
 * @param chainOf the partner itself and every partner above it, nearest first
 */
export function whoCanAccessAt(
  at: Date,
  assignments: readonly AssignmentRecord[],
  grants: readonly GrantRecord[],
  chainOf: (partnerId: string) => readonly string[],
): AccessEntry[] {
  const entries: AccessEntry[] = [];
  for (const assignment of assignments) {
    if (!isActiveAt(assignment, at)) continue;
    for (const partnerId of chainOf(assignment.partnerId)) {
      entries.push({
        reason: 'ASSIGNMENT',
        partnerId,
        assignedPartnerId: assignment.partnerId,
        grantId: null,
        jobId: null,
        since: assignment.from,
        until: assignment.until,
        roles: ASSIGNMENT_ROLES,
      });
    }
  }
  for (const grant of grants) {
    const interval = grantInterval(grant);
    if (!isActiveAt(interval, at)) continue;
    entries.push({
      reason: 'JOB_GRANT',
      partnerId: grant.partnerId,
      assignedPartnerId: null,
      grantId: grant.id,
      jobId: grant.jobId,
      since: interval.from,
      until: interval.until,
      roles: GRANT_ROLES,
    });
  }
  return entries;
}

/** The caller as the ledger sees it: principal staff, or a role in some partnerships. */
export type AccessSubject = { kind: 'PRINCIPAL_STAFF' } | { kind: 'PARTNER'; role: string; partnerIds: readonly string[] };

/** The entries that reach this subject: why it may see the vehicle (empty: it may not). */
export function entriesFor(subject: AccessSubject, entries: readonly AccessEntry[]): AccessEntry[] {
  if (subject.kind === 'PRINCIPAL_STAFF') return [];
  return entries.filter((e) => subject.partnerIds.includes(e.partnerId) && e.roles.includes(subject.role));
}

/** Whether the subject may see the vehicle whose ledger entries (at the time asked about) are `entries`. */
export function mayAccess(subject: AccessSubject, entries: readonly AccessEntry[]): boolean {
  return subject.kind === 'PRINCIPAL_STAFF' || entriesFor(subject, entries).length > 0;
}

/** Whether a role reaches vehicles through assignments (admins and staff) or only through job grants (technicians). */
export function seesAssignments(role: string): boolean {
  return (ASSIGNMENT_ROLES as readonly string[]).includes(role);
}
