import { z } from 'zod';

/**
 * Money is integer minor units plus an ISO 4217 currency code (CONVENTIONS.md "Data"). Parsing
 * and formatting of amounts live here so the API, the CSV imports and the web forms agree.
 */

/** Minor-unit digits per currency, as ISO 4217 defines them (JPY 0, EUR 2, KWD 3, …). */
export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code this runtime knows (upper case, e.g. `EUR`). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);
}

export const CURRENCY_MESSAGE = 'Enter a currency as its 3-letter ISO code, like EUR or USD.';

/** A currency code: trimmed, upper-cased, must be a known ISO 4217 code. */
export const currencySchema = z
  .string({ message: CURRENCY_MESSAGE })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCurrencyCode, CURRENCY_MESSAGE);

/**
 * Reads an amount such as `1500`, `1500.50` or `1 500,50` in `currency` into minor units.
 * @returns the integer minor units, or `null` when the text is not an amount with at most the
 * currency's decimals (rounding money silently would change what the user typed).
 */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[\s_]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = minorDigitsOf(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign === '-' ? -minor : minor;
}

/** Minor units as a plain decimal string (`150050`, EUR → `1500.50`), for forms and CSV. */
export function formatAmount(minor: number, currency: string): string {
  const digits = minorDigitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}
