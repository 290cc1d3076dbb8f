import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { UserRole } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import { EmailTakenError, NotFoundError, ValidationError } from '../../common/errors/error-results.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from './user.entity.js';
import { UserConnection } from './user.types.js';
import { createUser, listUsers, setUserActive, updateUser } from './user.service.js';
import { loaderById } from '../../common/context/loaders.js';

@InputType({ description: 'Narrows a list of users.' })
class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the e-mail or name.' })
  search?: string | null;

  @Field(() => UserRoleEnum, { nullable: true, description: 'Only users with this role.' })
  role?: UserRole | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) users.' })
  active?: boolean | null;
}

@InputType({ description: 'A new user of the admin\'s own organization.' })
class CreateUserInput {
  @Field(() => String, { description: 'Sign-in e-mail; unique across Partner Hub.' })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => UserRoleEnum, { description: 'A role that exists in the organization.' })
  role!: UserRole;

  @Field(() => String, { description: 'Initial password; must meet the organization\'s password policy.' })
  password!: string;
}

@ObjectType({ description: 'The user was created and told by e-mail.' })
class CreateUserSuccess {
  @Field(() => User, { description: 'The new user.' })
  user!: User;
}

const CreateUserResult = createUnionType({
  name: 'CreateUserResult',
  description: 'The outcome of createUser.',
  types: () => [CreateUserSuccess, ValidationError, EmailTakenError] as const,
});

@InputType({ description: 'New name and role of a user.' })
class UpdateUserInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => UserRoleEnum, { description: 'A role that exists in the organization.' })
  role!: UserRole;
}

@ObjectType({ description: 'The user was changed.' })
class UpdateUserSuccess {
  @Field(() => User, { description: 'The user.' })
  user!: User;
}

const UpdateUserResult = createUnionType({
  name: 'UpdateUserResult',
  description: 'The outcome of updateUser.',
  types: () => [UpdateUserSuccess, ValidationError, NotFoundError] as const,
});

@InputType({ description: 'Deactivate or reactivate a user.' })
class SetUserActiveInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => Boolean, { description: 'False ends all their sessions and stops sign-in.' })
  active!: boolean;
}

@ObjectType({ description: 'The user\'s state was changed.' })
class SetUserActiveSuccess {
  @Field(() => User, { description: 'The user.' })
  user!: User;
}

const SetUserActiveResult = createUnionType({
  name: 'SetUserActiveResult',
  description: 'The outcome of setUserActive.',
  types: () => [SetUserActiveSuccess, ValidationError, NotFoundError] as const,
});

@Resolver(() => User)
export class UserResolver {
  @Allow('users:read')
  @Query(() => UserConnection, { description: 'Users of the own organization, by e-mail.' })
  users(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Narrows the list.' }) filter?: UserFilter | null,
  ) {
    return listUsers(ctx, filter ?? {}, first, after);
  }

  @Allow('users:manage')
  @Mutation(() => CreateUserResult, { description: 'Creates a user in the own organization and e-mails them.' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<typeof CreateUserResult> {
    return Object.assign(new CreateUserSuccess(), { user: await createUser(ctx, input) });
  }

  @Allow('users:manage')
  @Mutation(() => UpdateUserResult, { description: 'Changes a user\'s name and role.' })
  async updateUser(@Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: RequestContext): Promise<typeof UpdateUserResult> {
    return Object.assign(new UpdateUserSuccess(), { user: await updateUser(ctx, input) });
  }

  @Allow('users:manage')
  @Mutation(() => SetUserActiveResult, { description: 'Deactivates (ending their sessions at once) or reactivates a user.' })
  async setUserActive(
    @Arg('input', () => SetUserActiveInput) input: SetUserActiveInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof SetUserActiveResult> {
    return Object.assign(new SetUserActiveSuccess(), { user: await setUserActive(ctx, input) });
  }

  @Allow()
  @FieldResolver(() => Organization, { description: 'The organization the user belongs to.' })
  async organization(@Parent() user: User, @Ctx() ctx: RequestContext): Promise<Organization> {
    const organization = await loaderById(ctx, Organization).load(user.organization.id);
    if (!organization) throw new Error(`organization of user ${user.id} is missing`);
    return organization;
  }
}
