import { afterAll, describe, expect, it, vi } from 'vitest';

const originalZone = process.env['TZ'];

/** The formatting module as loaded in `zone` (its Intl formatters take the zone in force when created). */
async function formatIn(zone: string) {
  process.env['TZ'] = zone;
  vi.resetModules();
  return import('./format');
}

describe('formatLocalDate', () => {
  afterAll(() => {
    if (originalZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalZone;
  });

  // west of UTC a date-only string parsed as UTC midnight is the evening before; east of UTC it is the same day
  it.each([
    ['America/New_York', 4],
    ['Asia/Tokyo', 5],
  ])('shows 2026-11-05 as Nov 5, 2026 in %s', async (zone, dayOfUtcMidnight) => {
    const { formatLocalDate } = await formatIn(zone);
    // the zone is in force: UTC midnight of the 5th falls on this day here
    expect(new Date('2026-11-05T00:00:00Z').getDate()).toBe(dayOfUtcMidnight);
    expect(formatLocalDate('2026-11-05')).toBe('Nov 5, 2026');
    expect(formatLocalDate('2027-01-01')).toBe('Jan 1, 2027');
    expect(formatLocalDate(null)).toBe('—');
  });

  it('shows a value that is not a date as it came', async () => {
    const { formatLocalDate } = await formatIn('America/New_York');
    expect(formatLocalDate('2026-02-30')).toBe('2026-02-30');
  });
});
