import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Viewer } from '../../common/auth/viewer.js';
import { Allow } from '../../common/auth/authorize.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import type { UserRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { myPreferences } from '../user/preferences.service.js';
import { isCut, partnershipStates } from '../access/partnership-access.js';

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

@Resolver(() => ViewerType)
export class ViewerFieldsResolver {
  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user; null for an API key.' })
  user(@Root() root: ViewerType, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return root.viewer.userId ? ctx.loaders.userById.load(root.viewer.userId) : null;
  }

  @Allow()
  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key the request came with; null for a user.' })
  apiKey(@Root() root: ViewerType, @Ctx() ctx: RequestContext): Promise<ApiKey | null> | null {
    return root.viewer.apiKeyId ? ctx.loaders.apiKeyById.load(root.viewer.apiKeyId) : null;
  }

  @Allow()
  @FieldResolver(() => Organization, { description: 'The organization the request acts for.' })
  async organization(@Root() root: ViewerType, @Ctx() ctx: RequestContext): Promise<Organization> {
    const organization = await ctx.loaders.organizationById.load(root.viewer.organizationId);
    if (!organization) throw new Error(`organization ${root.viewer.organizationId} of a viewer is missing`);
    return organization;
  }

  @Allow()
  @FieldResolver(() => [CutPartnership], {
    description:
      "For a partner organization that works for several principals: the partnerships of the viewer's own organization that are cut off now (blocked or archived by their principal, or their users blocked from above), so the app can say why that principal's data is hidden. Empty for principal staff and when nothing is cut.",
  })
  async cutPartnerships(@Root() root: ViewerType, @Ctx() ctx: RequestContext): Promise<CutPartnership[]> {
    const { viewer } = root;
    if (viewer.organizationKind === 'PRINCIPAL') return [];
    const states = await partnershipStates(ctx.em, viewer.organizationId);
    return states
      .filter((state) => isCut(state, viewer.kind))
      .map((state) => Object.assign(new CutPartnership(), { principalName: state.principalName, blocked: state.blocked }));
  }

  @Allow()
  @FieldResolver(() => GraphQLJSONObject, { description: 'The signed-in user\'s own preferences by key (e.g. `jobs.columns`); set with setMyPreference. Empty for an API key.' })
  preferences(@Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return myPreferences(ctx);
  }
}
