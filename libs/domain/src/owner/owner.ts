import { z } from 'zod';
import { emailSchema } from '../identity/schemas.js';
import { phoneSchema } from '../partner/tax-ids.js';

/**
 * Owners (DESIGN.md §1): the people who own or use a principal's vehicles, and the principal's
 * private annotation on each — shared by the API (authoritative) and the web forms.
 */

/** How an owner relates to a vehicle. */
export const OWNER_ACCESS_KINDS = ['OWNER', 'USER'] as const;
export type OwnerAccessKind = (typeof OWNER_ACCESS_KINDS)[number];

export const OWNER_MESSAGES = {
  name: 'A name has at most 120 characters.',
  externalUserId: "The principal's user id has at most 100 characters.",
  displayName: 'A display name has at most 120 characters.',
  description: 'A description has at most 2,000 characters.',
  subject: 'Enter a subject of at most 200 characters.',
  message: 'Enter a message of at most 10,000 characters.',
} as const;

const M = OWNER_MESSAGES;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

/** An owner's basic data: the e-mail identifies the owner within a principal (imports find owners by it). */
export const ownerSchema = z.object({
  email: emailSchema,
  name: optional(z.string({ message: M.name }).trim().max(120, M.name)),
  phone: optional(phoneSchema),
});
export type OwnerFields = z.output<typeof ownerSchema>;

/** The principal's private annotation on an owner: its own user id for the person, a display name, a description. */
export const ownerAnnotationSchema = z.object({
  externalUserId: optional(z.string({ message: M.externalUserId }).trim().max(100, M.externalUserId)),
  displayName: optional(z.string({ message: M.displayName }).trim().max(120, M.displayName)),
  description: optional(z.string({ message: M.description }).trim().max(2000, M.description)),
});
export type OwnerAnnotationFields = z.output<typeof ownerAnnotationSchema>;

/** A message to an owner, sent through the mailer. */
export const ownerMessageSchema = z.object({
  subject: z.string({ message: M.subject }).trim().min(1, M.subject).max(200, M.subject),
  message: z.string({ message: M.message }).trim().min(1, M.message).max(10_000, M.message),
});
