import { z } from 'zod';

/**
 * Vehicle identification numbers (DESIGN.md §1): 17 characters of the VIN alphabet — digits and
 * letters without I, O and Q. North-American VINs (first character 1–5) carry a check digit in
 * position 9; a wrong one is reported as a warning, not an error, because imported fleets hold
 * real vehicles whose VINs were mistyped at the source and must still be recorded.
 */
export const VIN_LENGTH = 17;
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export const VIN_MESSAGES = {
  length: `A VIN has exactly ${VIN_LENGTH} characters.`,
  characters: 'A VIN holds only digits and the letters A–Z except I, O and Q.',
  checkDigit: 'The check digit (9th character) does not match this North-American VIN; check it for a typo.',
} as const;

/** Position values of the VIN alphabet's letters (ISO 3779 / 49 CFR 565 transliteration). */
const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Trims and upper-cases a typed or imported VIN, and drops inner spaces and dashes people add for readability. */
export function normalizeVin(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** The check digit a VIN should carry in position 9 (`0`–`9` or `X`), computed from the other 16 characters. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) {
    const char = vin[i] ?? '0';
    const value = char >= '0' && char <= '9' ? Number(char) : (TRANSLITERATION[char] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Whether the VIN was issued for North America (US, Canada, Mexico), where the check digit is mandatory. */
export function isNorthAmericanVin(vin: string): boolean {
  return vin[0] !== undefined && vin[0] >= '1' && vin[0] <= '5';
}

export interface VinCheck {
  /** the normalized VIN */
  vin: string;
  /** why it is not a VIN, or null */
  error: string | null;
  /** a doubt that does not stop it being recorded (a wrong North-American check digit), or null */
  warning: string | null;
}

/** Checks a VIN as typed or imported: an error when it cannot be a VIN, a warning when only the check digit is off. */
export function checkVin(input: string): VinCheck {
  const vin = normalizeVin(input);
  if (vin.length !== VIN_LENGTH) return { vin, error: VIN_MESSAGES.length, warning: null };
  if (![...vin].every((c) => VIN_ALPHABET.includes(c))) return { vin, error: VIN_MESSAGES.characters, warning: null };
  const warning = isNorthAmericanVin(vin) && vin[8] !== vinCheckDigit(vin) ? VIN_MESSAGES.checkDigit : null;
  return { vin, error: null, warning };
}

/** A VIN field: normalized, then refused unless it is 17 characters of the VIN alphabet (the check digit is not enforced). */
export const vinSchema = z
  .string({ message: VIN_MESSAGES.length })
  .transform(normalizeVin)
  .superRefine((vin, ctx) => {
    const { error } = checkVin(vin);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  });
