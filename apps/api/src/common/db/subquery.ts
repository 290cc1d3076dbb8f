import type { FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';

/**
 * `id in (<subquery>)` as an ORM filter: the database plans it as a semi-join, so a list
 * filtered by related rows stays one statement. MikroORM
 * passes a knex query builder through as SQL; its filter types do not model that.
 */
export function idIn<T>(subquery: Knex.QueryBuilder): FilterQuery<T> {
  return { id: { $in: subquery } } as unknown as FilterQuery<T>;
}
