/**
 * Pure rules on a principal's sub-partner tree (DESIGN.md §1, "parent"). The tree is given as an
 * adjacency list — each partner with the id of its parent, `null` for a top-level partner —
 * either as an array of `{ id, parentId }` or as a `Map` from id to parent id. Nothing here
 * touches a database: the API loads the (small) tree of one principal and asks these functions,
 * the web app asks the same ones for early feedback.
 *
 * Messages returned by {@link checkMove} are for the person moving a partner. A tree that itself
 * contains a cycle or points at a missing parent is corrupt data, not a user mistake: such cases
 * throw an `Error` that names the partner involved.
 */

/** One partner in an adjacency list: its id and the id of its parent (`null` at the top). */
export interface PartnerTreeNode<Id = string> {
  readonly id: Id;
  readonly parentId: Id | null;
}

/** A sub-partner tree as an adjacency list: an array of nodes or a map from id to parent id. */
export type PartnerTree<Id = string> = ReadonlyMap<Id, Id | null> | readonly PartnerTreeNode<Id>[];

/** A descendant found by {@link descendantsOf}, with its depth below the partner asked about (1 = a direct sub-partner). */
export interface PartnerDescendant<Id = string> {
  readonly id: Id;
  readonly depth: number;
}

/**
 * The deepest level a partner may sit at, counting the top level as 0 — so a tree has at most
 * 21 levels. Real partner networks are 2 to 5 levels deep (OEM → importer → dealer →
 * sub-dealer → workshop); 20 leaves ample room for unusual structures, while still catching a
 * runaway import or a script gone wrong early, and it bounds the work of everything that walks
 * a tree: the recursive queries that find a partner's subtree for visibility and blocking,
 * breadcrumbs in the web app, and the ancestor walks in this file.
 */
export const MAX_TREE_DEPTH = 20;

/**
 * The tree as a map from id to parent id. A map is returned as is; an array is indexed.
 * @throws Error when the array lists the same id twice.
 */
export function toParentMap<Id>(tree: PartnerTree<Id>): ReadonlyMap<Id, Id | null> {
  if (tree instanceof Map) return tree;
  const map = new Map<Id, Id | null>();
  for (const node of tree as readonly PartnerTreeNode<Id>[]) {
    if (map.has(node.id)) throw new Error(`Corrupt partner tree: partner "${String(node.id)}" is listed twice.`);
    map.set(node.id, node.parentId);
  }
  return map;
}

function requireKnown<Id>(parentOf: ReadonlyMap<Id, Id | null>, id: Id): void {
  if (!parentOf.has(id)) throw new Error(`Unknown partner "${String(id)}": it is not in the tree.`);
}

/** Walks up from `id` (which must be in the map) and returns its ancestors from the parent up to the root. */
function ancestorsUpward<Id>(parentOf: ReadonlyMap<Id, Id | null>, id: Id): Id[] {
  const upward: Id[] = [];
  const seen = new Set<Id>([id]);
  let current = parentOf.get(id) ?? null;
  while (current !== null) {
    if (seen.has(current)) {
      throw new Error(`Corrupt partner tree: partner "${String(current)}" is its own ancestor (a cycle in the parent links).`);
    }
    if (!parentOf.has(current)) {
      throw new Error(
        `Corrupt partner tree: partner "${String(upward.length === 0 ? id : upward[upward.length - 1])}" has the parent "${String(current)}", which is not in the tree.`,
      );
    }
    seen.add(current);
    upward.push(current);
    current = parentOf.get(current) ?? null;
  }
  return upward;
}

/**
 * The path from the top of the tree down to the parent of `id` (so `[]` for a top-level partner).
 * @example ancestorsOf([{ id: 'A', parentId: null }, { id: 'B', parentId: 'A' }, { id: 'C', parentId: 'B' }], 'C') // ['A', 'B']
 * @throws Error when `id` is not in the tree, or the parent links above it are corrupt (a cycle, or a parent missing from the tree).
 */
