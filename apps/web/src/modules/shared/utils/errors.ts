import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** The `extensions.code` of the first GraphQL error, if the error came from the API. */
export function graphQLErrorCode(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.['code'];
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The `extensions.reason` of the first GraphQL error (e.g. `NOT_FOUND` for a BAD_USER_INPUT), if any. */
export function graphQLErrorReason(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) {
    const reason = error.errors[0]?.extensions?.['reason'];
    return typeof reason === 'string' ? reason : undefined;
  }
  return undefined;
}

/** A sentence for the user describing an unexpected failure (not an ErrorResult). */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    switch (graphQLErrorCode(error)) {
      case 'UNAUTHENTICATED':
        return 'Your session has ended. Sign in again.';
      case 'FORBIDDEN':
        return 'Your role does not allow this.';
      case 'INTERNAL_SERVER_ERROR':
        return 'The server failed to handle this request. Try again; if it keeps failing, tell your administrator.';
      default:
        return error.errors[0]?.message ?? 'The server refused the request.';
    }
  }
  if (ServerError.is(error)) {
    return `The server answered with HTTP ${error.statusCode}. Try again in a moment.`;
  }
  if (ServerParseError.is(error)) {
    return 'The server sent an answer the app could not read. Try again in a moment.';
  }
  if (error instanceof TypeError) {
    return 'Could not reach the server. Check your connection and try again.';
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
