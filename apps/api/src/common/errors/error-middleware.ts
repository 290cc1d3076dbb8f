import { GraphQLError, getNamedType, isUnionType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { OptimisticLockError, versionConflictOf } from '../db/versioned.js';
import { UserError } from './app-errors.js';
import { toErrorResult } from './error-results.js';
import type { RequestContext } from '../context/request-context.js';

/**
 * The one place domain errors become GraphQL answers (a global type-graphql middleware):
 * a `UserError` becomes a member of the field's result union when the union lists it, else a
 * BAD_USER_INPUT error; a write refused by its optimistic version check becomes a `VersionConflict`. Everything else (an `AccessError` carries its own code) passes on to
 * `formatError`, which logs it and hides its details.
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
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.code, field: error.field } });
    }
    throw error;
  }
};
