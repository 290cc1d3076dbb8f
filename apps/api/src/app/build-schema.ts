import 'reflect-metadata';
import type { MiddlewareFn } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../common/auth/authorize.js';
import { mapDomainErrors } from '../common/errors/error-middleware.js';
import { ErrorResult } from '../common/errors/error-results.js';
import type { RequestContext } from '../common/context/request-context.js';
import { createAppPubSub } from './pubsub.js';
import type { AppPubSub } from '../common/context/events.js';
import { resolvers } from './resolvers.js';
import { guardSubscriptions } from './live-identity.js';
import { buildCallingFieldResolversDirectly, buildCheckingFieldRulesInPlace, resolvePlainFieldsDirectly, useAtOperationRoots } from './field-wiring.js';

/**
 * Every mutation that changes something writes an audit event (DESIGN.md §1). A mutation that
 * succeeded for a signed-in identity without recording one is a bug: the tests fail on it loudly; a
 * running server logs it — its change is committed by now, so the caller still gets its answer.
 */
const requireAuditEvent: MiddlewareFn<RequestContext> = async ({ info, context }, next) => {
  const result: unknown = await next();
  if (info.parentType.name === 'Mutation' && context.viewer && !(result instanceof ErrorResult) && context.pendingAudit.length === 0) {
    const problem = `Mutation ${info.fieldName} succeeded without recording an audit event`;
    if (context.deps.env.NODE_ENV === 'test') throw new Error(problem);
    context.deps.logger.error({ mutation: info.fieldName }, problem);
  }
  return result;
};

/**
 * Builds the executable schema from the resolvers (authorization and error mapping included); every
 * subscription delivers only while its subscriber's identity holds (live-identity.ts). The error
 * mapping and the audit guard run once per root field, authorization only on fields with a rule
 * (checked in place), field resolver methods are called directly and plain fields resolve without any
 * wrapper (field-wiring.ts).
 */
export async function buildAppSchema(pubSub: AppPubSub = createAppPubSub().pubSub): Promise<GraphQLSchema> {
  resolvePlainFieldsDirectly();
  const schema = buildCheckingFieldRulesInPlace(() =>
    buildCallingFieldResolversDirectly({
      resolvers,
      authChecker,
      authMode: 'error',
      pubSub,
      scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
      validate: false,
    }),
  );
  return guardSubscriptions(useAtOperationRoots(schema, [mapDomainErrors, requireAuditEvent]));
}

/** The schema as committed in libs/graphql-client/schema.graphql: sorted, so diffs stay readable. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
