import { MetadataStorage, ReferenceKind } from '@mikro-orm/core';
import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RowNeeds } from '../db/plain-rows.js';

export type { RowNeeds };

/**
 * What a query reads of a row (issue 12): a page reads only the columns its selection needs — a
 * partners page showing names reads a partner's code, status and parent, and of its organization
 * the name, not all 70 columns of four rows. A narrowed row is partial (plain-rows.ts): it goes only
 * to the field resolvers of that selection and never into a by-id loader.
 *
 * What a field reads: a plain field its own property (from type-graphql's metadata); a field resolver
 * what `fieldReads` declares for it. A selection with a field resolver not declared reads the whole row.
 */

/** a row's id, and nothing else yet */
const nothing = (): RowNeeds => ({ props: new Set(['id']), relations: new Map() });

/**
 * What a field resolver reads of its row: own properties (`'status'`, `'parent'` — a relation's id),
 * or per to-one relation the properties of the related row it asks for through `rowNow`
 * (`{ organization: ['name'] }`), or `'*'` when the field answers the related row itself (`{ parent:
 * '*' }`: the row then needs what the field's own selection reads).
 */
export type FieldReads = readonly (string | Record<string, readonly string[] | '*'>)[];

type Class = abstract new (...args: never[]) => object;

const declared = new Map<Class, Record<string, FieldReads>>();

/** Declares what field resolvers of `entity`'s GraphQL type read of their row (next to the resolvers). */
export function fieldReads(entity: Class, reads: Record<string, FieldReads>): void {
  declared.set(entity, { ...declared.get(entity), ...reads });
}

/** the plain (basic) fields of a type by schema name: the property each reads */
const basicFieldsOf = new Map<Class, Map<string, string>>();

function basicFields(entity: Class): Map<string, string> {
  let fields = basicFieldsOf.get(entity);
  if (!fields) {
    const storage = getMetadataStorage();
    const resolved = new Set(storage.fieldResolvers.filter((r) => r.getObjectType?.() === entity).map((r) => r.schemaName));
    fields = new Map(
      storage.fields
        .filter((f) => (f.target === entity || Object.prototype.isPrototypeOf.call(f.target, entity)) && !resolved.has(f.schemaName))
        .map((f) => [f.schemaName, f.name]),
    );
    basicFieldsOf.set(entity, fields);
  }
  return fields;
}

function relationTarget(entity: Class, relation: string): Class {
  const prop = MetadataStorage.getMetadataFromDecorator(entity as never).properties[relation as never] as
    | { kind: ReferenceKind; entity: () => Class }
    | undefined;
  if (!prop || (prop.kind !== ReferenceKind.MANY_TO_ONE && prop.kind !== ReferenceKind.ONE_TO_ONE)) {
    throw new Error(`fieldReads: ${entity.name}.${relation} is not a to-one relation`);
  }
  return prop.entity();
}

/** `a` and `b` together (either null: the whole row) */
function union(a: RowNeeds | null, b: RowNeeds | null): RowNeeds | null {
  if (a === null || b === null) return null;
  for (const prop of b.props) a.props.add(prop);
  for (const [relation, sub] of b.relations) merge(a, relation, sub);
  return a;
}

function merge(into: RowNeeds, relation: string, needs: RowNeeds | null): void {
  if (!into.relations.has(relation)) {
    into.relations.set(relation, needs);
    return;
  }
  into.relations.set(relation, union(into.relations.get(relation)!, needs));
}

/**
 * What a row of `entity` needs for the selection `set` (fragments included; `@include`/`@skip` not
 * evaluated: a field under one counts, which reads a little more, never less); null: the whole row.
 */
export function needsOf(entity: Class, set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): RowNeeds | null {
  const needs = nothing();
  const visit = (selections: SelectionSetNode | undefined): boolean => {
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === 'InlineFragment') {
        if (!visit(selection.selectionSet)) return false;
        continue;
      }
      if (selection.kind === 'FragmentSpread') {
        if (!visit(fragments[selection.name.value]?.selectionSet)) return false;
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      const basic = basicFields(entity).get(name);
      if (basic !== undefined) {
        needs.props.add(basic);
        continue;
      }
      const reads = declared.get(entity)?.[name];
      if (!reads) return false;
      for (const read of reads) {
        if (typeof read === 'string') {
          needs.props.add(read);
          continue;
        }
        for (const [relation, props] of Object.entries(read)) {
          needs.props.add(relation);
          const target = relationTarget(entity, relation);
          merge(needs, relation, props === '*' ? needsOf(target, selection.selectionSet, fragments) : { props: new Set(['id', ...props]), relations: new Map() });
        }
      }
    }
    return true;
  };
  return visit(set) ? needs : null;
}

const belowField = new WeakMap<object, RowNeeds | null>();
const belowNodes = new WeakMap<object, RowNeeds | null>();

/**
 * What the row a field answers (e.g. `Partner.parent`) needs for the field's own selection, once per
 * field node of the parsed document (shared: copy it before adding to it); null: the whole row.
 */
export function rowNeedsBelow(info: GraphQLResolveInfo, entity: Class): RowNeeds | null {
  const node = info.fieldNodes[0]!;
  if (belowField.has(node)) return belowField.get(node)!;
  let needs: RowNeeds | null = nothing();
  for (const field of info.fieldNodes) needs = union(needs, needsOf(entity, field.selectionSet, info.fragments));
  if (info.fieldNodes.length === 1) belowField.set(node, needs);
  return needs;
}

/**
 * What a connection's nodes (`edges { node { … } }`) need of their rows, once per field node of the
 * parsed document (shared: copy it before adding to it); null: the whole row.
 */
export function nodeNeeds(info: GraphQLResolveInfo, entity: Class): RowNeeds | null {
  const node = info.fieldNodes[0]!;
  if (info.fieldNodes.length === 1 && belowNodes.has(node)) return belowNodes.get(node)!;
  const nodeSets: SelectionSetNode[] = [];
  const collect = (set: SelectionSetNode | undefined, path: readonly string[]): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (selection.name.value !== path[0]) continue;
        if (path.length === 1) {
          if (selection.selectionSet) nodeSets.push(selection.selectionSet);
        } else collect(selection.selectionSet, path.slice(1));
      } else if (selection.kind === 'InlineFragment') collect(selection.selectionSet, path);
      else collect(info.fragments[selection.name.value]?.selectionSet, path);
    }
  };
  for (const field of info.fieldNodes) collect(field.selectionSet, ['edges', 'node']);
  let needs: RowNeeds | null = nothing();
  for (const set of nodeSets) needs = union(needs, needsOf(entity, set, info.fragments));
  if (info.fieldNodes.length === 1) belowNodes.set(node, needs);
  return needs;
}
