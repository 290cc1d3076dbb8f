import { describe, expect, it } from 'vitest';
import { JOB_ACTIONS, JOB_ACTORS, JOB_STATUSES, availableActions, canDelete, checkTransition, holdsGrant } from './job-lifecycle.js';
import type { JobAction, JobActor, JobStatus } from './job-lifecycle.js';

/** DESIGN.md §2 written out as (from, action, who) → to; every other triple is refused. */
const ALLOWED: [JobStatus, JobAction, JobActor, JobStatus][] = [
  ['PENDING', 'ASSIGN', 'PRINCIPAL', 'ASSIGNED'],
  ['ASSIGNED', 'UNASSIGN', 'PRINCIPAL', 'PENDING'],
  ['ASSIGNED', 'DECLINE', 'PARTNER_ADMIN', 'PENDING'],
  ['ASSIGNED', 'START', 'TECHNICIAN', 'RUNNING'],
  ['ASSIGNED', 'START', 'RUNNING_TECHNICIAN', 'RUNNING'],
  ['RUNNING', 'SUCCEED', 'RUNNING_TECHNICIAN', 'SUCCEEDED'],
  ['RUNNING', 'SUCCEED', 'PARTNER_ADMIN', 'SUCCEEDED'],
  ['RUNNING', 'FAIL', 'RUNNING_TECHNICIAN', 'FAILED'],
  ['RUNNING', 'FAIL', 'PARTNER_ADMIN', 'FAILED'],
  ['FAILED', 'REASSIGN', 'PRINCIPAL', 'ASSIGNED'],
  ['PENDING', 'CANCEL', 'PRINCIPAL', 'CANCELLED'],
  ['ASSIGNED', 'CANCEL', 'PRINCIPAL', 'CANCELLED'],
];

const key = (s: JobStatus, a: JobAction, r: JobActor) => `${s}/${a}/${r}`;
const allowed = new Map(ALLOWED.map(([s, a, r, to]) => [key(s, a, r), to]));
const EVERY = JOB_STATUSES.flatMap((s) => JOB_ACTIONS.flatMap((a) => JOB_ACTORS.map((r) => [s, a, r] as const)));

describe('checkTransition', () => {
  it.each(EVERY)('%s + %s by %s', (status, action, actor) => {
    const result = checkTransition(status, action, actor);
    const to = allowed.get(key(status, action, actor));
    if (to) expect(result).toEqual({ ok: true, to });
    else expect(result).toEqual({ ok: false, message: expect.any(String) });
  });

  it('tells a second technician that the job is already running', () => {
    expect(checkTransition('RUNNING', 'START', 'TECHNICIAN')).toEqual({ ok: false, message: 'This job is already running.' });
  });

  it('names who may act when the wrong person tries', () => {
    expect(checkTransition('RUNNING', 'SUCCEED', 'TECHNICIAN')).toEqual({
      ok: false,
      message: "Only the technician who started it or the service partner's admins may have this job marked as succeeded.",
    });
  });
});

describe('availableActions', () => {
  it('offers the principal assign and cancel on a pending job, and nothing on a running one', () => {
    expect(availableActions('PENDING', 'PRINCIPAL')).toEqual(['ASSIGN', 'CANCEL']);
    expect(availableActions('RUNNING', 'PRINCIPAL')).toEqual([]);
  });
});

describe('holdsGrant / canDelete', () => {
  it('grants access only while assigned or running, and refuses to delete a running job', () => {
    expect(JOB_STATUSES.filter(holdsGrant)).toEqual(['ASSIGNED', 'RUNNING']);
    expect(JOB_STATUSES.filter((s) => !canDelete(s))).toEqual(['RUNNING']);
  });
});
