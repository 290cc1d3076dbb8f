import { z } from 'zod';
import { emailSchema } from '../identity/schemas.js';

/**
 * Tax identifiers and the organization profile of a partner (DESIGN.md §1, Organization), shared
 * by the API (authoritative), the web forms (early feedback) and the partners.csv import (§4).
 * Every field has its own message, written for the person filling the form, and a field never
 * reports more than one problem at a time.
 */

/** The message of each field, so a form or an import report can show it without parsing. */
export const PARTNER_PROFILE_MESSAGES = {
  nameRequired: "Enter the partner's name.",
  nameTooLong: 'A partner name has at most 200 characters.',
  legalForm: 'The legal form is text of at most 100 characters, like GmbH or LLC.',
  address: 'The address is text of at most 500 characters.',
  phone: 'Enter a phone number of 5 to 30 characters: digits, spaces, +, - and parentheses.',
  region: 'The region is text of at most 100 characters.',
  iin: 'The IIN has 12 digits.',
  kpp: 'The KPP has 9 digits.',
  vatPercent: 'The VAT rate is a number from 0 to 100 with at most 2 decimals, like 19 or 7.7.',
  accountingCode: 'An accounting code has at most 50 characters.',
} as const;

const M = PARTNER_PROFILE_MESSAGES;

function allDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (const char of value) {
    if (char < '0' || char > '9') return false;
  }
  return true;
}

/** IIN (individual identification number): exactly 12 digits, leading zeros kept, surrounding spaces trimmed. */
export const iinSchema = z
  .string({ message: M.iin })
  .trim()
  .refine((v) => v.length === 12 && allDigits(v), M.iin);

/** KPP (tax registration reason code): exactly 9 digits, leading zeros kept, surrounding spaces trimmed. */
export const kppSchema = z
  .string({ message: M.kpp })
  .trim()
  .refine((v) => v.length === 9 && allDigits(v), M.kpp);

/** Accounting code ("1C code"), the partner's id in the principal's accounting system: trimmed, at most 50 characters. */
export const accountingCodeSchema = z.string({ message: M.accountingCode }).trim().max(50, M.accountingCode);

const PHONE_CHARACTERS = '0123456789 +-()';

/** Phone number: 5 to 30 characters of digits, spaces, `+`, `-` and parentheses, with at least one digit; trimmed. */
export const phoneSchema = z
  .string({ message: M.phone })
  .trim()
  .refine(
    (v) => v.length >= 5 && v.length <= 30 && [...v].every((c) => PHONE_CHARACTERS.includes(c)) && [...v].some((c) => c >= '0' && c <= '9'),
    M.phone,
  );

/**
 * Reads a VAT rate in percent: a finite number, or text such as `19`, `7.7` or `7,7` (a decimal
 * comma is accepted, as European spreadsheets write it), from 0 to 100 with at most 2 decimals.
 * @returns the rate, or `null` when the value is not such a rate.
 */
export function parseVatPercent(value: number | string): number | null {
  let rate: number;
  if (typeof value === 'number') {
    rate = value;
  } else {
    const text = value.trim().replace(',', '.');
    const [whole = '', decimals, ...rest] = text.split('.');
    if (rest.length > 0 || !allDigits(whole)) return null;
    if (decimals !== undefined && (decimals.length > 2 || !allDigits(decimals))) return null;
    rate = Number(text);
  }
  if (!Number.isFinite(rate) || rate < 0 || rate > 100) return null;
  // at most 2 decimals; toFixed rounds away the binary noise of values such as 7.7 or 19.99
  if (Number(rate.toFixed(2)) !== rate) return null;
  return rate;
}

/** VAT rate in percent (a number, or text read from a form or CSV), from 0 to 100 with at most 2 decimals; outputs the number. */
export const vatPercentSchema = z.union([z.number(), z.string()], { message: M.vatPercent }).transform((value, ctx) => {
  const rate = parseVatPercent(value);
  if (rate === null) {
    ctx.issues.push({ code: 'custom', message: M.vatPercent, input: value });
    return z.NEVER;
  }
  return rate;
});

/** A profile name: required, trimmed, at most 200 characters. */
export const partnerNameSchema = z
  .string({ message: M.nameRequired })
  .trim()
  .min(1, M.nameRequired)
  .max(200, M.nameTooLong);

function optionalTextSchema(max: number, message: string) {
  return z.string({ message }).trim().max(max, message);
}

/**
 * Makes a field optional the way forms and CSV files leave it empty: `undefined`, `null`, `''` and
 * whitespace all mean "not given" and come out as `undefined`; anything else must pass `schema`.
 */
function optional<T extends z.ZodType>(schema: T) {
  return z
    .preprocess<unknown, z.ZodOptional<T>, z.input<T> | null | undefined>(
      (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
      schema.optional(),
    )
    .optional();
}

/**
 * The profile of a partner organization: only the name is required. Empty optional fields come
 * out as `undefined`; text is trimmed, the e-mail address lower-cased, the VAT rate a number.
 */
export const partnerProfileSchema = z.object({
  name: partnerNameSchema,
  legalForm: optional(optionalTextSchema(100, M.legalForm)),
  address: optional(optionalTextSchema(500, M.address)),
  email: optional(emailSchema),
  phone: optional(phoneSchema),
  region: optional(optionalTextSchema(100, M.region)),
  iin: optional(iinSchema),
  kpp: optional(kppSchema),
  vatPercent: optional(vatPercentSchema),
  accountingCode: optional(accountingCodeSchema),
});
/** What a form or import supplies. */
export type PartnerProfileValues = z.input<typeof partnerProfileSchema>;
/** The checked, normalized profile. */
export type PartnerProfile = z.output<typeof partnerProfileSchema>;

/** The first message `schema` reports for `value`, or `null` when it passes. */
function firstMessage(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

/** Checks an IIN. @returns `null` when valid, else the message for the person who entered it. */
export function checkIin(value: string): string | null {
  return firstMessage(iinSchema, value);
}

/** Checks a KPP. @returns `null` when valid, else the message for the person who entered it. */
export function checkKpp(value: string): string | null {
  return firstMessage(kppSchema, value);
}

/** Checks a VAT rate in percent (number or text). @returns `null` when valid, else the message. */
export function checkVatPercent(value: number | string): string | null {
  return firstMessage(vatPercentSchema, value);
}

/** Checks an accounting code. @returns `null` when valid, else the message. */
export function checkAccountingCode(value: string): string | null {
  return firstMessage(accountingCodeSchema, value);
}

/** Checks a phone number. @returns `null` when valid, else the message. */
export function checkPhone(value: string): string | null {
  return firstMessage(phoneSchema, value);
}
