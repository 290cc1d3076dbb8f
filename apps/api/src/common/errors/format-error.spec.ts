import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { createFormatError } from './format-error.js';
import { ValidationFailed } from './app-errors.js';

const formatError = createFormatError(pino({ level: 'silent' }));

describe('formatError', () => {
  it('hides an unexpected error (a database message, say) behind a bland INTERNAL_SERVER_ERROR', () => {
    const original = new Error('duplicate key value violates unique constraint "app_user_email_unique"');
    const error = new GraphQLError(original.message, { originalError: original, path: ['createUser'] });
    const formatted = formatError(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(formatted)).not.toMatch(/duplicate|constraint|app_user/);
    expect(formatted.path).toEqual(['createUser']);
  });

  it('keeps the message and code of client errors, without a stack trace', () => {
    const error = new GraphQLError('Your role does not allow this.', { extensions: { code: 'FORBIDDEN', stacktrace: ['at x'] } });
    const formatted = formatError(error.toJSON(), error);
    expect(formatted).toMatchObject({ message: 'Your role does not allow this.', extensions: { code: 'FORBIDDEN' } });
    expect(formatted.extensions).not.toHaveProperty('stacktrace');
  });

  it('answers a domain error of a nested field (no error mapping runs there) as BAD_USER_INPUT with its reason and field', () => {
    const original = ValidationFailed.of('first', 'A page holds 1 to 200 entries.');
    const error = new GraphQLError(original.message, { originalError: original, path: ['partner', 'history'] });
    expect(formatError(error.toJSON(), error)).toEqual({
      message: 'A page holds 1 to 200 entries.',
      path: ['partner', 'history'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', field: 'first' },
    });
  });
});
