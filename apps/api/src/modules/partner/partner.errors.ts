import { ObjectType } from 'type-graphql';
import { UserError } from '../../common/errors/app-errors.js';
import { ErrorResult, registerErrorResult } from '../../common/errors/error-results.js';

/** A move that would hang a partner under itself or one of its own sub-partners, or too deep. */
export class PartnerCycle extends UserError {
  readonly code = 'PARTNER_CYCLE';
  constructor(message: string) {
    super(message, 'parentId');
  }
}

/** The partner has claimed its organization: its profile is now the partner's to edit. */
export class PartnerClaimed extends UserError {
  readonly code = 'PARTNER_CLAIMED';
  constructor() {
    super('This partner has claimed its organization: its profile is now theirs to edit. Agreement and settings stay yours.');
  }
}

@ObjectType({ implements: ErrorResult, description: 'The move would place a partner under itself or one of its own sub-partners (or deeper than the tree allows).' })
export class PartnerCycleError extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: 'The partner has claimed its organization, so its profile is read-only for the principal.' })
export class PartnerClaimedError extends ErrorResult {}

registerErrorResult(PartnerCycle, PartnerCycleError);
registerErrorResult(PartnerClaimed, PartnerClaimedError);
