import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { raw } from '@mikro-orm/core';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { ValidationFailed } from '../errors/app-errors.js';
import { selectAlong, selectValues, tenantSql } from '../db/plain-rows.js';
import type { RelatedRows, RowNeeds, RowShape } from '../db/plain-rows.js';

@ObjectType({ description: 'Where a page ends and whether more follow (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** a lazy getter: the count runs only when a client selects `totalCount` */
  readonly totalCount: Promise<number>;
}

/** Builds the Relay connection type `<Name>Connection` (and `<Name>Edge`) for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this node; pass as `after`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects (Relay connection, keyset-paginated).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The nodes of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many nodes match the filter in all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 200;

export interface KeysetOptions<T> {
  first: number;
  after?: string | null;
  /**
   * the sort column, or a path into a to-one relation (`organization.name`, which must then be
   * populated); `id` breaks ties, so the order is total and stable. The column must not be null.
   */
  orderBy: (keyof T & string) | `${string}.${string}`;
  direction: 'asc' | 'desc';
  /** relations to load in the same statement (joined) */
  populate?: readonly string[];
  /** the largest `first` allowed: {@link MAX_PAGE_SIZE} for clients; internal batch readers (CSV export) go higher */
  maxFirst?: number;
  /** computes `totalCount` another way than counting the matching rows (e.g. from maintained counters) */
  total?: () => Promise<number>;
}

/** `nest('organization.name', v)` → `{ organization: { name: v } }`: a filter or order on a path. */
function nest(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function valueAt(node: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], node);
}

type CursorValue = string | number | boolean | null;

/** The cursor of the row whose sort value is `value` (also how benchmarks jump deep into a list). */
export function encodeCursor(value: unknown, id: string): string {
  const [v, kind] = value instanceof Date ? [value.toISOString(), 'd'] : [value as CursorValue, 'v'];
  return Buffer.from(JSON.stringify([v, id, kind])).toString('base64url');
}

function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const [v, id, kind] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [CursorValue, string, string];
    if (typeof id !== 'string' || (v !== null && typeof v === 'object')) throw new Error('bad cursor');
    return { value: kind === 'd' && typeof v === 'string' ? new Date(v) : v, id };
  } catch {
    throw ValidationFailed.of('after', 'This cursor is not valid: pass the endCursor of a previous page.');
  }
}

/**
 * The rows after a cursor: `(sort, id) > (value, id)` as one row comparison, which PostgreSQL
 * seeks to on a `(…, sort, id)` index — page 8,000 reads what page 1 reads. (The equivalent
 * `sort > v or (sort = v and id > i)` is only a filter: it reads every row before the cursor.)
 * A sort on a related table's column (`organization.name`) has no such index on this table, so
 * it keeps the OR form.
 */
function seekPast<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, orderBy: string, direction: 'asc' | 'desc', value: unknown, id: string): FilterQuery<T> {
  const op = direction === 'asc' ? '$gt' : '$lt';
  if (orderBy === 'id') return { id: { [op]: id } } as FilterQuery<T>;
  if (orderBy.includes('.')) {
    return { $or: [nest(orderBy, { [op]: value }), { ...nest(orderBy, value), id: { [op]: id } }] } as FilterQuery<T>;
  }
  const property = em.getMetadata().get(entity.name).properties[orderBy as keyof T & string];
  const column = property?.fieldNames[0];
  if (!column) throw new Error(`keysetPage: ${entity.name}.${orderBy} is not a column`);
  const comparison = direction === 'asc' ? '>' : '<';
  return { [raw((alias: string) => `(${alias}."${column}", ${alias}."id") ${comparison} (?, ?)`, [value, id])]: [] } as FilterQuery<T>;
}

/**
 * One page by keyset pagination: `where (sort, id) > (cursor)` on an index, never OFFSET, so
 * page 1,000 costs what page 1 costs. One statement for the page (one extra row tells whether
 * another page follows); the total count is a second one, run only when `totalCount` is selected.
 */
function checkFirst(first: number, maxFirst: number): void {
  if (!Number.isInteger(first) || first < 1 || first > maxFirst) {
    throw ValidationFailed.of('first', `Ask for between 1 and ${maxFirst} items per page.`);
  }
}

export interface RowPageQuery {
  /** the conditions on the table's alias `t` (SQL with `?` placeholders), besides its tenant filter */
  where: readonly string[];
  params: readonly unknown[];
  first: number;
  after?: string | null;
  /**
   * a column property of the entity, or of a relation read along (`organization.name`); `id` breaks
   * ties. A `(…, column, id)` index serves the seek.
   */
  orderBy: string;
  direction: 'asc' | 'desc';
  maxFirst?: number;
  /** computes `totalCount` (e.g. from maintained counters); without it, a `count(*)` of the same conditions */
  total?: () => Promise<number>;
  /** to-one relations to read in the same statement (plain-rows.ts: `selectAlong`), handed to `related` */
  along?: readonly string[];
  /** what the selection needs of each row (graphql/row-reads.ts: `nodeNeeds`): the rows are read narrowed to it; null or absent: whole rows */
  needs?: RowNeeds | null;
  related?: (rows: RelatedRows) => void;
  /** values computed per row in the same statement (`name` → an SQL expression on `t`), handed to `computed` with the row's id */
  compute?: Record<string, string>;
  computed?: (id: string, values: Record<string, unknown>) => void;
}

