import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow, Public } from '../../common/auth/authorize.js';
import {
  AccountBlockedError,
  InvalidCredentialsError,
  TooManyAttemptsError,
  ValidationError,
} from '../../common/errors/error-results.js';
import { User } from '../user/user.entity.js';
import { accountBlocked } from '../../common/errors/app-errors.js';
import { changePassword, signIn, signOut } from './auth.service.js';
import { ViewerType } from './viewer.types.js';

@InputType({ description: 'E-mail and password of a user.' })
class SignInInput {
  @Field(() => String, { description: 'Sign-in e-mail (case does not matter).' })
  email!: string;

  @Field(() => String, { description: 'Password.' })
  password!: string;
}

@ObjectType({ description: 'Signed in: the session cookie is set.' })
class SignInSuccess {
  @Field(() => ViewerType, { description: 'The identity the session acts as.' })
  viewer!: ViewerType;
}

const SignInResult = createUnionType({
  name: 'SignInResult',
  description: 'The outcome of signIn.',
  types: () => [SignInSuccess, ValidationError, InvalidCredentialsError, TooManyAttemptsError, AccountBlockedError] as const,
});

@ObjectType({ description: 'The outcome of signOut.' })
class SignOutPayload {
  @Field(() => Boolean, { description: 'True: the session is ended and its cookie cleared.' })
  signedOut!: boolean;
}

@InputType({ description: 'The current and the new password of the signed-in user.' })
class ChangePasswordInput {
  @Field(() => String, { description: 'The password used now.' })
  currentPassword!: string;

  @Field(() => String, { description: 'The new password; must meet the organization\'s password policy.' })
  newPassword!: string;
}

@ObjectType({ description: 'The password is changed; other sessions of the user have ended.' })
class ChangePasswordSuccess {
  @Field(() => User, { description: 'The user.' })
  user!: User;
}

const ChangePasswordResult = createUnionType({
  name: 'ChangePasswordResult',
  description: 'The outcome of changePassword.',
  types: () => [ChangePasswordSuccess, ValidationError, InvalidCredentialsError, TooManyAttemptsError] as const,
});

@Resolver()
export class AuthResolver {
  @Public()
  @Query(() => ViewerType, {
    nullable: true,
    description: 'Who the request acts as; null when not signed in. A blocked partner\'s session or key gets UNAUTHENTICATED with `extensions.reason` ACCOUNT_BLOCKED, so the app can say why.',
  })
  viewer(@Ctx() ctx: RequestContext): ViewerType | null {
    if (ctx.blocked) throw accountBlocked();
    return ctx.viewer ? new ViewerType(ctx.viewer) : null;
  }

  @Public()
  @Mutation(() => SignInResult, { description: 'Signs in with e-mail and password and sets the session cookie.' })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: RequestContext): Promise<typeof SignInResult> {
    return Object.assign(new SignInSuccess(), { viewer: new ViewerType(await signIn(ctx, input)) });
  }

  @Public()
  @Mutation(() => SignOutPayload, { description: 'Ends the current session and clears its cookie.' })
  async signOut(@Ctx() ctx: RequestContext): Promise<SignOutPayload> {
    return Object.assign(new SignOutPayload(), { signedOut: await signOut(ctx) });
  }

  @Allow()
  @Mutation(() => ChangePasswordResult, { description: 'Changes the signed-in user\'s password and ends their other sessions.' })
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof ChangePasswordResult> {
    return Object.assign(new ChangePasswordSuccess(), { user: await changePassword(ctx, input) });
  }
}
