import { describe, expect, it } from 'vitest';
import { currencySchema, formatAmount, isCurrencyCode, minorDigitsOf, parseAmount } from './money.js';

describe('currencies', () => {
  it('knows ISO 4217 codes and their minor digits', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('KZT')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('XXY')).toBe(false);
    expect(minorDigitsOf('EUR')).toBe(2);
    expect(minorDigitsOf('JPY')).toBe(0);
    expect(minorDigitsOf('KWD')).toBe(3);
  });

  it('normalizes a typed code and refuses unknown ones with a message', () => {
    expect(currencySchema.parse(' chf ')).toBe('CHF');
    const result = currencySchema.safeParse('EURO');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/3-letter ISO code/);
  });
});

describe('parseAmount', () => {
  it.each([
    ['1500', 'EUR', 150000],
    ['1500.5', 'EUR', 150050],
    ['1 500,50', 'EUR', 150050],
    ['0', 'EUR', 0],
    ['-20.01', 'EUR', -2001],
    ['1500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
  ])('reads %s %s as %d minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([['1.234', 'EUR'], ['1.5', 'JPY'], ['abc', 'EUR'], ['', 'EUR'], ['1e5', 'EUR'], ['1.2.3', 'EUR'], ['99999999999999999', 'EUR']])(
    'refuses %s in %s',
    (text, currency) => {
      expect(parseAmount(text, currency)).toBeNull();
    },
  );

  it('round-trips through formatAmount', () => {
    for (const [minor, currency] of [[150050, 'EUR'], [-5, 'EUR'], [1500, 'JPY'], [1234, 'KWD']] as const) {
      expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
    }
    expect(formatAmount(150050, 'EUR')).toBe('1500.50');
  });
});
