import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { parseIsoDay } from '@partner-hub/domain';

/** The calendar day a value names, or a GraphQL error that says what is wrong with it. */
function toLocalDate(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('A date is a string like 2027-01-31 (YYYY-MM-DD).');
  const parsed = parseIsoDay(value);
  if ('error' in parsed) throw new GraphQLError(parsed.error);
  return parsed.day;
}

/**
 * A calendar day without time or time zone, `YYYY-MM-DD` (a job's scheduled day): the same day for
 * every viewer wherever they are — unlike an instant (`DateTime`), which clients show in their own
 * zone. Input that is not a day of the calendar (`2027-02-30`, `next week`) is refused before any
 * resolver runs, with a sentence naming the value.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar day without time or time zone, `YYYY-MM-DD` (e.g. `2027-01-31`); the same day wherever the viewer is.',
  serialize: toLocalDate,
  parseValue: toLocalDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A date is a string like 2027-01-31 (YYYY-MM-DD).', { nodes: ast });
    return toLocalDate(ast.value);
  },
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});
