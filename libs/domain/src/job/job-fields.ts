import { z } from 'zod';

/**
 * The rules of a job's own fields (DESIGN.md §1, §2) — its texts, the reason an action keeps in its
 * history, its planned day — in one place for the API's checks, the web's forms, templates and the
 * jobs.csv import, so the limits cannot drift apart.
 */

/** The longest text each of a job's (and a template's) own fields holds. */
export const JOB_TEXT_LIMITS = { title: 200, description: 5000, instructions: 5000 } as const;
export type JobTextField = keyof typeof JOB_TEXT_LIMITS;

/** The longest reason (to decline, fail or cancel) a job's history keeps. */
export const JOB_REASON_MAX = 2000;

const chars = (n: number) => `${n.toLocaleString('en')} characters`;

/** What the API and the forms answer when a job's field breaks its rule. */
export const JOB_FIELD_MESSAGES = {
  title: `A title has at most ${chars(JOB_TEXT_LIMITS.title)}.`,
  description: `A description has at most ${chars(JOB_TEXT_LIMITS.description)}.`,
  instructions: `Instructions have at most ${chars(JOB_TEXT_LIMITS.instructions)}.`,
  reasonRequired: "Give a reason: it is kept in the job's history.",
  reasonTooLong: `A reason has at most ${chars(JOB_REASON_MAX)}.`,
  dayFormat: 'Use a date like 2027-01-31.',
  dayMissing: 'This date does not exist.',
} as const satisfies Record<JobTextField, string> & Record<string, string>;

/** A job text as a form holds it: trimmed, within its limit ('' when empty). */
export function jobTextSchema(field: JobTextField) {
  return z.string({ message: JOB_FIELD_MESSAGES[field] }).trim().max(JOB_TEXT_LIMITS[field], JOB_FIELD_MESSAGES[field]);
}

/** A job text as the API stores it: trimmed, within its limit, empty as null; left out stays undefined. */
export function optionalJobTextSchema(field: JobTextField) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), jobTextSchema(field).nullable().optional());
}

/**
 * The reason of a lifecycle action, trimmed ('' when none): required where the action needs one
 * (`requiredMessage` lets a form say it in its own words), at most {@link JOB_REASON_MAX} characters.
 */
export function jobReasonSchema(required: boolean, requiredMessage: string = JOB_FIELD_MESSAGES.reasonRequired) {
  const reason = z.string().trim();
  return (required ? reason.min(1, requiredMessage) : reason).max(JOB_REASON_MAX, JOB_FIELD_MESSAGES.reasonTooLong);
}

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is YYYY-MM-DD and names a day of the calendar (no 2027-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!DAY_FORMAT.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** A planned day (a job's, a filter's, a bulk reschedule's): YYYY-MM-DD of a day that exists. */
export const calendarDaySchema = z
  .string()
  .regex(DAY_FORMAT, JOB_FIELD_MESSAGES.dayFormat)
  .refine((text) => !DAY_FORMAT.test(text) || isCalendarDay(text), JOB_FIELD_MESSAGES.dayMissing);
