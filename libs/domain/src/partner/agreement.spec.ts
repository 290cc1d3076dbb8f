import { describe, expect, it } from 'vitest';
import { AGREEMENT_MESSAGES, agreementFormValues, agreementSchema } from './agreement.js';

const valid = { deposit: '1500.50', currency: 'eur', additionalCurrencies: ['USD'], accountType: 'POSTPAID' };

describe('agreementSchema', () => {
  it('reads the deposit into minor units of the currency', () => {
    expect(agreementSchema.parse(valid)).toEqual({ depositMinor: 150050, currency: 'EUR', additionalCurrencies: ['USD'], accountType: 'POSTPAID' });
    expect(agreementSchema.parse({ ...valid, deposit: '' }).depositMinor).toBe(0);
  });

  it.each([
    [{ deposit: '12.345' }, 'deposit', AGREEMENT_MESSAGES.deposit],
    [{ deposit: '-5' }, 'deposit', AGREEMENT_MESSAGES.depositNegative],
    [{ additionalCurrencies: ['USD', 'USD'] }, 'additionalCurrencies', AGREEMENT_MESSAGES.additionalCurrencies],
    [{ additionalCurrencies: ['EUR'] }, 'additionalCurrencies', AGREEMENT_MESSAGES.additionalCurrencies],
    [{ currency: 'EURO' }, 'currency', 'Enter a currency as its 3-letter ISO code, like EUR or USD.'],
    [{ accountType: 'BARTER' }, 'accountType', 'Choose an account type: prepaid, postpaid or free.'],
  ])('refuses %o on %s', (change, path, message) => {
    const result = agreementSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });

  it('gives form values back', () => {
    expect(agreementFormValues(agreementSchema.parse(valid)).deposit).toBe('1500.50');
  });
});
