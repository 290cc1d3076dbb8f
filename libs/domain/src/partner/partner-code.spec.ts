import { describe, expect, it, vi } from 'vitest';
import {
  PARTNER_CODE_ALPHABET,
  PARTNER_CODE_LENGTH,
  PARTNER_CODE_MAX_ATTEMPTS,
  generatePartnerCode,
  generateUniquePartnerCode,
  isAcceptablePartnerCode,
  isValidPartnerCode,
  normalizePartnerCode,
  partnerCodeSchema,
} from './partner-code.js';

const PARTNER_ID_MESSAGE = 'A Partner ID has 5 letters or digits, like VEZ9A.';

/** A random source that returns the given values in turn, then starts over. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

/** A deterministic pseudo-random source in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random value that picks the character at `index` of the alphabet. */
const pick = (index: number) => (index + 0.5) / PARTNER_CODE_ALPHABET.length;

describe('PARTNER_CODE_ALPHABET', () => {
  it('is exactly the documented 30 characters', () => {
    expect(PARTNER_CODE_ALPHABET).toBe('23456789ABCDEFGHJKMNPQRSTVWXYZ');
    expect(PARTNER_CODE_ALPHABET).toHaveLength(30);
  });

  it('has no repeated character', () => {
    expect(new Set(PARTNER_CODE_ALPHABET).size).toBe(PARTNER_CODE_ALPHABET.length);
  });

  it.each(['0', 'O', '1', 'I', 'L', 'U'])('leaves out the ambiguous %s', (char) => {
    expect(PARTNER_CODE_ALPHABET).not.toContain(char);
  });

  it('uses only upper-case letters and digits', () => {
    for (const char of PARTNER_CODE_ALPHABET) expect('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789').toContain(char);
  });

  it('codes have 5 characters', () => {
    expect(PARTNER_CODE_LENGTH).toBe(5);
  });
});

describe('normalizePartnerCode', () => {
  it('upper-cases', () => {
    expect(normalizePartnerCode('vez9a')).toBe('VEZ9A');
  });

  it('trims spaces, tabs and newlines', () => {
    expect(normalizePartnerCode(' \tVeZ9a\r\n')).toBe('VEZ9A');
  });

  it('leaves a normal code unchanged and is idempotent', () => {
    expect(normalizePartnerCode('VEZ9A')).toBe('VEZ9A');
    expect(normalizePartnerCode(normalizePartnerCode(' wk3de '))).toBe('WK3DE');
  });

  it('does not remove inner spaces or fix the length', () => {
    expect(normalizePartnerCode('ve z9')).toBe('VE Z9');
    expect(normalizePartnerCode('abc')).toBe('ABC');
  });
});

describe('isValidPartnerCode (generated codes)', () => {
  it.each(['VEZ9A', '23456', 'ZZZZZ', 'ABCDE', 'WK3DE', 'GAKGZ', '6YZFQ'])('accepts %s', (code) => {
    expect(isValidPartnerCode(code)).toBe(true);
  });

  it.each([
    ['9X6UE', 'contains U'],
    ['U2YB7', 'contains U'],
    ['L53X4', 'contains L'],
    ['JU4KH', 'contains U'],
    ['VEZ0A', 'contains 0'],
    ['VEZOA', 'contains O'],
    ['VEZ1A', 'contains 1'],
    ['VEZIA', 'contains I'],
    ['vez9a', 'is lower-case'],
    [' VEZ9A', 'has a leading space'],
    ['VEZ9', 'is too short'],
    ['VEZ9AB', 'is too long'],
    ['', 'is empty'],
    ['VE-9A', 'contains a symbol'],
    ['VEZ9Ä', 'contains a non-ASCII letter'],
  ])('refuses %s, which %s', (code) => {
    expect(isValidPartnerCode(code)).toBe(false);
  });
});

describe('isAcceptablePartnerCode (imported codes)', () => {
  it.each(['VEZ9A', 'WK3DE', '9X6UE', 'U2YB7', '6YZFQ', 'L53X4', '00000', 'OIL1U', 'ABCDE'])('accepts %s', (code) => {
    expect(isAcceptablePartnerCode(code)).toBe(true);
  });

  it.each([
    ['wk3de', 'is lower-case'],
    ['WK3DE ', 'has a trailing space'],
    ['WK3D', 'is too short'],
    ['WK3DEX', 'is too long'],
    ['', 'is empty'],
    ['WK-DE', 'contains a symbol'],
    ['WK DE', 'contains a space'],
    ['WKÉDE', 'contains a non-ASCII letter'],
  ])('refuses %s, which %s', (code) => {
    expect(isAcceptablePartnerCode(code)).toBe(false);
  });

  it('accepts every code isValidPartnerCode accepts', () => {
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
      const code = generatePartnerCode(random);
      expect(isValidPartnerCode(code)).toBe(true);
      expect(isAcceptablePartnerCode(code)).toBe(true);
    }
  });
});

