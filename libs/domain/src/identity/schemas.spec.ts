import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZodType } from 'zod';
import {
  apiKeyNameSchema,
  changePasswordSchema,
  createApiKeySchema,
  createUserSchema,
  emailSchema,
  normalizeEmail,
  personNameSchema,
  signInSchema,
  updateUserSchema,
  userRoleSchema,
} from './schemas.js';
import { USER_ROLES } from './roles.js';

const INVALID_EMAIL = 'Enter a valid e-mail address, like name@company.com.';

/** The messages of a failed parse, keyed by the dotted path ('' for the root). */
function messagesOf(schema: ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  const messages: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    (messages[issue.path.join('.')] ??= []).push(issue.message);
  }
  return messages;
}

/** The first message of a failed parse at a path: what a form would show under the field. */
function firstMessage(schema: ZodType, input: unknown, path = ''): string | undefined {
  return messagesOf(schema, input)[path]?.[0];
}

describe('normalizeEmail', () => {
  it('lowercases the address', () => {
    expect(normalizeEmail('Alice@Example.COM')).toBe('alice@example.com');
  });

  it('trims surrounding whitespace, including tabs and newlines', () => {
    expect(normalizeEmail(' \t alice@example.com \n')).toBe('alice@example.com');
  });

  it('leaves an already normal address unchanged', () => {
    expect(normalizeEmail('alice@example.com')).toBe('alice@example.com');
  });

  it('is idempotent', () => {
    const once = normalizeEmail('  Bob.Smith+Tag@Example.org ');
    expect(normalizeEmail(once)).toBe(once);
  });
});

