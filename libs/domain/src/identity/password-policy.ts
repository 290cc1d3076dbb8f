/** Password policies a partner can require of its users (DESIGN.md §1, settings). */
export const PASSWORD_POLICIES = ['SIMPLE', 'COMPLEX'] as const;
export type PasswordPolicy = (typeof PASSWORD_POLICIES)[number];

export const PASSWORD_MAX_LENGTH = 200;

interface Rule {
  test: (password: string) => boolean;
  message: string;
}

const SIMPLE_RULES: Rule[] = [
  { test: (p) => p.length >= 8, message: 'at least 8 characters' },
  { test: (p) => p.length <= PASSWORD_MAX_LENGTH, message: `at most ${PASSWORD_MAX_LENGTH} characters` },
];

const COMPLEX_RULES: Rule[] = [
  { test: (p) => p.length >= 12, message: 'at least 12 characters' },
  { test: (p) => p.length <= PASSWORD_MAX_LENGTH, message: `at most ${PASSWORD_MAX_LENGTH} characters` },
  { test: (p) => /[a-z]/.test(p), message: 'a lowercase letter' },
  { test: (p) => /[A-Z]/.test(p), message: 'an uppercase letter' },
  { test: (p) => /\d/.test(p), message: 'a digit' },
  { test: (p) => /[^A-Za-z0-9]/.test(p), message: 'a symbol' },
];

/**
 * Checks a password against a policy.
 * @returns `null` when it passes, else one sentence naming everything that is missing.
 */
export function checkPassword(password: string, policy: PasswordPolicy): string | null {
  const rules = policy === 'COMPLEX' ? COMPLEX_RULES : SIMPLE_RULES;
  const missing = rules.filter((rule) => !rule.test(password)).map((rule) => rule.message);
  return missing.length === 0 ? null : `The password needs ${missing.join(', ')}.`;
}
