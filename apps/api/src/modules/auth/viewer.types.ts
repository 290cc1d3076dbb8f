import { Field, ObjectType } from 'type-graphql';
import type { Viewer } from '../../common/auth/viewer.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import type { UserRole } from '@partner-hub/domain';

@ObjectType('CutPartnership', {
  description: "One of the viewer's own partnerships that is cut off now: what its principal shares through it (vehicles, jobs, sub-partners) is hidden until the principal lifts the block.",
})
export class CutPartnership {
  @Field(() => String, { description: 'The principal the partnership is with.' })
  principalName!: string;

  @Field(() => Boolean, { description: 'True when the principal blocked the partnership (or a partner above it, or archived it); false when a partner above it blocks its sub-accounts\' users (the organization\'s API keys still work).' })
  blocked!: boolean;
}

@ObjectType('Viewer', { description: 'Who the request acts as: a signed-in user or an API key, of one organization.' })
export class ViewerType {
  constructor(readonly viewer: Viewer) {}

  @Field(() => UserRoleEnum, { description: 'The role the request acts with.' })
  get role(): UserRole {
    return this.viewer.role;
  }

  @Field(() => [String], { description: 'What this identity may do, e.g. `users:manage` (see libs/domain permissions).' })
  get permissions(): string[] {
    return [...this.viewer.permissions];
  }

  @Field(() => Date, { nullable: true, description: 'When the session (or API key) expires, if it does.' })
  get sessionExpiresAt(): Date | null {
    return this.viewer.sessionExpiresAt;
  }
}
