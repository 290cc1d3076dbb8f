import { GraphQLError, getNamedType, isUnionType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { OptimisticLockError, versionConflictOf } from '../db/versioned.js';
import { UserError, userInputExtensions } from './app-errors.js';
import { toErrorResult } from './error-results.js';
import type { RequestContext } from '../context/request-context.js';

/**
 * The one place domain errors become GraphQL answers (run around every root field, build-schema.ts):
 * a `UserError` becomes a member of the field's result union when the union lists it, else a
 * BAD_USER_INPUT error; a write refused by its optimistic version check becomes a `VersionConflict`. Everything else (an `AccessError` carries its own code) passes on to
 * `formatError`, which logs it and hides its details — and answers a `UserError` of a nested field
 * (e.g. a `history` page size) as BAD_USER_INPUT the same way.
 */
export const mapDomainErrors: MiddlewareFn<RequestContext> = async ({ info, context }, next) => {
  try {
    return await next();
  } catch (thrown) {
    // a write whose version condition failed: someone else's change committed first
    const error = thrown instanceof OptimisticLockError ? await versionConflictOf(context.em, thrown) : thrown;
    if (error instanceof UserError) {
      const result = toErrorResult(error);
      const returnType = getNamedType(info.returnType);
      if (isUnionType(returnType) && returnType.getTypes().some((t) => t.name === result.constructor.name)) {
        return result;
      }
      throw new GraphQLError(error.message, { extensions: userInputExtensions(error) });
    }
    throw error;
  }
};
