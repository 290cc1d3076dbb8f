import { validate as isUuid } from 'uuid';

/** A PostgreSQL array literal of uuids, bound as one parameter (knex would expand a JS array into a list); bind it as `?::uuid[]`. */
export function uuidArray(ids: readonly string[]): string {
  if (!ids.every((id) => isUuid(id))) throw new Error('uuid arrays take uuids only');
  return `{${ids.join(',')}}`;
}
