import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_POLICIES } from './password-policy.js';

/** A COMPLEX-valid password of exactly `length` characters (lowercase, uppercase, digit, symbol). */
function complexOfLength(length: number): string {
  return 'Aa1!'.padEnd(length, 'x');
}

describe('PASSWORD_POLICIES', () => {
  it('offers SIMPLE and COMPLEX', () => {
    expect([...PASSWORD_POLICIES]).toEqual(['SIMPLE', 'COMPLEX']);
  });

  it('caps passwords at 200 characters', () => {
    expect(PASSWORD_MAX_LENGTH).toBe(200);
  });
});

describe('checkPassword', () => {
  describe('with the SIMPLE policy', () => {
    it('accepts a password of exactly 8 characters', () => {
      expect(checkPassword('abcdefgh', 'SIMPLE')).toBeNull();
    });

    it('refuses a password of 7 characters, asking for at least 8', () => {
      expect(checkPassword('abcdefg', 'SIMPLE')).toBe('The password needs at least 8 characters.');
    });

    it('refuses an empty password', () => {
      expect(checkPassword('', 'SIMPLE')).toBe('The password needs at least 8 characters.');
    });

    it('asks for no character classes: lowercase letters alone will do', () => {
      expect(checkPassword('aaaaaaaa', 'SIMPLE')).toBeNull();
    });

    it('asks for no character classes: digits alone will do', () => {
      expect(checkPassword('12345678', 'SIMPLE')).toBeNull();
    });

    it('counts spaces as characters', () => {
      expect(checkPassword('        ', 'SIMPLE')).toBeNull();
    });

    it('accepts a password of exactly the maximum length', () => {
      expect(checkPassword('a'.repeat(PASSWORD_MAX_LENGTH), 'SIMPLE')).toBeNull();
    });

    it('refuses a password one character over the maximum length', () => {
      expect(checkPassword('a'.repeat(PASSWORD_MAX_LENGTH + 1), 'SIMPLE')).toBe(
        'The password needs at most 200 characters.',
      );
    });

    it('does not apply the COMPLEX 12-character minimum', () => {
      expect(checkPassword('abcdefghijk', 'SIMPLE')).toBeNull();
    });
  });

  describe('with the COMPLEX policy', () => {
    it('accepts a password with every character class of exactly 12 characters', () => {
      expect(checkPassword(complexOfLength(12), 'COMPLEX')).toBeNull();
    });

    it('refuses an otherwise valid password of 11 characters, asking for at least 12', () => {
      expect(checkPassword(complexOfLength(11), 'COMPLEX')).toBe(
        'The password needs at least 12 characters.',
      );
    });

    it('refuses an 8-character password the SIMPLE policy would accept', () => {
      expect(checkPassword('Aa1!xxxx', 'SIMPLE')).toBeNull();
      expect(checkPassword('Aa1!xxxx', 'COMPLEX')).toBe('The password needs at least 12 characters.');
    });

    it('accepts a password of exactly the maximum length', () => {
      expect(checkPassword(complexOfLength(PASSWORD_MAX_LENGTH), 'COMPLEX')).toBeNull();
    });

    it('refuses a password one character over the maximum length', () => {
      expect(checkPassword(complexOfLength(PASSWORD_MAX_LENGTH + 1), 'COMPLEX')).toBe(
        'The password needs at most 200 characters.',
      );
    });

    it('refuses a COMPLEX password without a lowercase letter', () => {
      expect(checkPassword('ABCDEFGHIJ1!', 'COMPLEX')).toBe('The password needs a lowercase letter.');
    });

    it('refuses a COMPLEX password without an uppercase letter', () => {
      expect(checkPassword('abcdefghij1!', 'COMPLEX')).toBe('The password needs an uppercase letter.');
    });

    it('refuses a COMPLEX password without a digit', () => {
      expect(checkPassword('Abcdefghijk!', 'COMPLEX')).toBe('The password needs a digit.');
    });

    it('refuses a COMPLEX password without a symbol', () => {
      expect(checkPassword('Abcdefghijk1', 'COMPLEX')).toBe('The password needs a symbol.');
    });

    it.each([' ', '-', '_', '.', '€', 'é'])('counts %j as a symbol', (symbol) => {
      expect(checkPassword(`Abcdefghij1${symbol}`, 'COMPLEX')).toBeNull();
    });

    it('names every missing rule in one sentence, in rule order', () => {
      expect(checkPassword('', 'COMPLEX')).toBe(
        'The password needs at least 12 characters, a lowercase letter, an uppercase letter, a digit, a symbol.',
      );
    });

    it('names both the length and the missing classes of a short password', () => {
      expect(checkPassword('abc', 'COMPLEX')).toBe(
        'The password needs at least 12 characters, an uppercase letter, a digit, a symbol.',
      );
    });

    it('names the maximum length together with a missing class', () => {
      expect(checkPassword('a'.repeat(PASSWORD_MAX_LENGTH + 1), 'COMPLEX')).toBe(
        'The password needs at most 200 characters, an uppercase letter, a digit, a symbol.',
      );
    });

    it('names only what is missing, not what is present', () => {
      const message = checkPassword('abcdefghijkl', 'COMPLEX');
      expect(message).not.toContain('lowercase');
      expect(message).not.toContain('at least 12');
      expect(message).toContain('an uppercase letter');
      expect(message).toContain('a digit');
      expect(message).toContain('a symbol');
    });
  });
});