export function ancestorsOf<Id>(tree: PartnerTree<Id>, id: Id): Id[] {
  const parentOf = toParentMap(tree);
  requireKnown(parentOf, id);
  return ancestorsUpward(parentOf, id).reverse();
}

/**
 * How deep `id` sits: 0 for a top-level partner, 1 for its direct sub-partners, and so on.
 * @throws Error in the same cases as {@link ancestorsOf}.
 */
export function depthOf<Id>(tree: PartnerTree<Id>, id: Id): number {
  const parentOf = toParentMap(tree);
  requireKnown(parentOf, id);
  return ancestorsUpward(parentOf, id).length;
}

/**
 * Every partner in the subtree below `id` (not `id` itself), level by level — direct sub-partners
 * first, each level in the order of the input — each with its depth below `id` (1 = direct).
 * @throws Error when `id` is not in the tree, or the tree below it loops back (a cycle through `id`).
 */
export function descendantsOf<Id>(tree: PartnerTree<Id>, id: Id): PartnerDescendant<Id>[] {
  const parentOf = toParentMap(tree);
  requireKnown(parentOf, id);
  const childrenOf = new Map<Id, Id[]>();
  for (const [child, parent] of parentOf) {
    if (parent === null) continue;
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(child);
    else childrenOf.set(parent, [child]);
  }
  const result: PartnerDescendant<Id>[] = [];
  const seen = new Set<Id>([id]);
  let level: Id[] = [id];
  for (let depth = 1; level.length > 0; depth++) {
    const next: Id[] = [];
    for (const parent of level) {
      for (const child of childrenOf.get(parent) ?? []) {
        if (seen.has(child)) {
          throw new Error(`Corrupt partner tree: partner "${String(child)}" is its own ancestor (a cycle in the parent links).`);
        }
        seen.add(child);
        result.push({ id: child, depth });
        next.push(child);
      }
    }
    level = next;
  }
  return result;
}

/**
 * Whether hanging `movedId` (with its whole subtree) under `newParentId` would create a cycle:
 * true when the new parent is the partner itself or one of its sub-partners at any depth.
 * `null` (move to the top level) and a parent that is not in the tree never create a cycle.
 * @throws Error when the parent links above `newParentId` are corrupt.
 */
export function wouldCreateCycle<Id>(tree: PartnerTree<Id>, movedId: Id, newParentId: Id | null): boolean {
  if (newParentId === null) return false;
  if (newParentId === movedId) return true;
  const parentOf = toParentMap(tree);
  if (!parentOf.has(newParentId)) return false;
  return ancestorsUpward(parentOf, newParentId).includes(movedId);
}

/**
 * Checks moving `movedId` and its whole subtree under `newParentId` (`null` = to the top level).
 * @returns `null` when the move is allowed, else one sentence for the person moving the partner:
 *   the new parent is unknown, the move would create a cycle, or it would push part of the
 *   subtree deeper than {@link MAX_TREE_DEPTH}.
 * @throws Error when `movedId` is not in the tree, or the tree is corrupt.
 */
export function checkMove<Id>(tree: PartnerTree<Id>, movedId: Id, newParentId: Id | null): string | null {
  const parentOf = toParentMap(tree);
  requireKnown(parentOf, movedId);
  if (newParentId !== null && !parentOf.has(newParentId)) {
    return 'The chosen parent partner could not be found. It may have been removed; reload and choose again.';
  }
  if (wouldCreateCycle(parentOf, movedId, newParentId)) {
    return 'A partner cannot move under itself or one of its own sub-partners.';
  }
  const newDepth = newParentId === null ? 0 : ancestorsUpward(parentOf, newParentId).length + 1;
  const subtreeHeight = descendantsOf(parentOf, movedId).reduce((deepest, d) => Math.max(deepest, d.depth), 0);
  if (newDepth + subtreeHeight > MAX_TREE_DEPTH) {
    return `This move would place partners more than ${MAX_TREE_DEPTH} levels below the top of the tree. Choose a parent higher up.`;
  }
  return null;
}
