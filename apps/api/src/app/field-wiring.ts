import { buildSchemaSync, getMetadataStorage } from 'type-graphql';
import type { BuildSchemaOptions, ContainerType, MiddlewareFn, ResolverData } from 'type-graphql';
import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context/request-context.js';
import { assertRoles } from '../common/auth/authorize.js';
import { parentOf } from '../common/graphql/parent.js';

/**
 * Where per-field work runs. type-graphql's global middlewares wrap every field of every row in an
 * async chain — on a page of 50 that is thousands of promises for scalars that only read a
 * property. Instead, operation-wide middlewares run once per root field (`useAtOperationRoots`),
 * a field's rule is checked in place (`buildCheckingFieldRulesInPlace`), a field resolver method is
 * called directly (`buildCallingFieldResolversDirectly`), and a field resolves through a wrapper only
 * when it declares a rule or a middleware.
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
    const checked: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
      assertRoles(context, roles);
      return resolve(source, args, context, info);
    };
    // a check around a direct call is still one
    if (calledDirectly.has(resolve)) calledDirectly.add(checked as GraphQLFieldResolver<unknown, unknown>);
    field.resolve = checked;
    wrapped++;
  }
  if (wrapped === 0) throw new Error(`@Allow on ${rule.target.name}.${rule.fieldName}: no field of the schema found to guard`);
}

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/** one instance per resolver class, found by a map (type-graphql's default container searches a list on every call) */
class ResolverInstances implements ContainerType {
  private readonly instances = new Map<object, object>();

  get(someClass: new () => object): object {
    let instance = this.instances.get(someClass);
    if (!instance) this.instances.set(someClass, (instance = new someClass()));
    return instance;
  }
}

/** the field resolvers {@link buildCallingFieldResolversDirectly} calls directly */
const calledDirectly = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

/** Whether a schema field's resolver is called directly (tests). */
export function isCalledDirectly(resolve: GraphQLFieldResolver<unknown, unknown> | undefined): boolean {
  return resolve !== undefined && calledDirectly.has(resolve);
}

/**
 * `buildSchemaSync(options)`, with each field resolver method (`@FieldResolver` in a resolver class)
 * whose parameters are only `@Parent()`, `@Ctx()` and `@Info()`, and which has no middleware of its
 * own, called directly: type-graphql's handler sorts and maps the parameters' metadata, looks the
 * resolver's instance up in its container and starts its middleware chain on every call — on a page of
 * 50, for each of a row's field resolvers (a name, a parent, two counts). A method with arguments or
 * another parameter keeps type-graphql's handler. Call it without a container and global middlewares
 * (operations have theirs: `useAtOperationRoots`; rules: `buildCheckingFieldRulesInPlace`).
 */
export function buildCallingFieldResolversDirectly(options: BuildSchemaOptions): GraphQLSchema {
  if (options.container || options.globalMiddlewares?.length) throw new Error('buildCallingFieldResolversDirectly: no container or global middlewares');
  const instances = new ResolverInstances();
  const schema = buildSchemaSync({ ...options, container: instances });
  // after the build, the metadata holds each definition's parameters, middlewares and roles (built in place)
  const storage = getMetadataStorage();
  const built = new Set<object>(options.resolvers as readonly object[]);
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const interfaceFields = storage.interfaceTypes.filter((i) => objectType.interfaceClasses?.includes(i.target)).flatMap((i) => i.fields ?? []);
    // as type-graphql builds the type: its fields by schema name, the last of a name wins
    const fields = new Map([...interfaceFields, ...(objectType.fields ?? [])].map((field) => [field.schemaName, field]));
    for (const [schemaName, field] of fields) {
      // the definition type-graphql resolves the field with (its lookup), when it is a resolver class's method
      const resolver = storage.fieldResolvers.find(
        (r) => (r.kind === 'internal' || built.has(r.target)) && r.getObjectType?.() === field.target && r.methodName === field.name,
      );
      const direct =
        resolver?.kind === 'external' && !resolver.middlewares?.length && !resolver.roles?.length
          ? directCall(resolver, instances.get(resolver.target as new () => object))
          : null;
      const schemaField = type.getFields()[schemaName];
      if (direct && schemaField) {
        schemaField.resolve = direct;
        calledDirectly.add(direct);
      }
    }
  }
  return schema;
}

type Pick = (source: unknown, context: unknown, info: unknown) => unknown;

const pickParent: Pick = (source) => source;
const pickContext: Pick = (_source, context) => context;
const pickInfo: Pick = (_source, _context, info) => info;

/** what a parameter is handed, when it is one of those a direct call hands over */
function pickOf(param: ParamMetadata): Pick | null {
  if (param.kind === 'custom' && param.resolver === parentOf && !param.options.arg) return pickParent;
  if (param.kind === 'context' && !param.propertyName) return pickContext;
  if (param.kind === 'info') return pickInfo;
  return null;
}

/** The method of `resolver` called on `instance` with its parameters in their order; null when one is not handed over. */
function directCall(resolver: FieldResolverMetadata, instance: object): GraphQLFieldResolver<unknown, unknown> | null {
  const picks = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index).map(pickOf);
  if (picks.some((pick) => pick === null)) return null;
  const method = (instance as Record<string, (...args: unknown[]) => unknown>)[resolver.methodName];
  if (typeof method !== 'function') return null;
  const [a, b, c] = picks as Pick[];
  // one closure per arity: no parameter array per call
  switch (picks.length) {
    case 0:
      return () => method.call(instance);
    case 1:
      return (source, _args, context, info) => method.call(instance, a!(source, context, info));
    case 2:
      return (source, _args, context, info) => method.call(instance, a!(source, context, info), b!(source, context, info));
    case 3:
      return (source, _args, context, info) => method.call(instance, a!(source, context, info), b!(source, context, info), c!(source, context, info));
    default:
      return (source, _args, context, info) => method.apply(instance, (picks as Pick[]).map((pick) => pick(source, context, info)));
  }
}
