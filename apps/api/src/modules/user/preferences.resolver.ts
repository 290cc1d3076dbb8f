import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Resolver, createUnionType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { ValidationError } from '../../common/errors/error-results.js';
import { ViewerType } from '../auth/viewer.types.js';
import { myPreferences, setMyPreference } from './preferences.service.js';

@InputType({ description: 'One preference of the signed-in user.' })
class SetMyPreferenceInput {
  @Field(() => String, { description: 'A known key, e.g. `jobs.columns` (the columns the jobs list shows).' })
  key!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value, of the key\'s shape and at most 2,048 bytes as JSON; null forgets it (the default applies again).' })
  value?: unknown;
}

@ObjectType({ description: 'The preference was stored.' })
class SetMyPreferenceSuccess {
  @Field(() => GraphQLJSONObject, { description: 'All preferences of the signed-in user, as `Viewer.preferences` now answers.' })
  preferences!: Record<string, unknown>;
}

const SetMyPreferenceResult = createUnionType({
  name: 'SetMyPreferenceResult',
  description: 'The outcome of setMyPreference.',
  types: () => [SetMyPreferenceSuccess, ValidationError] as const,
});

@Resolver(() => ViewerType)
export class PreferencesResolver {
  @Allow()
  @FieldResolver(() => GraphQLJSONObject, { description: 'The signed-in user\'s own preferences by key (e.g. `jobs.columns`); set with setMyPreference. Empty for an API key.' })
  preferences(@Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return myPreferences(ctx);
  }

  @Allow()
  @Mutation(() => SetMyPreferenceResult, {
    description: 'Stores one of the signed-in user\'s own preferences (remembered across browsers). An unknown key or a value of the wrong shape or size is a ValidationError; API keys have no preferences (FORBIDDEN).',
  })
  async setMyPreference(@Arg('input', () => SetMyPreferenceInput, { description: 'The key and its value.' }) input: SetMyPreferenceInput, @Ctx() ctx: RequestContext): Promise<typeof SetMyPreferenceResult> {
    return Object.assign(new SetMyPreferenceSuccess(), { preferences: await setMyPreference(ctx, input.key, input.value) });
  }
}
