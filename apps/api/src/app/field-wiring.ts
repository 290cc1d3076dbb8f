import { getMetadataStorage } from 'type-graphql';
import type { MiddlewareFn, ResolverData } from 'type-graphql';
import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context/request-context.js';
import { assertRoles } from '../common/auth/authorize.js';

/**
 * Where per-field work runs. type-graphql's global middlewares wrap every field of every row in an
 * async chain — on a page of 50 that is thousands of promises for scalars that only read a
 * property. Instead, operation-wide middlewares run once per root field (`useAtOperationRoots`),
 * a field's rule is checked in place (`buildCheckingFieldRulesInPlace`), and a field resolves through
 * a wrapper only when it declares a rule or a middleware.
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

/** a rule as type-graphql's metadata holds it: `@Allow` on the field (resolver) `fieldName` of `target` */
type FieldRule = ReturnType<typeof getMetadataStorage>['authorizedFields'][number];

/**
 * Builds the schema with `build` (synchronous: it reads the decorators' metadata at once), checking
 * every field's rule (`@Allow` on a field resolver or an object field) in place: type-graphql runs a
 * rule as an async middleware around the field, so each ruled field of each row resolves through a
 * chain of promises even when its value is known — while the check itself is synchronous (the viewer
 * is the request's). The field rules are taken out of the metadata for the build and put back after
 * it (the guard tests read them there); each ruled field's resolver is then wrapped in the same check,
 * which throws the same errors. Operations keep type-graphql's check.
 */
export function buildCheckingFieldRulesInPlace(build: () => GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const operations = new Set([...storage.queries, ...storage.mutations, ...storage.subscriptions].map((op) => `${op.target.name}.${op.methodName}`));
  const all = storage.authorizedFields;
  const fieldRules = all.filter((rule) => !operations.has(`${rule.target.name}.${rule.fieldName}`));
  let schema: GraphQLSchema;
  storage.authorizedFields = all.filter((rule) => !fieldRules.includes(rule));
  try {
    schema = build();
  } finally {
    storage.authorizedFields = all;
  }
  for (const rule of fieldRules) checkInPlace(schema, rule);
  return schema;
}

/** Wraps the fields `rule` guards — on its object type, and on those extending or implementing it — in the rule's check. */
function checkInPlace(schema: GraphQLSchema, rule: FieldRule): void {
  const storage = getMetadataStorage();
  const resolver = storage.fieldResolvers.find((f) => f.target === rule.target && f.methodName === rule.fieldName);
  const owner = resolver?.getObjectType?.() ?? rule.target;
  const schemaName = resolver?.schemaName ?? storage.fields.find((f) => f.target === rule.target && f.name === rule.fieldName)?.schemaName ?? rule.fieldName;
  const types = storage.objectTypes.filter((t) => t.target === owner || Object.prototype.isPrototypeOf.call(owner, t.target) || t.interfaceClasses?.includes(owner));
  let wrapped = 0;
  for (const { name } of types) {
    const type = schema.getType(name);
    const field = isObjectType(type) ? type.getFields()[schemaName] : undefined;
    if (!field) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const roles = rule.roles;
    field.resolve = (source, args, context: RequestContext, info) => {
      assertRoles(context, roles);
      return resolve(source, args, context, info);
    };
    wrapped++;
  }
  if (wrapped === 0) throw new Error(`@Allow on ${rule.target.name}.${rule.fieldName}: no field of the schema found to guard`);
}
