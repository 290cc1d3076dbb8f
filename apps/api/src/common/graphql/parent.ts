import { createParameterDecorator } from 'type-graphql';
import type { ResolverData } from 'type-graphql';

/**
 * The object a field resolves on, as it is. type-graphql's `@Root()` copies a root that is not an
 * instance of the parameter's class into a new instance — for an entity class a new entity (its id
 * generated, the ORM's property setters run) per field and row — and the read path's rows are plain
 * objects shaped like the entity (common/db/plain-rows.ts). Field resolvers read properties and
 * `relation.id` only, which both forms carry.
 */
export function Parent() {
  return createParameterDecorator(parentOf);
}

/** what `@Parent()` hands a field resolver (app/field-wiring.ts recognizes it to pass the root directly) */
export const parentOf = ({ root }: ResolverData): unknown => root;
