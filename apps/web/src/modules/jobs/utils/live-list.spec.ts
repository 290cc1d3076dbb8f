import { describe, expect, it } from 'vitest';
import { NO_NEWS, describeNews, matchesJobListFilter, toJobChangeFilter } from './live-list';

describe('toJobChangeFilter', () => {
  it('lets the server narrow by tab, partner, batch and vehicle, never by status', () => {
    expect(toJobChangeFilter({ kind: 'MAINTENANCE', status: 'FAILED', servicePartnerId: 'p1', importBatchId: 'b1', overdue: true, scheduledFrom: '2027-01-01' })).toEqual({
      kind: 'MAINTENANCE',
      servicePartnerId: 'p1',
      importBatchId: 'b1',
    });
  });
});

describe('matchesJobListFilter', () => {
  const today = '2027-03-10';
  it('checks the status, the scheduled range and overdue', () => {
    const job = { status: 'ASSIGNED' as const, scheduledFor: '2027-03-01' };
    expect(matchesJobListFilter(job, { kind: 'INSTALLATION' }, today)).toBe(true);
    expect(matchesJobListFilter(job, { status: 'RUNNING' }, today)).toBe(false);
    expect(matchesJobListFilter(job, { scheduledFrom: '2027-03-02' }, today)).toBe(false);
    expect(matchesJobListFilter(job, { scheduledTo: '2027-02-28' }, today)).toBe(false);
    expect(matchesJobListFilter(job, { scheduledFrom: '2027-03-01', scheduledTo: '2027-03-01' }, today)).toBe(true);
    expect(matchesJobListFilter(job, { overdue: true }, today)).toBe(true);
    expect(matchesJobListFilter({ ...job, status: 'SUCCEEDED' }, { overdue: true }, today)).toBe(false);
    expect(matchesJobListFilter({ ...job, scheduledFor: today }, { overdue: true }, today)).toBe(false);
    expect(matchesJobListFilter({ ...job, scheduledFor: null }, { scheduledFrom: '2027-01-01' }, today)).toBe(false);
  });
});

describe('describeNews', () => {
  it('says nothing without news, and counts each kind', () => {
    expect(describeNews(NO_NEWS)).toBeNull();
    expect(describeNews({ added: ['a'], removed: [], imported: false })).toBe('1 new job');
    expect(describeNews({ added: ['a', 'b', 'c'], removed: ['d'], imported: true })).toBe('3 new jobs, jobs imported, 1 job removed');
  });
});