describe('emailSchema', () => {
  it('accepts a plain address unchanged', () => {
    expect(emailSchema.parse('name@company.com')).toBe('name@company.com');
  });

  it('trims and lowercases the address', () => {
    expect(emailSchema.parse('  Alice.Smith@Example.COM  ')).toBe('alice.smith@example.com');
  });

  it.each([
    'first.last@sub.example.co.uk',
    'name+tag@example.com',
    "o'brien@example.ie",
    'a_b-c@ex-ample.de',
  ])('accepts %s', (address) => {
    expect(emailSchema.parse(address)).toBe(address);
  });

  it('asks for an address when given an empty string', () => {
    expect(firstMessage(emailSchema, '')).toBe('Enter an e-mail address.');
  });

  it('asks for an address when given only whitespace', () => {
    expect(firstMessage(emailSchema, '   ')).toBe('Enter an e-mail address.');
  });

  it.each([
    'alice',
    'alice@',
    '@example.com',
    'alice@example',
    'alice@example.c',
    'alice@@example.com',
    'al ice@example.com',
    'alice@exa mple.com',
    'alice@example..com',
    '.alice@example.com',
    'alice.@example.com',
  ])('refuses %j with the "valid address" message', (address) => {
    expect(messagesOf(emailSchema, address)).toEqual({ '': [INVALID_EMAIL] });
  });

  it('accepts an address of exactly 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(address).toHaveLength(254);
    expect(emailSchema.parse(address)).toBe(address);
  });

  it('refuses an address of 255 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`;
    expect(address).toHaveLength(255);
    expect(messagesOf(emailSchema, address)).toEqual({
      '': ['An e-mail address has at most 254 characters.'],
    });
  });

  it('measures the length after trimming', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(emailSchema.parse(`   ${address}   `)).toBe(address);
  });

  it('refuses a value that is not a string', () => {
    expect(emailSchema.safeParse(42).success).toBe(false);
    expect(emailSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('personNameSchema', () => {
  it('trims the name and keeps its case', () => {
    expect(personNameSchema.parse('  Ada Lovelace ')).toBe('Ada Lovelace');
  });

  it('asks for a name when it is blank', () => {
    expect(messagesOf(personNameSchema, '   ')).toEqual({ '': ['Enter a name.'] });
  });

  it('accepts 120 characters and refuses 121', () => {
    expect(personNameSchema.parse('n'.repeat(120))).toHaveLength(120);
    expect(messagesOf(personNameSchema, 'n'.repeat(121))).toEqual({
      '': ['A name has at most 120 characters.'],
    });
  });
});

describe('userRoleSchema', () => {
  it.each(USER_ROLES)('accepts %s', (role) => {
    expect(userRoleSchema.parse(role)).toBe(role);
  });

  it.each(['BOSS', 'admin', '', undefined, null])('asks to choose a role when given %j', (role) => {
    expect(messagesOf(userRoleSchema, role)).toEqual({ '': ['Choose a role.'] });
  });
});

describe('signInSchema', () => {
  it('normalizes the e-mail and keeps the password as typed', () => {
    expect(signInSchema.parse({ email: ' Alice@Example.com ', password: ' Secret ' })).toEqual({
      email: 'alice@example.com',
      password: ' Secret ',
    });
  });

  it('asks for the password when it is empty', () => {
    expect(messagesOf(signInSchema, { email: 'alice@example.com', password: '' })).toEqual({
      password: ['Enter your password.'],
    });
  });
});

describe('createUserSchema', () => {
  const valid = {
    email: 'new.colleague@example.com',
    name: 'New Colleague',
    role: 'STAFF',
    password: 'initial-pw',
  };

  it('accepts a complete colleague and normalizes the e-mail and name', () => {
    expect(
      createUserSchema.parse({ ...valid, email: ' New.Colleague@Example.COM ', name: '  New Colleague ' }),
    ).toEqual(valid);
  });

  it('leaves the password untouched (the policy is checked separately)', () => {
    expect(createUserSchema.parse({ ...valid, password: ' x ' }).password).toBe(' x ');
  });

  it('asks for an e-mail address when it is empty', () => {
    expect(firstMessage(createUserSchema, { ...valid, email: '' }, 'email')).toBe('Enter an e-mail address.');
  });

  it('asks for a valid e-mail address', () => {
    expect(messagesOf(createUserSchema, { ...valid, email: 'not-an-address' })).toEqual({
      email: [INVALID_EMAIL],
    });
  });

  it('asks for a name when it is blank', () => {
    expect(messagesOf(createUserSchema, { ...valid, name: '  ' })).toEqual({ name: ['Enter a name.'] });
  });

  it('refuses a name over 120 characters', () => {
    expect(messagesOf(createUserSchema, { ...valid, name: 'n'.repeat(121) })).toEqual({
      name: ['A name has at most 120 characters.'],
    });
  });

  it('asks to choose a role when the role is unknown', () => {
    expect(messagesOf(createUserSchema, { ...valid, role: 'OWNER' })).toEqual({ role: ['Choose a role.'] });
  });

  it('asks for an initial password when it is empty', () => {
    expect(messagesOf(createUserSchema, { ...valid, password: '' })).toEqual({
      password: ['Enter an initial password.'],
    });
  });

  it('reports every invalid field at once', () => {
    const messages = messagesOf(createUserSchema, { email: '', name: '', role: 'OWNER', password: '' });
    expect(Object.keys(messages).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(messages['email']?.[0]).toBe('Enter an e-mail address.');
    expect(messages['name']).toEqual(['Enter a name.']);
    expect(messages['role']).toEqual(['Choose a role.']);
    expect(messages['password']).toEqual(['Enter an initial password.']);
  });
});

describe('updateUserSchema', () => {
  it('accepts a trimmed name and a role', () => {
    expect(updateUserSchema.parse({ name: ' Ann ', role: 'VIEWER' })).toEqual({
      name: 'Ann',
      role: 'VIEWER',
    });
  });

  it('asks for a name and a role', () => {
    expect(messagesOf(updateUserSchema, { name: '', role: '' })).toEqual({
      name: ['Enter a name.'],
      role: ['Choose a role.'],
    });
  });
});

describe('apiKeyNameSchema', () => {
  it('trims the name', () => {
    expect(apiKeyNameSchema.parse('  ci-pipeline ')).toBe('ci-pipeline');
  });

  it('asks to name the key when it is blank', () => {
    expect(messagesOf(apiKeyNameSchema, ' ')).toEqual({
      '': ['Name the key after the system that will use it.'],
    });
  });

  it('accepts 80 characters and refuses 81', () => {
    expect(apiKeyNameSchema.parse('k'.repeat(80))).toHaveLength(80);
    expect(messagesOf(apiKeyNameSchema, 'k'.repeat(81))).toEqual({
      '': ['A key name has at most 80 characters.'],
    });
  });
});

describe('createApiKeySchema', () => {
  const NOW = new Date('2030-06-15T12:00:00.000Z');
  const base = { name: 'erp-sync', role: 'VIEWER' };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a key without expiry (expiresAt omitted)', () => {
    expect(createApiKeySchema.parse(base)).toEqual(base);
  });

  it('accepts a key that never expires (expiresAt null)', () => {
    expect(createApiKeySchema.parse({ ...base, expiresAt: null })).toEqual({ ...base, expiresAt: null });
  });

  it('accepts an expiry one millisecond in the future', () => {
    const expiresAt = new Date(NOW.getTime() + 1);
    expect(createApiKeySchema.parse({ ...base, expiresAt }).expiresAt).toEqual(expiresAt);
  });

  it('coerces an ISO string in the future into a Date', () => {
    expect(createApiKeySchema.parse({ ...base, expiresAt: '2031-01-01T00:00:00.000Z' }).expiresAt).toEqual(
      new Date('2031-01-01T00:00:00.000Z'),
    );
  });

  it('coerces a future timestamp in milliseconds into a Date', () => {
    const timestamp = NOW.getTime() + 86_400_000;
    expect(createApiKeySchema.parse({ ...base, expiresAt: timestamp }).expiresAt).toEqual(
      new Date(timestamp),
    );
  });

  it('refuses a past expiry', () => {
    expect(messagesOf(createApiKeySchema, { ...base, expiresAt: '2020-01-01' })).toEqual({
      expiresAt: ['The expiry must lie in the future.'],
    });
  });

  it('refuses an expiry one millisecond in the past', () => {
    expect(messagesOf(createApiKeySchema, { ...base, expiresAt: new Date(NOW.getTime() - 1) })).toEqual({
      expiresAt: ['The expiry must lie in the future.'],
    });
  });

  it('refuses an expiry of exactly now', () => {
    expect(messagesOf(createApiKeySchema, { ...base, expiresAt: new Date(NOW) })).toEqual({
      expiresAt: ['The expiry must lie in the future.'],
    });
  });

  it.each(['', 'next tuesday', '2030-13-45'])('asks for a valid date when given %j', (expiresAt) => {
    expect(messagesOf(createApiKeySchema, { ...base, expiresAt })).toEqual({
      expiresAt: ['Enter a valid date.'],
    });
  });

  it('trims the key name and refuses a blank one', () => {
    expect(createApiKeySchema.parse({ ...base, name: '  erp-sync ' }).name).toBe('erp-sync');
    expect(messagesOf(createApiKeySchema, { ...base, name: '' })).toEqual({
      name: ['Name the key after the system that will use it.'],
    });
  });

  it('asks to choose a role for the key', () => {
    expect(messagesOf(createApiKeySchema, { ...base, role: 'ROOT' })).toEqual({ role: ['Choose a role.'] });
  });
});

describe('changePasswordSchema', () => {
  it('accepts both passwords as typed', () => {
    expect(changePasswordSchema.parse({ currentPassword: 'old', newPassword: ' new ' })).toEqual({
      currentPassword: 'old',
      newPassword: ' new ',
    });
  });

  it('asks for the current and the new password', () => {
    expect(messagesOf(changePasswordSchema, { currentPassword: '', newPassword: '' })).toEqual({
      currentPassword: ['Enter your current password.'],
      newPassword: ['Enter a new password.'],
    });
  });
});