describe('partnerCodeSchema', () => {
  it('normalizes and accepts an imported code', () => {
    expect(partnerCodeSchema.parse(' u2yb7 ')).toBe('U2YB7');
  });

  it.each(['WK3', 'WK3DE1', 'WK-DE', '', 42, null])('refuses %j with one message', (input) => {
    const result = partnerCodeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([PARTNER_ID_MESSAGE]);
  });
});

describe('generatePartnerCode', () => {
  it('returns a valid 5-character code with Math.random', () => {
    for (let i = 0; i < 100; i++) {
      const code = generatePartnerCode();
      expect(code).toHaveLength(5);
      expect(isValidPartnerCode(code)).toBe(true);
    }
  });

  it('maps the random values onto the alphabet', () => {
    expect(generatePartnerCode(() => 0)).toBe('22222');
    expect(generatePartnerCode(() => 0.999999)).toBe('ZZZZZ');
    expect(generatePartnerCode(sequence(pick(25), pick(12), pick(29), pick(7), pick(8)))).toBe('VEZ9A');
  });

  it('calls the random source once per character', () => {
    const random = vi.fn(() => 0.5);
    generatePartnerCode(random);
    expect(random).toHaveBeenCalledTimes(5);
  });

  it('is deterministic for a seeded source', () => {
    const first = Array.from({ length: 5 }, ((r) => () => generatePartnerCode(r))(seeded(42)));
    const second = Array.from({ length: 5 }, ((r) => () => generatePartnerCode(r))(seeded(42)));
    expect(first).toEqual(second);
  });

  it('can produce every character of the alphabet, and only those', () => {
    const seen = new Set<string>();
    const random = seeded(1);
    for (let i = 0; i < 2000; i++) for (const char of generatePartnerCode(random)) seen.add(char);
    expect([...seen].sort().join('')).toBe([...PARTNER_CODE_ALPHABET].sort().join(''));
  });

  it.each([1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a random source that returns %s', (value) => {
    expect(() => generatePartnerCode(() => value)).toThrow(RangeError);
    expect(() => generatePartnerCode(() => value)).toThrow('it must return a number in [0, 1)');
  });
});

describe('generateUniquePartnerCode', () => {
  it('returns the first code that is not taken', () => {
    const taken = new Set(['22222']);
    const random = sequence(0, 0, 0, 0, 0, pick(1), pick(1), pick(1), pick(1), pick(1));
    expect(generateUniquePartnerCode((c) => taken.has(c), random)).toBe('33333');
  });

  it('returns at once when nothing is taken', () => {
    const taken = vi.fn(() => false);
    expect(generateUniquePartnerCode(taken, () => 0)).toBe('22222');
    expect(taken).toHaveBeenCalledTimes(1);
    expect(taken).toHaveBeenCalledWith('22222');
  });

  it('returns a valid code with the default random source', () => {
    expect(isValidPartnerCode(generateUniquePartnerCode(() => false))).toBe(true);
  });

  it('avoids every code already in use', () => {
    const random = seeded(3);
    const used = new Set<string>();
    for (let i = 0; i < 500; i++) used.add(generateUniquePartnerCode((c) => used.has(c), random));
    expect(used.size).toBe(500);
  });

  it(`gives up after ${PARTNER_CODE_MAX_ATTEMPTS} attempts with a clear error`, () => {
    const taken = vi.fn(() => true);
    expect(() => generateUniquePartnerCode(taken, () => 0)).toThrow(
      `Could not find a free Partner ID in ${PARTNER_CODE_MAX_ATTEMPTS} attempts: the Partner IDs of this principal are nearly used up, or the random source repeats itself.`,
    );
    expect(taken).toHaveBeenCalledTimes(PARTNER_CODE_MAX_ATTEMPTS);
  });

  it('honours a custom number of attempts', () => {
    const taken = vi.fn(() => true);
    expect(() => generateUniquePartnerCode(taken, Math.random, 3)).toThrow('in 3 attempts');
    expect(taken).toHaveBeenCalledTimes(3);
  });

  it('succeeds on the last allowed attempt', () => {
    let calls = 0;
    const code = generateUniquePartnerCode(() => ++calls < 3, seeded(9), 3);
    expect(isValidPartnerCode(code)).toBe(true);
    expect(calls).toBe(3);
  });
});
