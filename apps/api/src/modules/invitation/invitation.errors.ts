import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/errors/app-errors.js';
import { ErrorResult, registerErrorResult } from '../../common/errors/error-results.js';
import { InvitationStateEnum } from './invitation.types.js';
import type { InvitationState } from './invitation.types.js';

const MESSAGES: Record<Exclude<InvitationState, 'OPEN'>, string> = {
  UNKNOWN: 'This invitation link is not valid. Check that you opened the whole link from the e-mail.',
  EXPIRED: 'This invitation has expired. Ask the company that invited you to send a new one.',
  USED: 'This invitation has already been used. Sign in instead.',
  REVOKED: 'This invitation was withdrawn or replaced by a newer one. Use the link of the latest e-mail, or ask for a new one.',
  DECLINED: 'This invitation was declined.',
};

/** The invitation link cannot be used (any more). */
export class InvitationUnusable extends UserError {
  readonly code = 'INVITATION_UNUSABLE';
  constructor(readonly state: Exclude<InvitationState, 'OPEN'>) {
    super(MESSAGES[state], 'token');
  }
}

@ObjectType({ implements: ErrorResult, description: 'The invitation link is unknown, expired, used, withdrawn or declined.' })
export class InvitationUnusableError extends ErrorResult {
  @Field(() => InvitationStateEnum, { description: 'Why the link cannot be used.' })
  state!: InvitationState;
}

registerErrorResult(InvitationUnusable, InvitationUnusableError, (error) => ({ state: error.state }));
