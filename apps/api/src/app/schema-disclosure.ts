import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Env } from '../config/env.js';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * Who learns about the schema beyond the operation it sent: schema introspection (`__schema`, `__type`,
 * which the in-app explorer needs) and graphql-js's "Did you mean …?" hints in error messages, which spell
 * out field, argument, type and enum names. Signed in means a valid session or API key of a partner that is
 * not blocked — anonymous callers, revoked or expired keys and blocked partners are not.
 * Set by GRAPHQL_INTROSPECTION and GRAPHQL_SUGGESTIONS (config/env.ts): `signed-in` (default), `everyone`, `nobody`.
 */
export interface Disclosure {
  introspection: boolean;
  suggestions: boolean;
}

/** What the caller of `ctx` may learn about the schema under the configured policy. */
export function disclosureFor(ctx: Pick<RequestContext, 'viewer' | 'deps'>): Disclosure {
  const signedIn = ctx.viewer !== null;
  const allows = (setting: Env['GRAPHQL_INTROSPECTION']) => setting === 'everyone' || (setting === 'signed-in' && signedIn);
  return { introspection: allows(ctx.deps.env.GRAPHQL_INTROSPECTION), suggestions: allows(ctx.deps.env.GRAPHQL_SUGGESTIONS) };
}

/** A message without graphql-js's "Did you mean …?" hints (also those inside variable coercion messages). */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/** graphql-js's finding of an introspection field (`__schema`, `__type`; not `__typename`) in the document, if any. */
export function asksForIntrospection(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  return validate(schema, document, [NoSchemaIntrospectionCustomRule])[0];
}

/** The refusal of an introspection query for a caller who may not introspect; none when it asks for no introspection field. */
export function introspectionRefusal(schema: GraphQLSchema, document: DocumentNode, ctx: Pick<RequestContext, 'deps'>): GraphQLError | null {
  const found = asksForIntrospection(schema, document);
  if (!found) return null;
  const message =
    ctx.deps.env.GRAPHQL_INTROSPECTION === 'nobody'
      ? 'Schema introspection is turned off on this server.'
      : 'Schema introspection is open only to signed-in callers: sign in, or send a valid API key.';
  return new GraphQLError(message, { nodes: found.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}

/**
 * Apollo's side of the policy: refuses introspection before execution (after validation, which needs no
 * rights) and takes the hints out of every error message of the response for callers without the right.
 */
export function schemaDisclosurePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const disclosure = disclosureFor(contextValue);
      if (disclosure.introspection && disclosure.suggestions) return;
      return {
        async didResolveOperation({ schema, document }) {
          if (disclosure.introspection) return;
          const refusal = introspectionRefusal(schema, document, contextValue);
          if (refusal) throw refusal;
        },
        async willSendResponse({ response }) {
          if (disclosure.suggestions || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors) singleResult.errors = singleResult.errors.map((error) => ({ ...error, message: withoutSuggestions(error.message) }));
        },
      };
    },
  };
}
