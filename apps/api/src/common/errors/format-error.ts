import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { UserError, userInputExtensions } from './app-errors.js';

/** Codes whose message is safe and useful to show a client as it is. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's `formatError`: known client errors pass with their code (never a stack trace), a
 * domain error (`UserError`) as BAD_USER_INPUT; anything else — a bug, a database error — is logged in full and answered with a bland message.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // a nested field's domain error (root fields map theirs in mapDomainErrors)
    const original = (error as { originalError?: unknown } | null)?.originalError;
    if (original instanceof UserError) return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: userInputExtensions(original) };
    const code = typeof formatted.extensions?.['code'] === 'string' ? formatted.extensions['code'] : undefined;
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Something went wrong on our side. It has been logged; please try again.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
