import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { nodeNeeds } from './row-reads.js';
import type { RowNeeds } from './row-reads.js';

/**
 * The fields a connection field's query selects on its nodes (`edges { node { … } }`, through
 * fragments too): a page reads along only the related rows and per-row values that are asked for
 * (issue 12) — a jobs list without VINs joins no vehicle. Directives (`@include`, `@skip`) are not
 * evaluated: a field under one counts as selected, which reads a little more, never less.
 */
export function nodeFieldsSelected(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, path: readonly string[]): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (path.length === 0) names.add(selection.name.value);
        else if (selection.name.value === path[0]) visit(selection.selectionSet, path.slice(1));
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, path);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, path);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, ['edges', 'node']);
  return names;
}

/** What a connection's query asks of its nodes: the fields it selects, and what they need of each row. */
export interface NodeSelection {
  fields: ReadonlySet<string>;
  /** row-reads.ts: the columns of the row and of the rows read along it (null: whole rows) */
  needs: RowNeeds | null;
}

/** The {@link NodeSelection} of a connection field of `entity`'s nodes. */
export function nodeSelection(info: GraphQLResolveInfo, entity: Parameters<typeof nodeNeeds>[1]): NodeSelection {
  return { fields: nodeFieldsSelected(info), needs: nodeNeeds(info, entity) };
}
