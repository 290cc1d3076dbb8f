import { z } from 'zod';

/**
 * Partner IDs (DESIGN.md §1): short, human-friendly codes, unique per principal, used to refer to
 * a partner in CSV files, on the phone and in e-mails — e.g. `VEZ9A`.
 *
 * Two rules apply:
 * - **generated** codes use only {@link PARTNER_CODE_ALPHABET}, which leaves out characters that
 *   are easily misread or misheard, so a code read aloud or typed from paper arrives intact;
 * - **imported** codes (the `partner_id` column of partners.csv) keep whatever the principal's
 *   previous system used, as long as they are 5 characters of A–Z and 0–9
 *   (see {@link isAcceptablePartnerCode}).
 */

/** Length of every Partner ID. */
export const PARTNER_CODE_LENGTH = 5;

/**
 * The 30 characters generated Partner IDs are made of: the digits 2–9 and the letters A–Z
 * without I, L, O and U — exactly `23456789ABCDEFGHJKMNPQRSTVWXYZ`.
 * Left out: 0 and O (look alike), 1, I and L (look alike), and U (misread as V, and leaving it
 * out avoids the commonest accidental words). 30⁵ ≈ 24.3 million codes per principal.
 */
export const PARTNER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** How many random codes {@link generateUniquePartnerCode} tries before giving up. */
export const PARTNER_CODE_MAX_ATTEMPTS = 100;

const ACCEPTABLE_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function consistsOf(code: string, characters: string): boolean {
  if (code.length !== PARTNER_CODE_LENGTH) return false;
  for (const char of code) {
    if (!characters.includes(char)) return false;
  }
  return true;
}

/**
 * Trims and upper-cases what a person typed or a file contained, so ` vez9a ` finds `VEZ9A`.
 * Apply it before {@link isValidPartnerCode} or {@link isAcceptablePartnerCode}, which are strict.
 */
export function normalizePartnerCode(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * Whether `code` is a Partner ID as this system generates it: exactly 5 characters of
 * {@link PARTNER_CODE_ALPHABET}, upper-case, no surrounding spaces.
 */
export function isValidPartnerCode(code: string): boolean {
  return consistsOf(code, PARTNER_CODE_ALPHABET);
}

/**
 * Whether `code` may be used as an imported Partner ID: exactly 5 characters of A–Z and 0–9,
 * upper-case, no surrounding spaces. Looser than {@link isValidPartnerCode}: codes brought over
 * from another system (`U2YB7`, `L53X4`) are kept as they are.
 */
export function isAcceptablePartnerCode(code: string): boolean {
  return consistsOf(code, ACCEPTABLE_CHARACTERS);
}

/**
 * A Partner ID typed in a form or read from a CSV file: normalized with
 * {@link normalizePartnerCode}, then checked with {@link isAcceptablePartnerCode}.
 */
export const partnerCodeSchema = z
  .string({ message: 'A Partner ID has 5 letters or digits, like VEZ9A.' })
  .transform(normalizePartnerCode)
  .refine(isAcceptablePartnerCode, 'A Partner ID has 5 letters or digits, like VEZ9A.');

/**
 * A random Partner ID of 5 characters of {@link PARTNER_CODE_ALPHABET}. Not a secret — a
 * Partner ID grants nothing — so `Math.random` is the default source.
 * @param random returns a number in [0, 1), like `Math.random`; pass a seeded one in tests.
 * @throws RangeError when `random` returns anything outside [0, 1).
 */
export function generatePartnerCode(random: () => number = Math.random): string {
  let code = '';
  for (let i = 0; i < PARTNER_CODE_LENGTH; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`The random source returned ${r}; it must return a number in [0, 1).`);
    code += PARTNER_CODE_ALPHABET[Math.floor(r * PARTNER_CODE_ALPHABET.length)];
  }
  return code;
}

/**
 * A random Partner ID that `taken` does not report as in use (typically: already used by a
 * partner of the same principal, or by an earlier row of the file being imported).
 * @param taken whether a code is already in use.
 * @param random as for {@link generatePartnerCode}.
 * @param maxAttempts how many codes to try, {@link PARTNER_CODE_MAX_ATTEMPTS} by default.
 * @throws Error when every attempt hit a code in use — with 24 million codes that means the
 *   principal's code space is nearly full or `random` is not random.
 */
export function generateUniquePartnerCode(
  taken: (code: string) => boolean,
  random: () => number = Math.random,
  maxAttempts: number = PARTNER_CODE_MAX_ATTEMPTS,
): string {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const code = generatePartnerCode(random);
    if (!taken(code)) return code;
  }
  throw new Error(
    `Could not find a free Partner ID in ${maxAttempts} attempts: the Partner IDs of this principal are nearly used up, or the random source repeats itself.`,
  );
}
