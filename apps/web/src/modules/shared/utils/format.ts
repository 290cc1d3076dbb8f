import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A timestamp from the API (ISO-8601) in the user's locale and time zone; '—' when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The day of a timestamp from the API (ISO-8601) in the user's time zone; '—' when absent. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** The API's `LocalDate` format: a calendar day, no time, no zone. */
export const LOCAL_DATE_FORMAT = 'YYYY-MM-DD';

/**
 * A `LocalDate` from the API (`2026-11-05`: a day, not an instant) as that same day in the user's
 * locale — read as a local calendar day, never as UTC midnight (which is the day before west of
 * UTC). '—' when absent; a value that is not a day of the calendar is shown as it came.
 */
export function formatLocalDate(day: string | null | undefined): string {
  if (!day) return '—';
  const parsed = dayjs(day, LOCAL_DATE_FORMAT, true);
  return parsed.isValid() ? dateOnly.format(parsed.toDate()) : day;
}
