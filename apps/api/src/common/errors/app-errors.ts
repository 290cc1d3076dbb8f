import { GraphQLError } from 'graphql';

/**
 * Errors a service throws. Two families:
 * - `UserError`: expected and fixable by the user; a mutation whose result union lists the
 *   matching GraphQL type returns it as data (see error-results.ts).
 * - `AccessError`: not signed in, or not allowed; always a GraphQL error with a code.
 * Anything else is a bug: logged, and answered as INTERNAL_SERVER_ERROR without details.
 */
export abstract class UserError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** A `UserError` as a GraphQL error's extensions: BAD_USER_INPUT with its reason and field. */
export function userInputExtensions(error: UserError): { code: 'BAD_USER_INPUT'; reason: string; field: string | null } {
  return { code: 'BAD_USER_INPUT', reason: error.code, field: error.field };
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationFailed extends UserError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => p.message).join(' '), problems.length === 1 ? (problems[0]?.field ?? null) : null);
  }

  static of(field: string, message: string): ValidationFailed {
    return new ValidationFailed([{ field, message }]);
  }
}

/** Also what an object of another tenant looks like: indistinguishable from a missing one. */
export class NotFound extends UserError {
  readonly code = 'NOT_FOUND';
  constructor(objectType: string, field = 'id') {
    super(`No ${objectType} with this id exists.`, field);
  }
}

export class InvalidCredentials extends UserError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor(message = 'The e-mail or password is not right.', field: string | null = null) {
    super(message, field);
  }
}

export class TooManyAttempts extends UserError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/**
 * Too many password checks are running or waiting (on this instance, or from this address): refused at
 * once, uncounted, instead of queuing more 128 MiB hashes. Answered like TooManyAttempts.
 */
export class HashingBusy extends TooManyAttempts {
  constructor() {
    super(1);
    this.message = 'Sign-in is busy, try again in a moment.';
  }
}

export class AccountBlocked extends UserError {
  readonly code = 'ACCOUNT_BLOCKED';
  constructor(message = 'This account is deactivated. Ask an administrator of your organization.') {
    super(message);
  }
}

export class EmailTaken extends UserError {
  readonly code = 'EMAIL_TAKEN';
  constructor() {
    super('A user with this e-mail already exists.', 'email');
  }
}

/**
 * Someone else changed the object since the caller read it (optimistic concurrency, see
 * common/db/versioned.ts): nothing was written. Carries the object's current version.
 */
export class VersionConflict extends UserError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly objectType: string,
    readonly currentVersion: number,
    readonly changedAt: Date | null,
    readonly expectedVersion: number | null,
  ) {
    const when = changedAt ? ` at ${changedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '';
    const read = expectedVersion === null ? '' : ` (you read version ${expectedVersion}, it is now version ${currentVersion})`;
    super(`Someone else changed this ${objectType}${when} since you opened it${read}. Reload it and apply your changes again.`, 'expectedVersion');
  }
}

/** Not signed in, or not allowed. A GraphQLError with its code, since type-graphql's auth check runs before any middleware. */
export class AccessError extends GraphQLError {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
    reason?: 'ACCOUNT_BLOCKED',
  ) {
    super(message, { extensions: reason ? { code, reason } : { code } });
  }
}

export const notSignedIn = () =>
  new AccessError('UNAUTHENTICATED', 'Sign in first: this session or API key is missing, expired or revoked.');
/** A blocked partner's identity: not signed in, with a reason the sign-in page can explain. */
export const accountBlocked = () =>
  new AccessError(
    'UNAUTHENTICATED',
    'Your organization\'s access to Partner Hub is blocked. Ask the company you work for to unblock it.',
    'ACCOUNT_BLOCKED',
  );
export const forbidden = () => new AccessError('FORBIDDEN', 'Your role does not allow this.');
