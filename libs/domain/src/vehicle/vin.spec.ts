import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { VIN_MESSAGES, checkVin, isNorthAmericanVin, normalizeVin, vinCheckDigit, vinSchema } from './vin.js';

describe('vinCheckDigit', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X'], // the worked example of 49 CFR 565
    ['11111111111111111', '1'],
    ['1FT4LDF18TE934072', '8'],
    ['5YJ97S5G6SG786843', '6'],
  ])('computes the check digit of %s as %s', (vin, digit) => {
    expect(vinCheckDigit(vin)).toBe(digit);
  });
});

describe('checkVin', () => {
  it('accepts a valid VIN, normalizing case, spaces and dashes', () => {
    expect(checkVin(' 1m8gdm9a-xkp 042788 ')).toEqual({ vin: '1M8GDM9AXKP042788', error: null, warning: null });
  });

  it.each([
    ['1M8GDM9AXKP04278', VIN_MESSAGES.length],
    ['1M8GDM9AXKP0427888', VIN_MESSAGES.length],
    ['', VIN_MESSAGES.length],
    ['1M8GDM9AXKP04278O', VIN_MESSAGES.characters],
    ['1M8GDM9AXKP04278I', VIN_MESSAGES.characters],
    ['1M8GDM9AXKP04278Q', VIN_MESSAGES.characters],
    ['1M8GDM9AXKP04278_', VIN_MESSAGES.characters],
  ])('refuses %s: %s', (vin, message) => {
    expect(checkVin(vin).error).toBe(message);
  });

  it('only warns about a wrong check digit, and only for North-American VINs', () => {
    expect(checkVin('1M8GDM9A1KP042788')).toMatchObject({ error: null, warning: VIN_MESSAGES.checkDigit });
    // a European VIN has no mandatory check digit
    expect(checkVin('WVWZZZ1JZ3W386752')).toMatchObject({ error: null, warning: null });
    expect(isNorthAmericanVin('WVWZZZ1JZ3W386752')).toBe(false);
    expect(isNorthAmericanVin('5YJ97S5G6SG786843')).toBe(true);
  });

  it('gives the schema the same rules', () => {
    expect(vinSchema.parse('jhm3ujcs5lc402344')).toBe('JHM3UJCS5LC402344');
    expect(vinSchema.safeParse('JHM3UJCS5LC40234O').error?.issues[0]?.message).toBe(VIN_MESSAGES.characters);
    expect(normalizeVin(' ab-c ')).toBe('ABC');
  });
});

describe('the sample vehicles.csv', () => {
  const file = fileURLToPath(new URL('../../../../../shared/data/vehicles.csv', import.meta.url));
  if (!existsSync(file)) console.warn(`⚠ SAMPLE VIN TESTS SKIPPED: ${file} not found`); // eslint-disable-line no-console -- a skipped suite says so loudly
  it.skipIf(!existsSync(file))('holds only VINs that pass without warnings', () => {
    const rows = parse(readFileSync(file), { columns: true, bom: true }) as { vin: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(checkVin(row.vin), row.vin).toEqual({ vin: row.vin, error: null, warning: null });
  });
});
