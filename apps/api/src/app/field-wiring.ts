import { getMetadataStorage } from 'type-graphql';
import type { MiddlewareFn, ResolverData } from 'type-graphql';
import { defaultFieldResolver } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * Where per-field work runs. type-graphql's global middlewares wrap every field of every row in an
 * async chain — on a page of 50 that is thousands of promises for scalars that only read a
 * property. Instead, operation-wide middlewares run once per root field (`useAtOperationRoots`),
 * and a field resolves through a wrapper only when it declares a rule or a middleware.
 */

/**
 * Runs `middlewares` (first outermost) around every root field of `schema` — each query, mutation
 * and subscription delivery — outside the field's own authorization check.
 */
export function useAtOperationRoots(schema: GraphQLSchema, middlewares: MiddlewareFn<RequestContext>[]): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: RequestContext, info) => {
        const data: ResolverData<RequestContext> = { root: source, args, context, info };
        const run = async ([middleware, ...inner]: MiddlewareFn<RequestContext>[]): Promise<unknown> =>
          middleware ? middleware(data, () => run(inner)) : resolve(source, args, context, info);
        return run(middlewares);
      };
    }
  }
  return schema;
}

/**
 * Marks every object field that is a plain property — no authorization rule, no middleware, no
 * resolver method, named as its property — as type-graphql's `simple` field, so GraphQL's default
 * resolver reads it directly. Call before `buildSchema` (it reads the decorators' metadata).
 */
export function resolvePlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const ruled = fieldsOf(storage.authorizedFields);
  const wrapped = fieldsOf(storage.middlewares);
  const wholeClasses = new Set<object>([...storage.authorizedResolver, ...storage.resolverMiddlewares].map((c) => c.target));
  for (const field of storage.fields) {
    const plain = field.name === field.schemaName && !wholeClasses.has(field.target) && !ruled.get(field.target)?.has(field.name) && !wrapped.get(field.target)?.has(field.name);
    if (plain && field.simple === undefined) field.simple = true;
  }
}

/** the field names per class of decorator metadata */
function fieldsOf(entries: { target: object; fieldName: string }[]): Map<object, Set<string>> {
  const byClass = new Map<object, Set<string>>();
  for (const { target, fieldName } of entries) byClass.set(target, (byClass.get(target) ?? new Set()).add(fieldName));
  return byClass;
}
