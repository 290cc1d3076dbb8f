import { describe, expect, it } from 'vitest';
import { readOwnerListParams, toOwnerFilter, toOwnerOrder, withOwnerListParams } from './list-params';

describe('owner list params', () => {
  it('reads search, archived and order from the URL, ignoring unknown values', () => {
    const state = readOwnerListParams(new URLSearchParams('q=%20olga%20&archived=true&sort=EMAIL&dir=ASC'));
    expect(state).toEqual({ search: 'olga', archived: true, sort: 'EMAIL', direction: 'ASC' });
    expect(toOwnerFilter(state)).toEqual({ search: 'olga', archived: true });
    expect(toOwnerOrder(state)).toEqual({ field: 'EMAIL', direction: 'ASC' });
    expect(readOwnerListParams(new URLSearchParams('sort=NAME&dir=UP'))).toEqual({
      search: '',
      archived: false,
      sort: 'CREATED_AT',
      direction: 'DESC',
    });
  });

  it('writes changes back, leaving the default order and empty filters out', () => {
    const start = new URLSearchParams('q=olga&other=kept');
    const next = withOwnerListParams(start, {
      search: '',
      archived: true,
      order: { sort: 'EMAIL', direction: 'DESC' },
    });
    expect(next.toString()).toBe('other=kept&archived=true&sort=EMAIL&dir=DESC');
    const reset = withOwnerListParams(next, {
      archived: false,
      order: { sort: 'CREATED_AT', direction: 'DESC' },
    });
    expect(reset.toString()).toBe('other=kept');
  });
});
