import { describe, expect, it } from 'vitest';
import {
  hasVehicleFilters,
  readVehicleListParams,
  toVehicleFilter,
  toVehicleOrder,
  withVehicleListParams,
  withoutVehicleListFilters,
} from './list-params';

const read = (query: string) => readVehicleListParams(new URLSearchParams(query));

describe('vehicle list params', () => {
  it('reads every filter and the order from the query string', () => {
    const state = read(
      'q=%20WAU%20&partner=p1&direct=true&make=Aurora&model=Orion&archived=true&importBatchId=b1&owner=o1&sort=MAKE&dir=DESC',
    );
    expect(toVehicleFilter(state)).toEqual({
      search: 'WAU',
      partnerId: 'p1',
      directOnly: true,
      make: 'Aurora',
      model: 'Orion',
      archived: true,
      importBatchId: 'b1',
      ownerId: 'o1',
    });
    expect(toVehicleOrder(state)).toEqual({ field: 'MAKE', direction: 'DESC' });
    expect(hasVehicleFilters(state)).toBe(true);
  });

  it('falls back to newest first and ignores unknown values', () => {
    const state = read('sort=COLOUR&dir=UP&archived=yes&direct=true');
    expect(toVehicleOrder(state)).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
    // "only directly" means nothing without a partner
    expect(toVehicleFilter(state)).toEqual({});
    expect(hasVehicleFilters(state)).toBe(false);
    expect(toVehicleOrder(read('sort=VIN'))).toEqual({ field: 'VIN', direction: 'ASC' });
  });

  it('keeps a partner and "unassigned" apart, and leaves the default order out of the URL', () => {
    const withPartner = withVehicleListParams(new URLSearchParams('unassigned=true&new=1'), {
      partnerId: 'p1',
    });
    expect(withPartner.toString()).toBe('new=1&partner=p1');
    const unassigned = withVehicleListParams(new URLSearchParams('partner=p1&direct=true'), {
      unassigned: true,
    });
    expect(unassigned.toString()).toBe('unassigned=true');
    expect(
      withVehicleListParams(new URLSearchParams('sort=VIN&dir=ASC'), {
        order: { sort: 'CREATED_AT', direction: 'DESC' },
      }).toString(),
    ).toBe('');
    expect(
      withVehicleListParams(new URLSearchParams(), { order: { sort: 'VIN', direction: 'ASC' } }).toString(),
    ).toBe('sort=VIN&dir=ASC');
  });

  it('clears every filter but keeps the order and other keys', () => {
    const cleared = withoutVehicleListFilters(
      new URLSearchParams('q=x&partner=p&make=m&importBatchId=b&owner=o&archived=true&sort=VIN&dir=ASC&new=1'),
    );
    expect(cleared.toString()).toBe('sort=VIN&dir=ASC&new=1');
  });
});