/**
 * One page of plain rows (plain-rows.ts) by keyset pagination, in one hand-written statement: the
 * entity's tenant filter, the given conditions, `(sort, id) > (cursor)` as a row comparison and one
 * extra row that tells whether another page follows.
 */
export async function keysetRows<T extends { id: string }>(em: EntityManager, shape: RowShape<T>, query: RowPageQuery): Promise<Page<T>> {
  const { first, after, orderBy, direction, maxFirst = MAX_PAGE_SIZE, total } = query;
  checkFirst(first, maxFirst);
  const [relation, property] = orderBy.includes('.') ? orderBy.split('.') : [null, orderBy];
  const select = selectAlong(em, shape, query.along ?? [], query.needs ? withSortColumn(query.needs, relation, property!) : null);
  const sortShape = relation ? select.shapeOf(relation) : shape;
  const field = (sortShape.meta.properties as Record<string, { fieldNames: string[] } | undefined>)[property!]?.fieldNames[0];
  if (!field) throw new Error(`keysetRows: ${shape.meta.className}.${orderBy} is not a column`);
  const column = `${relation ? select.aliasOf(relation) : 't'}."${field}"`;
  const params: unknown[] = [];
  const countParams: unknown[] = [];
  const filtered = [tenantSql(em, shape, 't', countParams), ...query.where].join(' and ');
  countParams.push(...query.params);
  const conditions = [tenantSql(em, shape, 't', params), ...query.where];
  params.push(...query.params);
  if (after) {
    const { value, id } = decodeCursor(after);
    conditions.push(orderBy === 'id' ? `t."id" ${direction === 'asc' ? '>' : '<'} ?` : `(${column}, t."id") ${direction === 'asc' ? '>' : '<'} (?, ?)`);
    if (orderBy !== 'id') params.push(value instanceof Date ? value.toISOString() : value);
    params.push(id);
  }
  const order = orderBy === 'id' ? `t."id" ${direction}` : `${column} ${direction}, t."id" ${direction}`;
  params.push(first + 1);
  const computeNames = Object.keys(query.compute ?? {});
  const computeSql = computeNames.map((name) => `, (${query.compute![name]}) as "${name}"`).join('');
  const rows = await selectValues(em, `select ${select.columns}${computeSql} from ${select.from} where ${conditions.join(' and ')} order by ${order} limit ?`, params);
  const { rows: nodes, related } = select.read(rows.slice(0, first));
  query.related?.(related);
  if (query.computed && computeNames.length > 0) {
    nodes.forEach((node, i) => query.computed!(node.id, Object.fromEntries(computeNames.map((name, j) => [name, rows[i]![select.width + j]]))));
  }
  // a related column's value as read (a text such as a name); the table's own through its row's type (dates as Date)
  const sortAt = relation ? select.offsetOf(relation) + sortShape.indexOf(field) : -1;
  const sortValue = (node: T, row: readonly unknown[]) => (relation ? row[sortAt] : node[orderBy as keyof T]);
  const edges = nodes.map((node, i) => new RowEdge(node, sortValue(node, rows[i]!)));
  let count: Promise<number> | undefined;
  const countAll = async () => {
    const [row] = await selectValues(em, `select count(*) from ${select.from} where ${filtered}`, countParams);
    return Number(row?.[0] ?? 0);
  };
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (count ??= total ? total() : countAll());
    },
  };
}

/** An edge of a page of rows: its cursor is encoded when asked for (most lists select only the page's `endCursor`). */
class RowEdge<T extends { id: string }> {
  constructor(
    readonly node: T,
    private readonly sortValue: unknown,
  ) {}

  get cursor(): string {
    return encodeCursor(this.sortValue, this.node.id);
  }
}

/** `needs` and the column a page sorts by (its cursor holds the value) */
function withSortColumn(needs: RowNeeds, relation: string | null, property: string): RowNeeds {
  const copy: RowNeeds = { props: new Set(needs.props), relations: new Map(needs.relations) };
  if (!relation) {
    copy.props.add(property);
    return copy;
  }
  copy.props.add(relation);
  const related = copy.relations.has(relation) ? copy.relations.get(relation)! : { props: new Set(['id']), relations: new Map() };
  if (related) copy.relations.set(relation, { props: new Set([...related.props, property]), relations: related.relations });
  return copy;
}

export async function keysetPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: KeysetOptions<T>,
): Promise<Page<T>> {
  const { first, after, orderBy, direction, populate, maxFirst = MAX_PAGE_SIZE, total } = options;
  checkFirst(first, maxFirst);
  let pageWhere = where;
  if (after) {
    const { value, id } = decodeCursor(after);
    pageWhere = { $and: [where, seekPast(em, entity, orderBy, direction, value, id)] } as FilterQuery<T>;
  }
  const order = orderBy === 'id' ? { id: direction } : [nest(orderBy, direction), { id: direction }];
  const rows = await em.find(entity, pageWhere, {
    orderBy: order as never,
    limit: first + 1,
    ...(populate ? { populate: populate as never, strategy: 'joined' as const } : {}),
  });
  let count: Promise<number> | undefined;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(valueAt(node, orderBy), node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (count ??= total ? total() : em.count(entity, where));
    },
  };
}
