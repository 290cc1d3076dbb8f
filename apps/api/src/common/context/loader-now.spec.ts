import { describe, expect, it } from 'vitest';
import { Loader } from './loaders.js';
import { thenNow } from './now.js';

describe('Loader.now', () => {
  it('answers a primed or loaded value at once, anything else through the batch', async () => {
    const batches: string[][] = [];
    const loader = new Loader<string, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => k.toUpperCase());
    });
    loader.prime('a', 'primed');
    expect(loader.now('a')).toBe('primed');
    const b = loader.now('b');
    expect(b).toBeInstanceOf(Promise);
    expect(await b).toBe('B');
    expect(loader.now('b')).toBe('B');
    expect(batches).toEqual([['b']]);
    loader.clear('b');
    expect(loader.now('b')).toBeInstanceOf(Promise);
  });

  it('keeps a failed key out of what it answers at once', async () => {
    const loader = new Loader<string, string>(async (keys) => keys.map((k) => (k === 'bad' ? new Error('no') : k)));
    await expect(loader.now('bad')).rejects.toThrow('no');
    const again = loader.now('bad');
    expect(again).toBeInstanceOf(Promise);
    await expect(again).rejects.toThrow('no');
  });

  it('thenNow continues at once with a known value, after a promise otherwise', async () => {
    expect(thenNow(2, (n) => n * 2)).toBe(4);
    const later = thenNow(Promise.resolve(2), (n) => n * 2);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(4);
  });
});
