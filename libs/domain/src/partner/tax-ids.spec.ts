import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import {
  PARTNER_PROFILE_MESSAGES as M,
  accountingCodeSchema,
  checkAccountingCode,
  checkIin,
  checkKpp,
  checkPhone,
  checkVatPercent,
  iinSchema,
  kppSchema,
  parseVatPercent,
  partnerNameSchema,
  partnerProfileSchema,
  phoneSchema,
  vatPercentSchema,
} from './tax-ids.js';

/** The messages of a failed parse, keyed by the dotted path ('' for the root). */
function messagesOf(schema: ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  const messages: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    (messages[issue.path.join('.')] ??= []).push(issue.message);
  }
  return messages;
}

describe('messages', () => {
  it('are the documented sentences', () => {
    expect(M.iin).toBe('The IIN has 12 digits.');
    expect(M.kpp).toBe('The KPP has 9 digits.');
  });

  it('are all different, so each points at its own field', () => {
    const all = Object.values(M);
    expect(new Set(all).size).toBe(all.length);
  });

  it('are full sentences', () => {
    for (const message of Object.values(M)) expect(message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('iinSchema / checkIin', () => {
  it.each(['830166131860', '058770658948', '000000000000', '999999999999'])('accepts %s', (iin) => {
    expect(iinSchema.parse(iin)).toBe(iin);
    expect(checkIin(iin)).toBeNull();
  });

  it('keeps leading zeros and trims surrounding spaces', () => {
    expect(iinSchema.parse('  058770658948\t')).toBe('058770658948');
  });

  it.each([
    ['11 digits', '83016613186'],
    ['13 digits', '8301661318600'],
    ['a letter', '83016613186A'],
    ['inner spaces', '830 166 131 860'],
    ['a dash', '830166-31860'],
    ['a sign', '+83016613186'],
    ['a decimal point', '83016613.860'],
    ['non-ASCII digits', '٨٣٠١٦٦١٣١٨٦٠'],
    ['nothing', ''],
    ['only spaces', '   '],
  ])('refuses %s with the IIN message only', (_why, iin) => {
    expect(checkIin(iin)).toBe('The IIN has 12 digits.');
    expect(messagesOf(iinSchema, iin)).toEqual({ '': ['The IIN has 12 digits.'] });
  });

  it.each([830166131860, null, undefined, {}])('refuses the non-text %j with the same message', (value) => {
    expect(messagesOf(iinSchema, value)).toEqual({ '': ['The IIN has 12 digits.'] });
  });
});

describe('kppSchema / checkKpp', () => {
  it.each(['913909960', '113114402', '000000000'])('accepts %s', (kpp) => {
    expect(kppSchema.parse(kpp)).toBe(kpp);
    expect(checkKpp(kpp)).toBeNull();
  });

  it('trims surrounding spaces', () => {
    expect(kppSchema.parse(' 013909960 ')).toBe('013909960');
  });

  it.each([
    ['8 digits', '91390996'],
    ['10 digits', '9139099601'],
    ['a letter', '91390996X'],
    ['an inner space', '9139 9960'],
    ['nothing', ''],
    ['an IIN', '830166131860'],
  ])('refuses %s with the KPP message only', (_why, kpp) => {
    expect(checkKpp(kpp)).toBe('The KPP has 9 digits.');
    expect(messagesOf(kppSchema, kpp)).toEqual({ '': ['The KPP has 9 digits.'] });
  });

  it('refuses a number with the same message', () => {
    expect(messagesOf(kppSchema, 913909960)).toEqual({ '': [M.kpp] });
  });
});

describe('parseVatPercent', () => {
  it.each([
    [0, 0],
    [100, 100],
    [19, 19],
    [7.7, 7.7],
    [19.99, 19.99],
    [0.01, 0.01],
    [12.5, 12.5],
    [99.99, 99.99],
  ])('reads the number %s', (input, rate) => {
    expect(parseVatPercent(input)).toBe(rate);
  });

  it.each([
    ['19', 19],
    ['7.7', 7.7],
    ['7,7', 7.7],
    ['0', 0],
    ['100', 100],
    ['100.00', 100],
    ['019', 19],
    [' 12.50 ', 12.5],
    ['0.05', 0.05],
  ])('reads the text %j', (input, rate) => {
    expect(parseVatPercent(input)).toBe(rate);
  });

  it.each([-1, -0.01, 100.01, 101, 7.777, 0.001, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses the number %s',
    (input) => {
      expect(parseVatPercent(input)).toBeNull();
    },
  );

  it.each(['', '   ', '-1', '+19', '100.01', '101', '7.777', '19.', '.5', '1e1', '7.7.7', '7,7,7', '19%', 'abc', '1 9', '0x10', 'Infinity'])(
    'refuses the text %j',
    (input) => {
      expect(parseVatPercent(input)).toBeNull();
    },
  );
});

describe('vatPercentSchema / checkVatPercent', () => {
  it('outputs the rate as a number, from a number or text', () => {
    expect(vatPercentSchema.parse(19)).toBe(19);
    expect(vatPercentSchema.parse('7.7')).toBe(7.7);
    expect(vatPercentSchema.parse('7,7')).toBe(7.7);
  });

  it('passes valid rates', () => {
    expect(checkVatPercent(0)).toBeNull();
    expect(checkVatPercent('100')).toBeNull();
  });

  it.each([101, -1, 7.777, '7.777', 'twenty', '', Number.NaN])('refuses %j with the VAT message only', (input) => {
    expect(checkVatPercent(input)).toBe(M.vatPercent);
    expect(messagesOf(vatPercentSchema, input)).toEqual({ '': [M.vatPercent] });
  });

  it.each([null, undefined, true, {}, [19]])('refuses the non-number %j with the VAT message only', (input) => {
    expect(messagesOf(vatPercentSchema, input)).toEqual({ '': [M.vatPercent] });
  });
});

describe('accountingCodeSchema / checkAccountingCode', () => {
  it('accepts and trims a code', () => {
    expect(accountingCodeSchema.parse('  1C-38977 ')).toBe('1C-38977');
    expect(checkAccountingCode('1C-38977')).toBeNull();
  });

  it('accepts exactly 50 characters, counted after trimming', () => {
    expect(checkAccountingCode('x'.repeat(50))).toBeNull();
    expect(checkAccountingCode(`  ${'x'.repeat(50)}  `)).toBeNull();
  });

  it('accepts an empty code (the profile treats it as not given)', () => {
    expect(accountingCodeSchema.parse('  ')).toBe('');
  });

  it('refuses 51 characters', () => {
    expect(checkAccountingCode('x'.repeat(51))).toBe('An accounting code has at most 50 characters.');
    expect(messagesOf(accountingCodeSchema, 'x'.repeat(51))).toEqual({ '': [M.accountingCode] });
  });

  it('refuses a number with the same message', () => {
    expect(messagesOf(accountingCodeSchema, 38977)).toEqual({ '': [M.accountingCode] });
  });
});

describe('phoneSchema / checkPhone', () => {
  it.each(['+49 30 7135241', '12345', '(030) 123-45-67', '+7 (727) 123-45-67', '1'.repeat(30)])('accepts %j', (phone) => {
    expect(checkPhone(phone)).toBeNull();
    expect(phoneSchema.parse(phone)).toBe(phone);
  });

  it('trims surrounding spaces before counting', () => {
    expect(phoneSchema.parse('  12345  ')).toBe('12345');
  });

  it.each([
    ['4 characters', '1234'],
    ['31 characters', '1'.repeat(31)],
    ['a letter', '+49 30 CALL-ME'],
    ['a slash', '030/1234567'],
    ['a dot', '030.1234567'],
    ['an extension mark', '12345 #12'],
    ['no digit at all', '(+ -)'],
    ['nothing', ''],
  ])('refuses %s with the phone message only', (_why, phone) => {
    expect(checkPhone(phone)).toBe(M.phone);
    expect(messagesOf(phoneSchema, phone)).toEqual({ '': [M.phone] });
  });
});

describe('partnerNameSchema', () => {
  it('trims the name', () => {
    expect(partnerNameSchema.parse('  Warsaw Motors 1 ')).toBe('Warsaw Motors 1');
  });

  it('accepts 200 characters and refuses 201', () => {
    expect(partnerNameSchema.parse('n'.repeat(200))).toHaveLength(200);
    expect(messagesOf(partnerNameSchema, 'n'.repeat(201))).toEqual({ '': [M.nameTooLong] });
  });

  it.each(['', '   ', undefined, null])('asks for a name when given %j', (name) => {
    expect(messagesOf(partnerNameSchema, name)).toEqual({ '': ["Enter the partner's name."] });
  });
});

describe('partnerProfileSchema', () => {
  const FULL = {
    name: '  Warsaw Motors 1 ',
    legalForm: ' GmbH ',
    address: '150 Main Street, Warsaw',
    email: ' Contact@Warsaw-Motors-1.example ',
    phone: '+49 30 7135241',
    region: 'Warsaw',
    iin: '830166131860',
    kpp: '913909960',
    vatPercent: '19',
    accountingCode: ' 1C-38977 ',
  };

  it('accepts and normalizes a full profile', () => {
    expect(partnerProfileSchema.parse(FULL)).toEqual({
      name: 'Warsaw Motors 1',
      legalForm: 'GmbH',
      address: '150 Main Street, Warsaw',
      email: 'contact@warsaw-motors-1.example',
      phone: '+49 30 7135241',
      region: 'Warsaw',
      iin: '830166131860',
      kpp: '913909960',
      vatPercent: 19,
      accountingCode: '1C-38977',
    });
  });

  it('takes the VAT rate as a number too', () => {
    expect(partnerProfileSchema.parse({ ...FULL, vatPercent: 7.7 }).vatPercent).toBe(7.7);
  });

  it('needs only a name', () => {
    expect(partnerProfileSchema.parse({ name: 'Lyon Fleet 2' })).toEqual({ name: 'Lyon Fleet 2' });
  });

  it('treats empty, blank and null optional fields as not given', () => {
    const blank = {
      name: 'Lyon Fleet 2',
      legalForm: '',
      address: '   ',
      email: '',
      phone: null,
      region: ' ',
      iin: '',
      kpp: null,
      vatPercent: '',
      accountingCode: '\t',
    };
    const parsed = partnerProfileSchema.parse(blank);
    expect(parsed).toEqual({ name: 'Lyon Fleet 2' });
    for (const key of Object.keys(blank).filter((k) => k !== 'name')) {
      expect(parsed[key as keyof typeof parsed]).toBeUndefined();
    }
  });

  it('asks for a name when it is missing', () => {
    expect(messagesOf(partnerProfileSchema, {})).toEqual({ name: ["Enter the partner's name."] });
    expect(messagesOf(partnerProfileSchema, { name: ' ' })).toEqual({ name: ["Enter the partner's name."] });
  });

  it.each([
    ['name', 'n'.repeat(201), M.nameTooLong],
    ['legalForm', 'l'.repeat(101), M.legalForm],
    ['address', 'a'.repeat(501), M.address],
    ['email', 'not-an-address', 'Enter a valid e-mail address, like name@company.com.'],
    ['phone', 'call me', M.phone],
    ['region', 'r'.repeat(101), M.region],
    ['iin', '12345', M.iin],
    ['kpp', '12345', M.kpp],
    ['vatPercent', '120', M.vatPercent],
    ['accountingCode', 'c'.repeat(51), M.accountingCode],
  ])('reports a bad %s with its own message under its own name', (field, value, message) => {
    expect(messagesOf(partnerProfileSchema, { ...FULL, [field]: value })).toEqual({ [field]: [message] });
  });

  it('accepts each text field at its maximum length', () => {
    expect(
      partnerProfileSchema.safeParse({
        ...FULL,
        name: 'n'.repeat(200),
        legalForm: 'l'.repeat(100),
        address: 'a'.repeat(500),
        region: 'r'.repeat(100),
        accountingCode: 'c'.repeat(50),
      }).success,
    ).toBe(true);
  });

  it('reports every bad field at once, one message each', () => {
    const messages = messagesOf(partnerProfileSchema, {
      name: '',
      legalForm: 'l'.repeat(101),
      address: 'a'.repeat(501),
      email: 'nope',
      phone: 'x',
      region: 'r'.repeat(101),
      iin: 'x',
      kpp: 'x',
      vatPercent: -5,
      accountingCode: 'c'.repeat(51),
    });
    expect(messages).toEqual({
      name: [M.nameRequired],
      legalForm: [M.legalForm],
      address: [M.address],
      email: ['Enter a valid e-mail address, like name@company.com.'],
      phone: [M.phone],
      region: [M.region],
      iin: [M.iin],
      kpp: [M.kpp],
      vatPercent: [M.vatPercent],
      accountingCode: [M.accountingCode],
    });
  });

  it('refuses wrong types with the field message', () => {
    expect(messagesOf(partnerProfileSchema, { name: 'X', iin: 830166131860, legalForm: 5 })).toEqual({
      iin: [M.iin],
      legalForm: [M.legalForm],
    });
  });

  it('drops unknown keys', () => {
    expect(partnerProfileSchema.parse({ name: 'X', role: 'DEALER' })).toEqual({ name: 'X' });
  });
});
