import { z } from 'zod';
import { USER_ROLES } from './roles.js';

/**
 * Input rules shared by the API (authoritative) and the web forms (early feedback).
 * Messages are written for the person filling the form.
 */

/** Lower-cases and trims an e-mail address: sign-in and uniqueness ignore case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter an e-mail address.')
  .max(254, 'An e-mail address has at most 254 characters.')
  .email('Enter a valid e-mail address, like name@company.com.')
  .transform(normalizeEmail);

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(120, 'A name has at most 120 characters.');

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.'),
});
export type SignInValues = z.input<typeof signInSchema>;

export const userRoleSchema = z.enum(USER_ROLES, { message: 'Choose a role.' });

/** A new colleague created by an admin (the password is checked against the organization's policy separately). */
export const createUserSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: userRoleSchema,
  password: z.string().min(1, 'Enter an initial password.'),
});
export type CreateUserValues = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  name: personNameSchema,
  role: userRoleSchema,
});
export type UpdateUserValues = z.input<typeof updateUserSchema>;

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the key after the system that will use it.')
  .max(80, 'A key name has at most 80 characters.');

export const createApiKeySchema = z.object({
  name: apiKeyNameSchema,
  role: userRoleSchema,
  /** optional expiry; must lie in the future */
  expiresAt: z.coerce
    .date({ message: 'Enter a valid date.' })
    .refine((d) => d.getTime() > Date.now(), 'The expiry must lie in the future.')
    .nullish(),
});
export type CreateApiKeyValues = z.input<typeof createApiKeySchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.'),
  newPassword: z.string().min(1, 'Enter a new password.'),
});
