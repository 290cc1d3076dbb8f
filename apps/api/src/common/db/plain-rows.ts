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
  /** `alias."column", …` — the select list for the alias (each column named `<prefix>column` when given a prefix) */
  columns(alias: string, prefix?: string): string;
  /** the row of `columns(…, prefix)` as the plain object */
  toObject(row: Record<string, unknown>, prefix?: string): T;
  meta: EntityMetadata<T>;
}

const shapes = new WeakMap<EntityMetadata, RowShape<unknown>>();

function readerOf(prop: EntityProperty, platform: Platform): (value: unknown) => unknown {
  if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
    return (value) => (value === null || value === undefined ? null : { id: value });
  }
  if (prop.runtimeType === 'Date') return (value) => (value === null || value === undefined ? null : platform.parseDate(value as string));
  if (prop.customType) {
    const type = prop.customType;
    return (value) => (value === null || value === undefined ? null : type.convertToJSValue(value, platform));
  }
  return (value) => value ?? null;
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
  const fields = props.map((p) => ({ name: p.name as string, column: p.fieldNames[0]!, read: readerOf(p, platform) }));
  const shape: RowShape<T> = {
    table: meta.tableName,
    meta,
    columns: (alias, prefix = '') => fields.map((f) => (prefix ? `${alias}."${f.column}" as "${prefix}${f.column}"` : `${alias}."${f.column}"`)).join(', '),
    toObject: (row, prefix = '') => {
      const object: Record<string, unknown> = {};
      for (const f of fields) object[f.name] = f.read(row[prefix + f.column]);
      return object as T;
    },
  };
  shapes.set(meta as EntityMetadata, shape as RowShape<unknown>);
  return shape;
}

/**
 * The entity's tenant filter (tenant-filter.ts) as SQL on `alias`, from the parameters the context's
 * EntityManager was scoped with — the same condition the ORM adds to every read of the entity. A
 * fork without them fails loudly, as the ORM's filter does.
 */
export function tenantSql<T>(em: EntityManager, shape: RowShape<T>, alias: string, params: unknown[]): string {
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
  const column = `${alias}."${property.fieldNames[0]}"`;
  if (typeof value === 'string') {
    params.push(value);
    return `${column} = ?`;
  }
  const ids = (value as { $in?: string[] }).$in;
  if (!ids) throw new Error(`${shape.meta.className}: an id or an $in list is expected in the tenant condition`);
  if (ids.length === 0) return 'false';
  params.push(...ids);
  return `${column} in (${ids.map(() => '?').join(', ')})`;
}

/** Plain SQL through the context's EntityManager: inside its transaction when it is one. */
export function selectRows<R = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  return em.execute(sql, params, 'all') as Promise<R[]>;
}

/**
 * Rows by id, tenant-filtered like every read of the context, in one statement — with the rows of
 * the given to-one relations joined in (each tenant-filtered too), keyed by relation name.
 */
export async function rowsById<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
  relations: readonly string[] = [],
): Promise<{ rows: T[]; related: Map<string, object[]> }> {
  const related = new Map<string, object[]>(relations.map((r) => [r, []]));
  if (ids.length === 0) return { rows: [], related };
  const shape = rowShape(em, entity);
  const params: unknown[] = [];
  const select = [shape.columns('t')];
  const joins: string[] = [];
  const joined = relations.map((name, i) => {
    const prop = (shape.meta.properties as Record<string, EntityProperty | undefined>)[name];
    if (!prop || prop.kind !== ReferenceKind.MANY_TO_ONE) throw new Error(`${shape.meta.className}.${name} is not a to-one relation`);
    const target = rowShape(em, prop.targetMeta!.class as EntityClass<object>);
    const alias = `r${i}`;
    select.push(target.columns(alias, `${alias}__`));
    joins.push(`left join "${target.table}" as ${alias} on ${alias}."id" = t."${prop.fieldNames[0]}" and ${tenantSql(em, target, alias, params)}`);
    return { name, alias, target };
  });
  params.push(uuidArray(ids));
  const sql = `select ${select.join(', ')} from "${shape.table}" as t ${joins.join(' ')} where t."id" = any(?::uuid[]) and ${tenantSql(em, shape, 't', params)}`;
  const rows = await selectRows(em, sql, params);
  for (const { name, alias, target } of joined) {
    for (const row of rows) if (row[`${alias}__id`] != null) related.get(name)!.push(target.toObject(row, `${alias}__`));
  }
  return { rows: rows.map((row) => shape.toObject(row)), related };
}
