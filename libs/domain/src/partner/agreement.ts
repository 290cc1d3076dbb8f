import { z } from 'zod';
import { currencySchema, formatAmount, parseAmount } from '../money/money.js';
import { accountTypeSchema } from './partner-role-schemas.js';

/**
 * A partner's agreement (DESIGN.md §1): deposit, currency, additional currencies and account
 * type. The pricing plan and partner price are set by the pricing feature.
 */
export const AGREEMENT_MESSAGES = {
  deposit: 'Enter the deposit as an amount with at most the currency\'s decimals, like 1500 or 1500.50.',
  depositNegative: 'The deposit cannot be negative.',
  additionalCurrencies: 'List each additional currency once, as 3-letter ISO codes, and not the main currency.',
} as const;

export const agreementSchema = z
  .object({
    /** the deposit as typed, in `currency` */
    deposit: z.string({ message: AGREEMENT_MESSAGES.deposit }),
    currency: currencySchema,
    additionalCurrencies: z.array(currencySchema).max(20, AGREEMENT_MESSAGES.additionalCurrencies),
    accountType: accountTypeSchema,
  })
  .transform((values, ctx) => {
    const depositMinor = parseAmount(values.deposit === '' ? '0' : values.deposit, values.currency);
    if (depositMinor === null) ctx.issues.push({ code: 'custom', path: ['deposit'], message: AGREEMENT_MESSAGES.deposit, input: values.deposit });
    else if (depositMinor < 0) ctx.issues.push({ code: 'custom', path: ['deposit'], message: AGREEMENT_MESSAGES.depositNegative, input: values.deposit });
    const extra = values.additionalCurrencies;
    if (new Set(extra).size !== extra.length || extra.includes(values.currency)) {
      ctx.issues.push({ code: 'custom', path: ['additionalCurrencies'], message: AGREEMENT_MESSAGES.additionalCurrencies, input: extra });
    }
    return { depositMinor: depositMinor ?? 0, currency: values.currency, additionalCurrencies: extra, accountType: values.accountType };
  });

export type AgreementValues = z.input<typeof agreementSchema>;
export type Agreement = z.output<typeof agreementSchema>;

/** The agreement a new partner starts with. */
export const DEFAULT_AGREEMENT: Agreement = { depositMinor: 0, currency: 'EUR', additionalCurrencies: [], accountType: 'PREPAID' };

/** The form values of a stored agreement. */
export function agreementFormValues(agreement: Agreement): AgreementValues {
  return { ...agreement, deposit: formatAmount(agreement.depositMinor, agreement.currency) };
}
