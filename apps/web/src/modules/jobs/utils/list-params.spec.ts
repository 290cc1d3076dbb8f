import { describe, expect, it } from 'vitest';
import { hasJobFilters, readJobListParams, toJobFilter, toJobOrder, withJobListParams } from './list-params';

describe('jobs list params', () => {
  it('reads the tab, filters and order, ignoring unknown values', () => {
    const state = readJobListParams(new URLSearchParams('kind=BOGUS&status=NOPE&from=2026-13&to=2026-12-31&sort=VIN&overdue=yes'));
    expect(toJobFilter(state)).toEqual({ kind: 'INSTALLATION', scheduledTo: '2026-12-31' });
    expect(toJobOrder(state)).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
    expect(hasJobFilters(state)).toBe(true);
    expect(hasJobFilters(readJobListParams(new URLSearchParams('kind=MAINTENANCE')))).toBe(false);
  });

  it('writes changes into the query string, leaving defaults and other keys alone', () => {
    const params = new URLSearchParams('new=1');
    const next = withJobListParams(params, {
      kind: 'MAINTENANCE',
      status: 'FAILED',
      scheduled: { from: '2026-12-01' },
      order: { sort: 'CREATED_AT', direction: 'DESC' },
    });
    expect(next.toString()).toBe('new=1&kind=MAINTENANCE&status=FAILED&from=2026-12-01');
    expect(withJobListParams(next, { kind: 'INSTALLATION', status: undefined, scheduled: undefined }).toString()).toBe('new=1');
  });
});
