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
  @FieldResolver(() => GraphQLJSONObject, { description: 'The signed-in user\'s own preferences by key (e.g. `jobs.columns`); set with setMyPreference. Empty for an API key.' })
  preferences(@Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return myPreferences(ctx);
  }
}
