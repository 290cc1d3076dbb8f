import { describe, expect, it } from 'vitest';
import { OWNER_MESSAGES, ownerAnnotationSchema, ownerMessageSchema, ownerSchema } from './owner.js';

describe('ownerSchema', () => {
  it('lower-cases the e-mail and stores empty optional fields as null', () => {
    expect(ownerSchema.parse({ email: ' Olga@Mail.Example ', name: '', phone: ' ' })).toEqual({ email: 'olga@mail.example', name: null, phone: null });
  });

  it('requires a valid e-mail and checks the phone', () => {
    const result = ownerSchema.safeParse({ email: 'nope', phone: 'call me' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(['email', 'phone']);
  });
});

describe('ownerAnnotationSchema', () => {
  it('accepts an empty annotation and limits each field', () => {
    expect(ownerAnnotationSchema.parse({})).toEqual({});
    const result = ownerAnnotationSchema.safeParse({ externalUserId: 'x'.repeat(101), description: 'd'.repeat(2001) });
    expect(result.error?.issues.map((i) => i.message)).toEqual([OWNER_MESSAGES.externalUserId, OWNER_MESSAGES.description]);
  });
});

describe('ownerMessageSchema', () => {
  it('requires a subject and a message', () => {
    expect(ownerMessageSchema.safeParse({ subject: ' ', message: '' }).error?.issues.map((i) => i.message)).toEqual([OWNER_MESSAGES.subject, OWNER_MESSAGES.message]);
  });
});
