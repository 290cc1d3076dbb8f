import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { UserRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import { NotFoundError, ValidationError } from '../../common/errors/error-results.js';
import { User } from '../user/user.entity.js';
import { ApiKey, isUsable } from './api-key.entity.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.js';
import { loaderById } from '../../common/context/loaders.js';

@InputType({ description: 'A new API key for a partner system.' })
class CreateApiKeyInput {
  @Field(() => String, { description: 'Name of the system that will use it.' })
  name!: string;

  @Field(() => UserRoleEnum, { description: 'The role it acts with; one that exists in the organization.' })
  role!: UserRole;

  @Field(() => Date, { nullable: true, description: 'Optional expiry in the future.' })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'The key was created. Its secret is shown this once.' })
class CreateApiKeySuccess {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The secret, for `Authorization: Bearer <secret>`. Not retrievable later.' })
  secret!: string;
}

const CreateApiKeyResult = createUnionType({
  name: 'CreateApiKeyResult',
  description: 'The outcome of createApiKey.',
  types: () => [CreateApiKeySuccess, ValidationError] as const,
});

@InputType({ description: 'The API key to revoke.' })
class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  id!: string;
}

@ObjectType({ description: 'The key is revoked and refused from now on.' })
class RevokeApiKeySuccess {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey!: ApiKey;
}

const RevokeApiKeyResult = createUnionType({
  name: 'RevokeApiKeyResult',
  description: 'The outcome of revokeApiKey.',
  types: () => [RevokeApiKeySuccess, NotFoundError] as const,
});

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Allow('apiKeys:manage')
  @Query(() => [ApiKey], { description: 'The own organization\'s API keys, newest first.' })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return listApiKeys(ctx);
  }

  @Allow('apiKeys:manage')
  @Mutation(() => CreateApiKeyResult, { description: 'Creates an API key for the own organization; returns its secret once.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<typeof CreateApiKeyResult> {
    return Object.assign(new CreateApiKeySuccess(), await createApiKey(ctx, input));
  }

  @Allow('apiKeys:manage')
  @Mutation(() => RevokeApiKeyResult, { description: 'Revokes an API key; requests with it are refused at once.' })
  async revokeApiKey(@Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput, @Ctx() ctx: RequestContext): Promise<typeof RevokeApiKeyResult> {
    return Object.assign(new RevokeApiKeySuccess(), { apiKey: await revokeApiKey(ctx, input) });
  }

  @Allow()
  @FieldResolver(() => Boolean, { description: 'Whether the key authenticates requests now (not revoked, not expired).' })
  active(@Parent() apiKey: ApiKey): boolean {
    return isUsable(apiKey);
  }

  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'Who created the key.' })
  createdBy(@Parent() apiKey: ApiKey, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return apiKey.createdBy ? loaderById(ctx, User).load(apiKey.createdBy.id) : null;
  }
}
