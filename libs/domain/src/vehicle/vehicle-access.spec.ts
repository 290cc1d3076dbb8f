import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entriesFor, grantUntil, isActiveAt, mayAccess, whoCanAccessAt } from './vehicle-access.js';
import type { AssignmentRecord, GrantRecord } from './vehicle-access.js';

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
/** a small tree: D > D1 > D2, D > D1b, E on its own */
const PARENT: Record<string, string | null> = { D: null, D1: 'D', D2: 'D1', D1b: 'D', E: null };
const chainOf = (id: string): string[] => {
  const chain: string[] = [];
  for (let at: string | null = id; at; at = PARENT[at] ?? null) chain.push(at);
  return chain;
};
const assignment = (partnerId: string, from: number, until: number | null = null): AssignmentRecord => ({
  id: `a-${partnerId}-${from}`,
  vehicleId: 'V',
  partnerId,
  from: t(from),
  until: until === null ? null : t(until),
});
const grant = (partnerId: string, startsAt: number, endsAt: number | null = null, endedAt: number | null = null): GrantRecord => ({
  id: `g-${partnerId}-${startsAt}`,
  vehicleId: 'V',
  partnerId,
  jobId: 'J',
  startsAt: t(startsAt),
  endsAt: endsAt === null ? null : t(endsAt),
  endedAt: endedAt === null ? null : t(endedAt),
});

describe('isActiveAt', () => {
  it('includes the start and excludes the end of a period', () => {
    expect(isActiveAt({ from: t(10), until: t(20) }, t(10))).toBe(true);
    expect(isActiveAt({ from: t(10), until: t(20) }, t(19))).toBe(true);
    expect(isActiveAt({ from: t(10), until: t(20) }, t(20))).toBe(false);
    expect(isActiveAt({ from: t(10), until: t(20) }, t(9))).toBe(false);
    expect(isActiveAt({ from: t(10), until: null }, t(10_000))).toBe(true);
  });
});

describe('grantUntil', () => {
  it('ends a grant at its window or when its job ended it, whichever comes first', () => {
    expect(grantUntil({ endsAt: null, endedAt: null })).toBeNull();
    expect(grantUntil({ endsAt: t(30), endedAt: null })).toEqual(t(30));
    expect(grantUntil({ endsAt: t(30), endedAt: t(20) })).toEqual(t(20));
    expect(grantUntil({ endsAt: t(30), endedAt: t(40) })).toEqual(t(30));
  });
});

describe('whoCanAccessAt', () => {
  it('gives an assignment to the partner itself and every partner above it, each naming the assigned partner', () => {
    const entries = whoCanAccessAt(t(5), [assignment('D2', 0)], [], chainOf);
    expect(entries.map((e) => [e.partnerId, e.assignedPartnerId])).toEqual([
      ['D2', 'D2'],
      ['D1', 'D2'],
      ['D', 'D2'],
    ]);
    expect(entries.every((e) => e.reason === 'ASSIGNMENT' && !e.roles.includes('TECHNICIAN'))).toBe(true);
  });

  it('never reaches siblings or unrelated partners', () => {
    const partners = whoCanAccessAt(t(5), [assignment('D1', 0)], [], chainOf).map((e) => e.partnerId);
    expect(partners).not.toContain('D1b');
    expect(partners).not.toContain('D2');
    expect(partners).not.toContain('E');
  });

  it('answers for a past time from the periods then in force', () => {
    const periods = [assignment('D1', 0, 10), assignment('E', 10)];
    expect(whoCanAccessAt(t(5), periods, [], chainOf).map((e) => e.partnerId)).toEqual(['D1', 'D']);
    expect(whoCanAccessAt(t(10), periods, [], chainOf).map((e) => e.partnerId)).toEqual(['E']);
  });

  it('gives a grant to the granted partner only, technicians included, until it ends', () => {
    const grants = [grant('E', 0, 30, 20)];
    const during = whoCanAccessAt(t(19), [], grants, chainOf);
    expect(during).toEqual([expect.objectContaining({ reason: 'JOB_GRANT', partnerId: 'E', jobId: 'J', until: t(20), roles: ['ADMIN', 'STAFF', 'TECHNICIAN'] })]);
    expect(whoCanAccessAt(t(20), [], grants, chainOf)).toEqual([]);
  });
});

describe('entriesFor / mayAccess', () => {
  const entries = whoCanAccessAt(t(5), [assignment('D2', 0)], [grant('E', 0)], chainOf);

  it('lets principal staff see every vehicle', () => {
    expect(mayAccess({ kind: 'PRINCIPAL_STAFF' }, [])).toBe(true);
  });

  it('reaches a partner admin above the assigned partner, not a sibling', () => {
    expect(entriesFor({ kind: 'PARTNER', role: 'ADMIN', partnerIds: ['D'] }, entries).map((e) => e.assignedPartnerId)).toEqual(['D2']);
    expect(mayAccess({ kind: 'PARTNER', role: 'STAFF', partnerIds: ['D1b'] }, entries)).toBe(false);
  });

  it('reaches a technician only through a grant', () => {
    expect(mayAccess({ kind: 'PARTNER', role: 'TECHNICIAN', partnerIds: ['D2'] }, entries)).toBe(false);
    expect(mayAccess({ kind: 'PARTNER', role: 'TECHNICIAN', partnerIds: ['E'] }, entries)).toBe(true);
  });

  it('agrees with a direct reading of the rules for any periods, time and viewer (property)', () => {
    const partnerIds = Object.keys(PARENT);
    const period = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...partnerIds), period), { maxLength: 6 }),
        fc.array(fc.tuple(fc.constantFrom(...partnerIds), period), { maxLength: 3 }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom(...partnerIds),
        fc.constantFrom('ADMIN', 'STAFF', 'TECHNICIAN'),
        (assignmentSpecs, grantSpecs, at, viewerPartner, role) => {
          const assignments = assignmentSpecs.map(([p, [from, length]]) => assignment(p, from, length === null ? null : from + length));
          const grants = grantSpecs.map(([p, [from, length]]) => grant(p, from, length === null ? null : from + length));
          const expected =
            (role !== 'TECHNICIAN' &&
              assignments.some((a) => isActiveAt(a, t(at)) && chainOf(a.partnerId).includes(viewerPartner))) ||
            grants.some((g) => g.partnerId === viewerPartner && isActiveAt({ from: g.startsAt, until: g.endsAt }, t(at)));
          const entries = whoCanAccessAt(t(at), assignments, grants, chainOf);
          return mayAccess({ kind: 'PARTNER', role, partnerIds: [viewerPartner] }, entries) === expected;
        },
      ),
    );
  });
});
