import { describe, expect, it } from 'vitest';
import { JOB_FIELD_MESSAGES, JOB_REASON_MAX, JOB_TEXT_LIMITS, calendarDaySchema, isCalendarDay, jobReasonSchema, jobTextSchema, optionalJobTextSchema } from './job-fields.js';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('job texts', () => {
  it.each(Object.entries(JOB_TEXT_LIMITS) as [keyof typeof JOB_TEXT_LIMITS, number][])('holds %s up to %i characters, trimmed', (field, max) => {
    expect(jobTextSchema(field).parse(` ${'x'.repeat(max)} `)).toHaveLength(max);
    expect(messages(jobTextSchema(field).safeParse('x'.repeat(max + 1)))).toEqual([JOB_FIELD_MESSAGES[field]]);
  });

  it('says the limit with thousands separated', () => {
    expect(JOB_FIELD_MESSAGES.description).toBe('A description has at most 5,000 characters.');
  });

  it('stores an empty text as null and leaves a missing one out', () => {
    expect(optionalJobTextSchema('title').parse('   ')).toBeNull();
    expect(optionalJobTextSchema('title').parse(undefined)).toBeUndefined();
    expect(optionalJobTextSchema('title').parse(' Fit ')).toBe('Fit');
  });
});

describe('jobReasonSchema', () => {
  it('requires a reason where the action needs one, in the caller\'s words if given', () => {
    expect(messages(jobReasonSchema(true).safeParse('  '))).toEqual([JOB_FIELD_MESSAGES.reasonRequired]);
    expect(messages(jobReasonSchema(true, 'Say why.').safeParse(''))).toEqual(['Say why.']);
    expect(jobReasonSchema(false).parse('')).toBe('');
  });

  it(`holds at most ${JOB_REASON_MAX} characters after trimming`, () => {
    expect(jobReasonSchema(true).parse(` ${'r'.repeat(JOB_REASON_MAX)} `)).toHaveLength(JOB_REASON_MAX);
    expect(messages(jobReasonSchema(false).safeParse('r'.repeat(JOB_REASON_MAX + 1)))).toEqual([JOB_FIELD_MESSAGES.reasonTooLong]);
  });
});

describe('calendar days', () => {
  it('accepts YYYY-MM-DD of days that exist', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2027-1-5')).toBe(false);
    expect(calendarDaySchema.parse('2027-01-31')).toBe('2027-01-31');
  });

  it('tells a wrong format from a day that does not exist', () => {
    expect(messages(calendarDaySchema.safeParse('next week'))).toEqual([JOB_FIELD_MESSAGES.dayFormat]);
    expect(messages(calendarDaySchema.safeParse('2027-02-30'))).toEqual([JOB_FIELD_MESSAGES.dayMissing]);
  });
});
