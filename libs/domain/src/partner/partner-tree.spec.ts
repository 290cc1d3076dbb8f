import { describe, expect, it } from 'vitest';
import {
  MAX_TREE_DEPTH,
  ancestorsOf,
  checkMove,
  depthOf,
  descendantsOf,
  toParentMap,
  wouldCreateCycle,
  type PartnerTreeNode,
} from './partner-tree.js';

const CYCLE = 'A partner cannot move under itself or one of its own sub-partners.';
const UNKNOWN_PARENT = 'The chosen parent partner could not be found. It may have been removed; reload and choose again.';
const TOO_DEEP = `This move would place partners more than ${MAX_TREE_DEPTH} levels below the top of the tree. Choose a parent higher up.`;

/**
 *   A           G (alone)
 *   ├─ B
 *   │  ├─ D
 *   │  │  └─ F
 *   │  └─ E
 *   └─ C
 */
const TREE: PartnerTreeNode[] = [
  { id: 'A', parentId: null },
  { id: 'B', parentId: 'A' },
  { id: 'C', parentId: 'A' },
  { id: 'D', parentId: 'B' },
  { id: 'E', parentId: 'B' },
  { id: 'F', parentId: 'D' },
  { id: 'G', parentId: null },
];
const TREE_MAP = new Map(TREE.map((n) => [n.id, n.parentId] as const));

/** A single chain P0 → P1 → … → P{length-1}, P0 at the top. */
function chain(length: number, prefix = 'P'): PartnerTreeNode[] {
  return Array.from({ length }, (_, i) => ({ id: `${prefix}${i}`, parentId: i === 0 ? null : `${prefix}${i - 1}` }));
}

describe('MAX_TREE_DEPTH', () => {
  it('is 20', () => {
    expect(MAX_TREE_DEPTH).toBe(20);
  });
});

describe('toParentMap', () => {
  it('indexes an array by id', () => {
    expect(toParentMap(TREE)).toEqual(TREE_MAP);
  });

  it('returns a map unchanged', () => {
    expect(toParentMap(TREE_MAP)).toBe(TREE_MAP);
  });

  it('accepts an empty tree', () => {
    expect(toParentMap([]).size).toBe(0);
  });

  it('refuses an array that lists an id twice', () => {
    expect(() => toParentMap([...TREE, { id: 'C', parentId: 'G' }])).toThrow('Corrupt partner tree: partner "C" is listed twice.');
  });
});

