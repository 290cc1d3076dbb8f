import { Field, ObjectType } from 'type-graphql';
import type { JobStatus } from '@partner-hub/domain';
import { UserError } from '../../common/errors/app-errors.js';
import { ErrorResult, registerErrorResult } from '../../common/errors/error-results.js';
import { JobStatusEnum } from '../../common/graphql/enums.js';

/** An action the job lifecycle does not allow now, or not to this caller (DESIGN.md §2); nothing changed. */
export class InvalidTransition extends UserError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    message: string,
    readonly status: JobStatus,
  ) {
    super(message);
  }
}

@ObjectType({ implements: ErrorResult, description: 'The job lifecycle does not allow this action now, or not to you; nothing changed.' })
export class InvalidTransitionError extends ErrorResult {
  @Field(() => JobStatusEnum, { description: 'The job\'s status as it is now.' })
  status!: JobStatus;
}

registerErrorResult(InvalidTransition, InvalidTransitionError, (error) => ({ status: error.status }));
