import { describe, expect, it } from 'vitest';
import {
  hasListFilters,
  readListParams,
  toPartnerFilter,
  toPartnerOrder,
  withListParams,
  withoutListFilters,
} from './list-params';

const params = (query: string) => new URLSearchParams(query);

describe('readListParams', () => {
  it('reads every filter and the order from the query string', () => {
    const state = readListParams(
      params(
        'q=+Berlin+&role=DEALER&status=PENDING&region=Bavaria&blocked=false&archived=true&sort=CREATED_AT&dir=DESC',
      ),
    );
    expect(toPartnerFilter(state)).toEqual({
      search: 'Berlin',
      role: 'DEALER',
      status: 'PENDING',
      region: 'Bavaria',
      blocked: false,
      archived: true,
    });
    expect(toPartnerOrder(state)).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
  });

  it('ignores values the API would refuse and falls back to name ascending', () => {
    const state = readListParams(
      params('role=KING&status=LOST&blocked=maybe&archived=yes&sort=COLOR&dir=DESC'),
    );
    expect(toPartnerFilter(state)).toEqual({});
    expect(toPartnerOrder(state)).toEqual({ field: 'NAME', direction: 'ASC' });
    expect(hasListFilters(state)).toBe(false);
  });

  it('lets a fixed role win over the one in the URL and not count as a filter', () => {
    const state = readListParams(params('role=DEALER'));
    expect(toPartnerFilter(state, 'SERVICE_PARTNER')).toEqual({ role: 'SERVICE_PARTNER' });
    expect(hasListFilters(state, 'SERVICE_PARTNER')).toBe(false);
    expect(hasListFilters(state)).toBe(true);
  });
});

describe('withListParams', () => {
  it('sets and removes keys, keeping those of other features', () => {
    const next = withListParams(params('view=tree&new=1&role=OEM'), {
      search: ' VEZ9A ',
      role: undefined,
      blocked: true,
    });
    expect(next.toString()).toBe('view=tree&new=1&q=VEZ9A&blocked=true');
  });

  it('leaves the default order out of the URL', () => {
    expect(
      withListParams(params('sort=ROLE&dir=DESC'), { order: { sort: 'NAME', direction: 'ASC' } }).toString(),
    ).toBe('');
    expect(withListParams(params(''), { order: { sort: 'ROLE', direction: 'ASC' } }).toString()).toBe(
      'sort=ROLE',
    );
    expect(withListParams(params(''), { order: { sort: 'NAME', direction: 'DESC' } }).toString()).toBe(
      'sort=NAME&dir=DESC',
    );
  });

  it('round-trips through readListParams', () => {
    const next = withListParams(params(''), {
      status: 'ACCEPTED',
      region: 'North',
      archived: true,
      order: { sort: 'PARTNER_ID', direction: 'DESC' },
    });
    const state = readListParams(next);
    expect(toPartnerFilter(state)).toEqual({ status: 'ACCEPTED', region: 'North', archived: true });
    expect(toPartnerOrder(state)).toEqual({ field: 'PARTNER_ID', direction: 'DESC' });
  });

  it('clears the filters but keeps the order and the view', () => {
    expect(withoutListFilters(params('q=x&status=DRAFT&archived=true&sort=ROLE&view=tree')).toString()).toBe(
      'sort=ROLE&view=tree',
    );
  });
});