describe.each([
  ['an array', TREE],
  ['a map', TREE_MAP],
])('on %s', (_kind, tree) => {
  describe('ancestorsOf', () => {
    it('is empty for a top-level partner', () => {
      expect(ancestorsOf(tree, 'A')).toEqual([]);
      expect(ancestorsOf(tree, 'G')).toEqual([]);
    });

    it('is the parent for a direct sub-partner', () => {
      expect(ancestorsOf(tree, 'B')).toEqual(['A']);
      expect(ancestorsOf(tree, 'C')).toEqual(['A']);
    });

    it('runs from the root down to the parent', () => {
      expect(ancestorsOf(tree, 'F')).toEqual(['A', 'B', 'D']);
      expect(ancestorsOf(tree, 'E')).toEqual(['A', 'B']);
    });

    it('throws for a partner that is not in the tree', () => {
      expect(() => ancestorsOf(tree, 'Z')).toThrow('Unknown partner "Z": it is not in the tree.');
    });
  });

  describe('depthOf', () => {
    it.each([
      ['A', 0],
      ['G', 0],
      ['B', 1],
      ['C', 1],
      ['D', 2],
      ['E', 2],
      ['F', 3],
    ])('puts %s at depth %i', (id, depth) => {
      expect(depthOf(tree, id)).toBe(depth);
    });

    it('throws for a partner that is not in the tree', () => {
      expect(() => depthOf(tree, 'Z')).toThrow('Unknown partner "Z"');
    });
  });

  describe('descendantsOf', () => {
    it('lists the whole subtree level by level with the depth below the partner', () => {
      expect(descendantsOf(tree, 'A')).toEqual([
        { id: 'B', depth: 1 },
        { id: 'C', depth: 1 },
        { id: 'D', depth: 2 },
        { id: 'E', depth: 2 },
        { id: 'F', depth: 3 },
      ]);
    });

    it('counts depth from the partner asked about, not from the root', () => {
      expect(descendantsOf(tree, 'B')).toEqual([
        { id: 'D', depth: 1 },
        { id: 'E', depth: 1 },
        { id: 'F', depth: 2 },
      ]);
    });

    it('does not include the partner itself', () => {
      expect(descendantsOf(tree, 'D')).toEqual([{ id: 'F', depth: 1 }]);
    });

    it('is empty for a leaf or a lone top-level partner', () => {
      expect(descendantsOf(tree, 'F')).toEqual([]);
      expect(descendantsOf(tree, 'G')).toEqual([]);
    });

    it('throws for a partner that is not in the tree', () => {
      expect(() => descendantsOf(tree, 'Z')).toThrow('Unknown partner "Z"');
    });
  });

  describe('wouldCreateCycle', () => {
    it('is true when moving a partner under itself', () => {
      expect(wouldCreateCycle(tree, 'B', 'B')).toBe(true);
      expect(wouldCreateCycle(tree, 'F', 'F')).toBe(true);
    });

    it('is true when moving a partner under a direct sub-partner', () => {
      expect(wouldCreateCycle(tree, 'B', 'D')).toBe(true);
      expect(wouldCreateCycle(tree, 'A', 'C')).toBe(true);
    });

    it('is true when moving a partner under a sub-partner at any depth', () => {
      expect(wouldCreateCycle(tree, 'A', 'F')).toBe(true);
      expect(wouldCreateCycle(tree, 'B', 'F')).toBe(true);
    });

    it('is false when moving under a sibling, an ancestor, a cousin or another tree', () => {
      expect(wouldCreateCycle(tree, 'C', 'B')).toBe(false);
      expect(wouldCreateCycle(tree, 'F', 'A')).toBe(false);
      expect(wouldCreateCycle(tree, 'F', 'E')).toBe(false);
      expect(wouldCreateCycle(tree, 'B', 'G')).toBe(false);
      expect(wouldCreateCycle(tree, 'A', 'G')).toBe(false);
    });

    it('is false when the partner stays under its current parent', () => {
      expect(wouldCreateCycle(tree, 'D', 'B')).toBe(false);
    });

    it('is false when moving to the top level', () => {
      expect(wouldCreateCycle(tree, 'F', null)).toBe(false);
      expect(wouldCreateCycle(tree, 'A', null)).toBe(false);
    });

    it('is false for a new parent that is not in the tree (checkMove reports that)', () => {
      expect(wouldCreateCycle(tree, 'B', 'Z')).toBe(false);
    });

    it('is true for a partner not yet in the tree only when it would be its own parent', () => {
      expect(wouldCreateCycle(tree, 'NEW', 'NEW')).toBe(true);
      expect(wouldCreateCycle(tree, 'NEW', 'F')).toBe(false);
    });
  });

  describe('checkMove', () => {
    it('allows moving a subtree under another branch', () => {
      expect(checkMove(tree, 'D', 'C')).toBeNull();
    });

    it('allows moving a subtree into another tree', () => {
      expect(checkMove(tree, 'B', 'G')).toBeNull();
    });

    it('allows moving a partner to the top level', () => {
      expect(checkMove(tree, 'D', null)).toBeNull();
      expect(checkMove(tree, 'A', null)).toBeNull();
    });

    it('allows moving a partner up under an ancestor', () => {
      expect(checkMove(tree, 'F', 'A')).toBeNull();
    });

    it('allows leaving a partner under its current parent', () => {
      expect(checkMove(tree, 'F', 'D')).toBeNull();
    });

    it('refuses a move under the partner itself', () => {
      expect(checkMove(tree, 'B', 'B')).toBe(CYCLE);
    });

    it('refuses a move under one of its own sub-partners', () => {
      expect(checkMove(tree, 'B', 'D')).toBe(CYCLE);
      expect(checkMove(tree, 'A', 'F')).toBe(CYCLE);
    });

    it('refuses a parent that is not in the tree', () => {
      expect(checkMove(tree, 'B', 'Z')).toBe(UNKNOWN_PARENT);
    });

    it('throws when the partner to move is not in the tree', () => {
      expect(() => checkMove(tree, 'Z', 'A')).toThrow('Unknown partner "Z"');
    });
  });
});

describe('checkMove depth limit', () => {
  it('allows a partner at exactly the maximum depth', () => {
    const tree = [...chain(MAX_TREE_DEPTH), { id: 'X', parentId: null }];
    // P19 sits at depth 19; X under it lands at depth 20
    expect(checkMove(tree, 'X', `P${MAX_TREE_DEPTH - 1}`)).toBeNull();
  });

  it('refuses a partner one level beyond the maximum depth', () => {
    const tree = [...chain(MAX_TREE_DEPTH + 1), { id: 'X', parentId: null }];
    expect(depthOf(tree, `P${MAX_TREE_DEPTH}`)).toBe(MAX_TREE_DEPTH);
    expect(checkMove(tree, 'X', `P${MAX_TREE_DEPTH}`)).toBe(TOO_DEEP);
  });

  it('counts the depth of the whole moved subtree, not only the moved partner', () => {
    // a 10-level chain Q0…Q9 (height 9 below Q0) moved under P10 (depth 10): Q9 would land at depth 20
    const tree = [...chain(MAX_TREE_DEPTH + 1), ...chain(10, 'Q')];
    expect(checkMove(tree, 'Q0', 'P10')).toBeNull();
    // under P11 (depth 11) Q9 would land at depth 21
    expect(checkMove(tree, 'Q0', 'P11')).toBe(TOO_DEEP);
  });

  it('reports a cycle rather than the depth when both apply', () => {
    const tree = chain(MAX_TREE_DEPTH + 1);
    expect(checkMove(tree, 'P0', `P${MAX_TREE_DEPTH}`)).toBe(CYCLE);
  });

  it('allows moving a deep subtree higher up', () => {
    const tree = chain(MAX_TREE_DEPTH + 1);
    expect(checkMove(tree, 'P15', 'P0')).toBeNull();
    expect(checkMove(tree, 'P15', null)).toBeNull();
  });
});

