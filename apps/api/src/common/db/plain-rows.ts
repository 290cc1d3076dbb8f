import { channel } from 'node:diagnostics_channel';
import { ReferenceKind } from '@mikro-orm/core';
import type { EntityClass, EntityMetadata, EntityProperty, Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './tenant-filter.js';
import type { TenantFilterArgs } from './tenant-filter.js';
import { uuidArray } from './uuid-array.js';

/**
 * The read path's rows (issue 12): an entity's table read by hand-written SQL into plain objects
 * shaped like the entity — every column property by its name (dates as `Date`, JSON parsed), every
 * to-one relation as `{ id }` — without an entity, identity map or unit of work. They are typed as
 * the entity because the GraphQL object types are the entity classes and their field resolvers
 * read only properties and `relation.id`; never hand one to the EntityManager (it is not managed).
 * Writes load entities as before.
 *
 * Each entity's shape (its select list and row mapper) is compiled once from the ORM's metadata,
 * so a new column is read without touching this file.
 */
export interface RowShape<T> {
  table: string;
  /** `alias."column", …` — the select list for the alias */
  columns(alias: string): string;
  /** how many values `columns` selects */
  width: number;
  /** the position of a column in `columns` */
  indexOf(column: string): number;
  /** the values of `columns` in a row read as an array, from `offset` on, as the plain object */
  fromValues(values: readonly unknown[], offset: number): T;
  /** a row read as an object (`selectRows`) with the columns by their names, as the plain object */
  toObject(row: Record<string, unknown>): T;
  meta: EntityMetadata<T>;
  /**
   * The shape of the same rows narrowed to these properties (and `id`): its rows are partial
   * ({@link partialRowHolds}) — for the field resolvers of the selection they were read for
   * (graphql/row-reads.ts), never for a by-id loader. Whole rows when one of them is no column.
   */
  narrow(props: ReadonlySet<string>): RowShape<T>;
  /** the properties a partial row of this shape holds; null for whole rows */
  holds: ReadonlySet<string> | null;
}

/**
 * What a row must hold for a selection (graphql/row-reads.ts works it out): its properties —
 * columns, to-one relations as their ids; always `id` — and, per to-one relation read along, what
 * the related row must hold (null: the whole row).
 */
export interface RowNeeds {
  props: Set<string>;
  relations: Map<string, RowNeeds | null>;
}

/** what a partial row holds, on the row */
const HOLDS = Symbol('partial row: the properties read');

/** Whether a row was read narrowed (and which properties it holds then). */
export function partialRowHolds(row: object): ReadonlySet<string> | null {
  return (row as { [HOLDS]?: ReadonlySet<string> })[HOLDS] ?? null;
}

let guardPartialRows = false;

/**
 * Makes every partial row read from now on throw when a property it does not hold is read (tests:
 * the Vitest setup file testing/guard-partial-rows.ts) — a field resolver that reads more than
 * `fieldReads` declares fails loudly instead of answering null.
 */
export function guardPartialRowReads(): void {
  guardPartialRows = true;
}

function guarded<T extends object>(row: T, meta: EntityMetadata<T>, holds: ReadonlySet<string>): T {
  return new Proxy(row, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !holds.has(prop) && prop in meta.properties) {
        throw new Error(`${meta.className}.${prop} was not read: the row is partial (${[...holds].join(', ')}); declare the read in fieldReads`);
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const shapes = new WeakMap<EntityMetadata, RowShape<unknown>>();

/** How a column's value becomes the property's; null when it is taken as read. */
function readerOf(prop: EntityProperty, platform: Platform): ((value: unknown) => unknown) | null {
  if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) return (value) => (value == null ? null : { id: value });
  if (prop.runtimeType === 'Date') return (value) => (value == null ? null : platform.parseDate(value as string));
  if (prop.customType) {
    const type = prop.customType;
    return (value) => (value == null ? null : type.convertToJSValue(value, platform));
  }
  return null;
}

/**
 * The row mapper of a shape, compiled once: one object literal of the entity's properties (one
 * hidden class for every row, no per-row key lookups), each value converted by its reader.
 */
function compileMapper<T>(
  fields: readonly { name: string; read: ((value: unknown) => unknown) | null }[],
  holds: ReadonlySet<string> | null,
): (values: readonly unknown[], offset: number) => T {
  const readers = fields.map((f) => f.read);
  const body = fields.map((f, i) => `${JSON.stringify(f.name)}: ${f.read ? `r[${i}](v[o + ${i}])` : `v[o + ${i}] ?? null`}`).join(',\n');
  const mark = holds ? ',\n[h]: held' : '';
  // generated source: the property names come from the ORM's metadata (JSON-quoted), never from input
  const make = new Function('r', 'h', 'held', `return (v, o) => ({\n${body}${mark}\n});`) as (
    r: typeof readers,
    h: symbol,
    held: ReadonlySet<string> | null,
  ) => (values: readonly unknown[], offset: number) => T;
  return make(readers, HOLDS, holds);
}

/** The entity's row shape, compiled on first use. */
export function rowShape<T extends object>(em: EntityManager, entity: EntityClass<T>): RowShape<T> {
  const meta = em.getMetadata().get<T>(entity.name);
  const known = shapes.get(meta as EntityMetadata) as RowShape<T> | undefined;
  if (known) return known;
  const platform = em.getPlatform();
  const props = meta.props.filter(
    (p) =>
      p.persist !== false &&
      p.fieldNames?.length === 1 &&
      (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
  );
  const shape = shapeOf(meta, props.map((p) => ({ name: p.name as string, column: p.fieldNames[0]!, read: readerOf(p, platform) })), null);
  shapes.set(meta as EntityMetadata, shape as RowShape<unknown>);
  return shape;
}

interface Column {
  name: string;
  column: string;
  read: ((value: unknown) => unknown) | null;
}

function shapeOf<T extends object>(meta: EntityMetadata<T>, fields: readonly Column[], holds: ReadonlySet<string> | null): RowShape<T> {
  /** the select lists written so far, by alias (a page's statement repeats them) */
  const columnLists = new Map<string, string>();
  const narrowed = new Map<string, RowShape<T>>();
  const map = compileMapper<T>(fields, holds);
  const shape: RowShape<T> = {
    table: meta.tableName,
    meta,
    width: fields.length,
    holds,
    columns: (alias) => {
      let list = columnLists.get(alias);
      if (list === undefined) {
        list = fields.map((f) => `${alias}."${f.column}"`).join(', ');
        columnLists.set(alias, list);
      }
      return list;
    },
    indexOf: (column) => {
      const i = fields.findIndex((f) => f.column === column);
      if (i < 0) throw new Error(`${meta.className}: no column ${column}`);
      return i;
    },
    fromValues: holds ? (values, offset) => (guardPartialRows ? guarded(map(values, offset), meta, holds) : map(values, offset)) : map,
    toObject: (row) => shape.fromValues(fields.map((f) => row[f.column]), 0),
    narrow: (props) => {
      const names = [...new Set(['id', ...props])].sort();
      const key = names.join(',');
      let narrow = narrowed.get(key);
      if (!narrow) {
        // a property that is no column (a collection, a getter) is only on whole rows
        narrow = names.every((name) => fields.some((f) => f.name === name)) ? shapeOf(meta, fields.filter((f) => names.includes(f.name)), new Set(names)) : shape;
        narrowed.set(key, narrow);
      }
      return narrow;
    },
  };
  return shape;
}

/**
 * The entity's tenant filter (tenant-filter.ts) as SQL on `alias`, from the parameters the context's
 * EntityManager was scoped with — the same condition the ORM adds to every read of the entity. A
 * fork without them fails loudly, as the ORM's filter does. With `params` null the ids are written
 * into the SQL as literals (uuids only): a join's condition then adds no parameter before the where
 * clause's.
 */
export function tenantSql<T>(em: EntityManager, shape: RowShape<T>, alias: string, params: unknown[] | null): string {
  const filter = shape.meta.filters[TENANT_FILTER];
  if (!filter) return 'true';
  const args = em.getFilterParams<TenantFilterArgs>(TENANT_FILTER);
  if (!args) throw new Error(`${shape.meta.className}: the EntityManager is not scoped (no tenant filter parameters)`);
  const cond = (filter.cond as (a: TenantFilterArgs) => Record<string, unknown>)(args);
  const entries = Object.entries(cond);
  if (entries.length === 0) return 'true';
  if (entries.length !== 1) throw new Error(`${shape.meta.className}: a tenant condition of one property is expected`);
  const [name, value] = entries[0]!;
  const property = (shape.meta.properties as Record<string, EntityProperty | undefined>)[name];
  if (!property) throw new Error(`${shape.meta.className}.${name}: the tenant condition names no property`);
  const ids = typeof value === 'string' ? [value] : (value as { $in?: string[] }).$in;
  if (!ids) throw new Error(`${shape.meta.className}: an id or an $in list is expected in the tenant condition`);
  const column = `${alias}."${property.fieldNames[0]}"`;
  if (ids.length === 0) return 'false';
  if (!params) return `${column} in (${uuidArray(ids).slice(1, -1).split(',').map((id) => `'${id}'`).join(', ')})`;
  params.push(...ids);
  return typeof value === 'string' ? `${column} = ?` : `${column} in (${ids.map(() => '?').join(', ')})`;
}

/** What the pool hands out: node-postgres's client, with the ORM's type parsers (timestamps as text). */
interface PgClient {
  query(config: { text: string; values: unknown[]; rowMode: 'array' | undefined }): Promise<{ rows: unknown[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

/** A transaction's query builder, as far as a raw statement goes. */
interface KnexTransaction {
  raw(sql: string, params: unknown[]): { options(options: { rowMode: 'array' | undefined }): Promise<{ rows: unknown[] }> };
}

/**
 * Every statement {@link selectValues} sends, published (`{ sql }`) while someone listens — how tests
 * count a request's statements (testing/test-app.ts: captureStatements).
 */
export const plainStatements = channel('partner-hub:plain-rows:statement');

const numbered = new Map<string, string>();

/** `?` placeholders as the driver's `$1, $2, …` (what knex does per call), remembered per statement text. */
function numberedPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 5000) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

/**
 * Plain SQL (`?` placeholders) on the context's connection, each row as the array of its values in
 * the select list's order (no object per row to build, then read by name): inside the context's
 * transaction when it is one; otherwise on a connection of the same pool — the ORM's — taken for the
 * statement, straight through the driver. The read path sends a page in one statement, and the query
 * builder's and the ORM's per-call work (binding, logging, result wrapping) cost more than the
 * statement itself (issue 12).
 */
export function selectValues(em: EntityManager, sql: string, params: unknown[]): Promise<unknown[][]> {
  return select(em, sql, params, 'array') as Promise<unknown[][]>;
}

/** {@link selectValues} with each row as an object by column name (for a few values: a count, a sum). */
export function selectRows<R = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  return select(em, sql, params, undefined) as Promise<R[]>;
}

async function select(em: EntityManager, sql: string, params: unknown[], rowMode: 'array' | undefined): Promise<unknown[]> {
  if (plainStatements.hasSubscribers) plainStatements.publish({ sql });
  const transaction = em.getTransactionContext<KnexTransaction>();
  if (transaction) return (await transaction.raw(sql, params).options({ rowMode })).rows;
  const pool = em.getConnection().getKnex().client as unknown as KnexClient;
  const connection = await pool.acquireConnection();
  try {
    return (await connection.query({ text: numberedPlaceholders(sql), values: params, rowMode })).rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}

const loadedAlong = new Map<EntityClass<object>, readonly string[]>();

/**
 * Whenever a row of `entity` is read — by id or joined to another row — read these to-one relations
 * in the same statement: for a relation nearly every read of the entity follows (a partner's
 * organization, which holds its name). Declared by the feature, in its `<feature>.loaders.ts`.
 */
export function loadAlong<T extends object>(entity: EntityClass<T>, relations: readonly (keyof T & string)[]): void {
  loadedAlong.set(entity as EntityClass<object>, relations);
}

/** The rows read along the main ones, by their entity (to prime that entity's by-id loader). */
export type RelatedRows = Map<EntityClass<object>, object[]>;

interface Joined {
  select: string[];
  /** the shape each relation is read with (narrowed to what it needs), by its name */
  shapes: Map<string, RowShape<object>>;
  joins: string[];
  /** how many values the joined columns take */
  width: number;
  /** where each relation's columns start in a row, by its name (the relations given, not those they read along) */
  offsets: Map<string, number>;
  /** collects the joined rows of one result row */
  collect(row: readonly unknown[], into: RelatedRows): void;
}

/**
 * Joins the given to-one relations of `alias` (and, for each, what its entity reads along), each
 * tenant-filtered — a left join unless the row is sure to be found; their columns follow in the row
 * from `offset` on.
 */
function joinAlong(
  em: EntityManager,
  shape: RowShape<object>,
  alias: string,
  relations: readonly string[],
  offset: number,
  needs: RowNeeds | null,
  depth = 0,
  underLeftJoin = false,
): Joined {
  const joined: Joined = { select: [], shapes: new Map(), joins: [], width: 0, offsets: new Map(), collect: () => undefined };
  const collectors: Joined['collect'][] = [];
  relations.forEach((name, i) => {
    const prop = (shape.meta.properties as Record<string, EntityProperty | undefined>)[name];
    if (!prop || prop.kind !== ReferenceKind.MANY_TO_ONE) throw new Error(`${shape.meta.className}.${name} is not a to-one relation`);
    const entity = prop.targetMeta!.class as EntityClass<object>;
    // narrowed: what the selection needs of the related row — its id alone when it is read along for a join only
    const related = needs ? (needs.relations.get(name) ?? (needs.relations.has(name) ? null : { props: new Set(['id']), relations: new Map() })) : null;
    const target = related ? rowShape(em, entity).narrow(related.props) : rowShape(em, entity);
    joined.shapes.set(name, target);
    const as = `${alias}_${i}`;
    const at = offset + joined.width;
    joined.offsets.set(name, at);
    joined.select.push(target.columns(as));
    joined.width += target.width;
    // a required relation without a tenant condition always finds its row: an inner join, which lets
    // PostgreSQL walk an index of the joined table in a page's order (a partner's organization by name)
    // — unless it hangs off a left-joined row, which may be missing
    const tenant = tenantSql(em, target, as, null);
    const join = !underLeftJoin && !prop.nullable && tenant === 'true' ? 'join' : 'left join';
    joined.joins.push(`${join} "${target.table}" as ${as} on ${as}."id" = ${alias}."${prop.fieldNames[0]}" and ${tenant}`);
    if (depth > 3) throw new Error('loadAlong: too deep');
    const inner = joinAlong(em, target, as, loadedAlong.get(entity) ?? [], offset + joined.width, related, depth + 1, join === 'left join');
    joined.select.push(...inner.select);
    joined.joins.push(...inner.joins);
    joined.width += inner.width;
    const idAt = at + target.indexOf('id');
    collectors.push((row, into) => {
      if (row[idAt] == null) return;
      let rows = into.get(entity);
      if (!rows) into.set(entity, (rows = []));
      rows.push(target.fromValues(row, at));
      inner.collect(row, into);
    });
  });
  joined.collect = (row, into) => {
    for (const collect of collectors) collect(row, into);
  };
  return joined;
}

/**
 * `select … from <table> as t` with the columns of the rows read along: the relations given and those
 * the entity declares with {@link loadAlong}. (Their tenant conditions carry no parameter.) With
 * `needs`, each row — the main one and those read along — is read narrowed to what it needs.
 */
export function selectAlong<T extends object>(em: EntityManager, whole: RowShape<T>, relations: readonly string[], needs: RowNeeds | null = null) {
  const shape = needs ? whole.narrow(needs.props) : whole;
  const all = [...new Set([...(loadedAlong.get(shape.meta.class as EntityClass<object>) ?? []), ...relations])];
  const joined = joinAlong(em, shape as unknown as RowShape<object>, 't', all, shape.width, needs);
  const from = `"${shape.table}" as t ${joined.joins.join(' ')}`;
  const columns = [shape.columns('t'), ...joined.select].join(', ');
  const offsetOf = (relation: string): number => {
    const at = joined.offsets.get(relation);
    if (at === undefined) throw new Error(`${shape.meta.className}.${relation} is not read along`);
    return at;
  };
  return {
    sql: `select ${columns} from ${from}`,
    columns,
    /** how many values a row of `columns` has (values computed after them start there) */
    width: shape.width + joined.width,
    /** the table with its joins, for a count of the same conditions */
    from,
    /** the alias of a relation read along (`organization` → `t_0`), for conditions and orders on its columns */
    aliasOf(relation: string): string {
      offsetOf(relation);
      return `t_${all.indexOf(relation)}`;
    },
    /** where a relation's columns start in a row */
    offsetOf,
    /** the shape a relation's row is read with */
    shapeOf(relation: string): RowShape<object> {
      offsetOf(relation);
      return joined.shapes.get(relation)!;
    },
    /** the shape the main rows are read with */
    shape,
    /** the main rows and the rows read along them */
    read(rows: readonly (readonly unknown[])[]): { rows: T[]; related: RelatedRows } {
      const related: RelatedRows = new Map();
      const main: T[] = [];
      for (const row of rows) {
        main.push(shape.fromValues(row, 0));
        joined.collect(row, related);
      }
      return { rows: main, related };
    },
  };
}

/** Rows by id with what they read along, tenant-filtered like every read of the context, in one statement. */
export async function rowsById<T extends object>(em: EntityManager, entity: EntityClass<T>, ids: readonly string[]): Promise<{ rows: T[]; related: RelatedRows }> {
  if (ids.length === 0) return { rows: [], related: new Map() };
  const shape = rowShape(em, entity);
  const select = selectAlong(em, shape, []);
  const params: unknown[] = [uuidArray(ids)];
  const rows = await selectValues(em, `${select.sql} where t."id" = any(?::uuid[]) and ${tenantSql(em, shape, 't', params)}`, params);
  return select.read(rows);
}

/**
 * Rows matching `where` (SQL on the alias `t`, with `?` placeholders for `params`) with what they read
 * along (`along` and the entity's {@link loadAlong}), tenant-filtered, in one statement.
 */
export async function rowsWhere<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: { where: readonly string[]; params: readonly unknown[]; orderBy: string; along?: readonly string[] },
): Promise<{ rows: T[]; related: RelatedRows }> {
  const shape = rowShape(em, entity);
  const select = selectAlong(em, shape, query.along ?? []);
  const params: unknown[] = [];
  const conditions = [tenantSql(em, shape, 't', params), ...query.where];
  params.push(...query.params);
  return select.read(await selectValues(em, `${select.sql} where ${conditions.join(' and ')} order by ${query.orderBy}`, params));
}
