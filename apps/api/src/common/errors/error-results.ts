import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import {
  AccountBlocked,
  EmailTaken,
  InvalidCredentials,
  NotFound,
  TooManyAttempts,
  UserError,
  ValidationFailed,
  VersionConflict,
} from './app-errors.js';

/** The GraphQL face of expected, user-fixable failures: members of mutation result unions. */
@InterfaceType({ description: 'An expected failure the user can fix. Clients branch on `__typename`.' })
export abstract class ErrorResult {
  @Field(() => String, { description: 'Stable machine-readable code, e.g. `VALIDATION_FAILED`.' })
  code!: string;

  @Field(() => String, { description: 'A sentence for the person who made the request.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, when there is one.' })
  field?: string | null;
}

@ObjectType({ description: 'One problem with one input field.' })
export class FieldError {
  @Field(() => String, { description: 'The input field, e.g. `email`.' })
  field!: string;

  @Field(() => String, { description: 'What is wrong and how to fix it.' })
  message!: string;
}

@ObjectType({ implements: ErrorResult, description: 'The input has problems; one entry per bad field.' })
export class ValidationError extends ErrorResult {
  @Field(() => [FieldError], { description: 'Every problem found, by field.' })
  fieldErrors!: FieldError[];
}

@ObjectType({ implements: ErrorResult, description: 'The e-mail or password is not right.' })
export class InvalidCredentialsError extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: 'Too many failed sign-ins; wait before trying again.' })
export class TooManyAttemptsError extends ErrorResult {
  @Field(() => Int, { description: 'Seconds until sign-in is possible again.' })
  retryAfterSeconds!: number;
}

@ObjectType({ implements: ErrorResult, description: 'The account is deactivated or its organization is blocked.' })
export class AccountBlockedError extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: 'Another user already has this e-mail address.' })
export class EmailTakenError extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: 'No such object exists — or it belongs to someone else.' })
export class NotFoundError extends ErrorResult {}

@ObjectType({
  implements: ErrorResult,
  description: 'Someone else changed the object since it was read (its `version` is no longer the `expectedVersion` sent): nothing was written. Reload it, re-apply the changes and send the new version.',
})
export class VersionConflictError extends ErrorResult {
  @Field(() => Int, { description: 'The object\'s version now.' })
  currentVersion!: number;

  @Field(() => Date, { nullable: true, description: 'When it was last changed.' })
  changedAt?: Date | null;
}

type UserErrorClass = abstract new (...args: never[]) => UserError;
const featureErrorTypes = new Map<UserErrorClass, { resultType: new () => ErrorResult; extra: (error: never) => object }>();

/**
 * Lets a feature map its own `UserError` onto its GraphQL error type (e.g. `PartnerCycle` →
 * `PartnerCycleError`); `extra` copies the type's own fields from the error.
 */
export function registerErrorResult<E extends UserError>(
  errorClass: abstract new (...args: never[]) => E,
  resultType: new () => ErrorResult,
  extra: (error: E) => object = () => ({}),
): void {
  featureErrorTypes.set(errorClass, { resultType, extra: extra as (error: never) => object });
}

/** Turns a service's `UserError` into the GraphQL object of the same meaning. */
export function toErrorResult(error: UserError): ErrorResult {
  const base = { code: error.code, message: error.message, field: error.field };
  for (const [errorClass, { resultType, extra }] of featureErrorTypes) {
    if (error instanceof errorClass) return Object.assign(new resultType(), base, extra(error as never));
  }
  if (error instanceof ValidationFailed) {
    return Object.assign(new ValidationError(), base, { fieldErrors: error.problems.map((p) => Object.assign(new FieldError(), p)) });
  }
  if (error instanceof TooManyAttempts) {
    return Object.assign(new TooManyAttemptsError(), base, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof InvalidCredentials) return Object.assign(new InvalidCredentialsError(), base);
  if (error instanceof AccountBlocked) return Object.assign(new AccountBlockedError(), base);
  if (error instanceof EmailTaken) return Object.assign(new EmailTakenError(), base);
  if (error instanceof VersionConflict) {
    return Object.assign(new VersionConflictError(), base, { currentVersion: error.currentVersion, changedAt: error.changedAt });
  }
  if (error instanceof NotFound) return Object.assign(new NotFoundError(), base);
  throw new Error(`No GraphQL error type for ${error.constructor.name}`);
}