describe('large trees', () => {
  it('handles a chain far deeper than the limit without recursion limits', () => {
    const tree = chain(5000);
    expect(depthOf(tree, 'P4999')).toBe(4999);
    expect(ancestorsOf(tree, 'P3')).toEqual(['P0', 'P1', 'P2']);
    expect(descendantsOf(tree, 'P0')).toHaveLength(4999);
    expect(wouldCreateCycle(tree, 'P0', 'P4999')).toBe(true);
  });
});

describe('corrupt trees', () => {
  // X → Y → Z → X: a cycle with no root, plus R → S hanging below it
  const LOOP: PartnerTreeNode[] = [
    { id: 'X', parentId: 'Z' },
    { id: 'Y', parentId: 'X' },
    { id: 'Z', parentId: 'Y' },
    { id: 'S', parentId: 'X' },
    { id: 'OK', parentId: null },
  ];

  it('ancestorsOf throws a clear error on a cycle in the data', () => {
    expect(() => ancestorsOf(LOOP, 'Y')).toThrow(/^Corrupt partner tree: partner "[XYZ]" is its own ancestor \(a cycle in the parent links\)\.$/);
  });

  it('ancestorsOf throws when the cycle lies above the partner asked about', () => {
    expect(() => ancestorsOf(LOOP, 'S')).toThrow('Corrupt partner tree');
  });

  it('ancestorsOf throws on a partner that is its own parent', () => {
    expect(() => ancestorsOf([{ id: 'A', parentId: 'A' }], 'A')).toThrow('Corrupt partner tree: partner "A" is its own ancestor');
  });

  it('depthOf throws on a cycle too', () => {
    expect(() => depthOf(LOOP, 'Z')).toThrow('Corrupt partner tree');
  });

  it('descendantsOf throws on a cycle through the partner', () => {
    expect(() => descendantsOf(LOOP, 'X')).toThrow('Corrupt partner tree');
  });

  it('wouldCreateCycle throws when the new parent sits in a corrupt cycle', () => {
    expect(() => wouldCreateCycle(LOOP, 'OK', 'Y')).toThrow('Corrupt partner tree');
  });

  it('checkMove throws instead of answering on corrupt data', () => {
    expect(() => checkMove(LOOP, 'OK', 'S')).toThrow('Corrupt partner tree');
  });

  it('leaves healthy parts of a corrupt tree usable', () => {
    expect(depthOf(LOOP, 'OK')).toBe(0);
    expect(descendantsOf(LOOP, 'OK')).toEqual([]);
  });

  it('throws when a parent link points at a partner missing from the tree', () => {
    const dangling: PartnerTreeNode[] = [
      { id: 'A', parentId: 'GONE' },
      { id: 'B', parentId: 'A' },
    ];
    expect(() => ancestorsOf(dangling, 'A')).toThrow('Corrupt partner tree: partner "A" has the parent "GONE", which is not in the tree.');
    expect(() => depthOf(dangling, 'B')).toThrow('Corrupt partner tree: partner "A" has the parent "GONE", which is not in the tree.');
  });
});

describe('non-string ids', () => {
  it('works with numeric ids', () => {
    const tree = new Map<number, number | null>([
      [1, null],
      [2, 1],
      [3, 2],
    ]);
    expect(ancestorsOf(tree, 3)).toEqual([1, 2]);
    expect(depthOf(tree, 3)).toBe(2);
    expect(descendantsOf(tree, 1)).toEqual([
      { id: 2, depth: 1 },
      { id: 3, depth: 2 },
    ]);
    expect(wouldCreateCycle(tree, 1, 3)).toBe(true);
    expect(checkMove(tree, 3, null)).toBeNull();
  });
});

describe('purity', () => {
  it('does not modify the tree it is given', () => {
    const tree = TREE.map((n) => ({ ...n }));
    const map = new Map(TREE_MAP);
    checkMove(tree, 'B', 'G');
    checkMove(map, 'B', 'D');
    descendantsOf(tree, 'A');
    expect(tree).toEqual(TREE);
    expect(map).toEqual(TREE_MAP);
  });
});
