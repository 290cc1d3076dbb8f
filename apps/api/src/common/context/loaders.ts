import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import type { RequestContext } from './request-context.js';
import { partialRowHolds, rowsById } from '../db/plain-rows.js';
import type { RelatedRows } from '../db/plain-rows.js';
import type { Now } from './now.js';

/**
 * Request-scoped DataLoaders: relations are resolved in batches, never one query per parent row. Each
 * feature declares its own (`<feature>.loaders.ts`) with {@link contextLoaders}; the kernel knows none
 * of them. A context makes each set on first use, bound to its `em` — so a transaction's context
 * (inTransaction) reads inside the transaction, with a cache of its own.
 */
export function contextLoaders<T>(make: (em: EntityManager, ctx: RequestContext) => T): (ctx: RequestContext) => T {
  return (ctx) => {
    let loaders = ctx.loaders.get(make) as T | undefined;
    if (!loaders) {
      loaders = make(ctx.em, ctx);
      ctx.loaders.set(make, loaders);
    }
    return loaders;
  };
}

/**
 * A DataLoader that also answers at once (`now`) what it already holds — a value primed into it (rows
 * a page read along, values it computed along) or loaded by an earlier batch — so a field resolver can
 * return it without a promise (now.ts). `load` behaves as DataLoader's.
 */
export class Loader<K, V> extends DataLoader<K, V> {
  private readonly known: Map<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>) {
    const known = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const value = values[i]!;
        if (!(value instanceof Error) && !known.has(key)) known.set(key, value);
      });
      return values;
    });
    this.known = known;
  }

  /** the value now when this loader holds it, else `load(key)` */
  now(key: K): Now<V> {
    return this.known.has(key) ? this.known.get(key)! : this.load(key);
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && !isPromiseLike(value) && !this.known.has(key)) this.known.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.known.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Batches "load by id" for one entity into one `where id in (...)` per tick: plain rows (plain-rows.ts), tenant-filtered. */
function byId<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>) {
  return new Loader<string, T | null>(async (ids) => {
    const { rows, related } = await rowsById(ctx.em, entity, ids);
    primeRows(ctx, related);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/**
 * The context's "load by id" loader of an entity: plain rows shaped like the entity (read-only, not
 * managed — load an entity through the EntityManager to change it). Tenant-filtered like every read of
 * the context; callers still check what the viewer may see (e.g. the partner scope or the vehicle ledger).
 */
export function loaderById<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>): Loader<string, T | null> {
  let loader = ctx.loaders.get(entity) as Loader<string, T | null> | undefined;
  if (!loader) {
    loader = byId(ctx, entity);
    ctx.loaders.set(entity, loader);
  }
  return loader;
}

/**
 * Hands rows read along others (plain-rows.ts: `loadAlong`, joined relations) to their entities' by-id
 * loaders — or, read narrowed (partial), to the context's partial rows, which only {@link rowNow} answers from.
 */
export function primeRows(ctx: RequestContext, related: RelatedRows): void {
  for (const [entity, rows] of related) {
    const loader = loaderById(ctx, entity as EntityClass<{ id: string }>);
    for (const row of rows as { id: string }[]) {
      const holds = partialRowHolds(row);
      if (!holds) loader.prime(row.id, row);
      else keepPartial(ctx, entity, row, holds);
    }
  }
}

/** the partial rows of a context, by entity and id */
const partialRows = contextLoaders(() => new Map<EntityClass<object>, Map<string, object>>());

function keepPartial(ctx: RequestContext, entity: EntityClass<object>, row: { id: string }, holds: ReadonlySet<string>): void {
  const rows = partialRows(ctx);
  let byId = rows.get(entity);
  if (!byId) rows.set(entity, (byId = new Map()));
  const known = byId.get(row.id);
  if (!known || !covers(partialRowHolds(known)!, holds)) byId.set(row.id, row);
}

function covers(holds: ReadonlySet<string>, props: Iterable<string>): boolean {
  for (const prop of props) if (!holds.has(prop)) return false;
  return true;
}

/**
 * The row `id` of `entity` for a field that reads only `props` of it (its own reads, or what the row
 * it answers needs: `rowNeedsBelow`): at once when the context holds it — a partial row a page read
 * along that holds them, or the whole row — else the whole row through the by-id loader. `null` props:
 * the whole row.
 */
export function rowNow<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>, id: string, props: Iterable<string> | null): Now<T | null> {
  if (props) {
    const partial = partialRows(ctx).get(entity as EntityClass<object>)?.get(id);
    if (partial && covers(partialRowHolds(partial)!, props)) return partial as T;
  }
  return loaderById(ctx, entity).now(id);
}

/** Rows grouped by the parent each points at, in the order of `ids` (a DataLoader's answer). */
export function groupRows<T>(ids: readonly string[], rows: readonly T[], parentOf: (row: T) => string): T[][] {
  const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) grouped.get(parentOf(row))?.push(row);
  return ids.map((id) => grouped.get(id) ?? []);
}

/** Batches "load the rows pointing at each parent" into one `where <relation> in (...)` per tick. */
export function groupedBy<T extends object>(em: EntityManager, entity: EntityClass<T>, relation: keyof T & string, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await em.find(entity, { [relation]: { $in: [...ids] } } as never, { orderBy: orderBy as never });
    const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get((row[relation] as { id: string }).id)?.push(row);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

/** Batches a query answering one value per id (e.g. a grouped count) into one call per tick. */
export function batched<V>(query: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V) {
  return new Loader<string, V>(async (ids) => {
    const found = await query(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

/** A per-row value a page's statement can compute along its rows (see {@link computeAlong}). */
export interface ComputedAlong {
  /** the GraphQL field of the row's type that shows it */
  field: string;
  /** the value as a scalar subquery on the row's alias */
  sql(alias: string): string;
  /** hands the value read for the row `id` to the loader the field resolves through */
  prime(ctx: RequestContext, id: string, value: unknown): void;
}

const computedAlongs = new Map<EntityClass<object>, ComputedAlong[]>();

/**
 * Declares that a page of `entity` computes `field`'s value in its own statement when the query selects
 * that field (e.g. a partner's vehicle count): the feature that owns the field declares it next to its
 * loaders, the list that reads the page (its `<feature>.queries.ts`) asks {@link computedAlong}. The
 * field resolver stays as it is — authorization and all — and finds the value in its loader.
 */
export function computeAlong<T extends object>(entity: EntityClass<T>, field: string, along: Omit<ComputedAlong, 'field'>): void {
  const list = computedAlongs.get(entity as EntityClass<object>) ?? [];
  computedAlongs.set(entity as EntityClass<object>, [...list.filter((c) => c.field !== field), { field, ...along }]);
}

/** The values declared with {@link computeAlong} for `entity`: those whose field `selected` names (all without it). */
export function computedAlong(entity: EntityClass<object>, selected?: ReadonlySet<string>): ComputedAlong[] {
  return (computedAlongs.get(entity) ?? []).filter((c) => !selected || selected.has(c.field));
}
