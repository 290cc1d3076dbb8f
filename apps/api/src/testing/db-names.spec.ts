import { describe, expect, it } from 'vitest';
import { newRunId, templateName, testDatabaseName, withDatabase } from './db-names.js';

describe('test database names', () => {
  it('ties every test database to the run of its template', () => {
    const template = templateName('0a1b2c3d');
    expect(template).toBe('ph_template_0a1b2c3d');
    expect(testDatabaseName(template)).toMatch(/^ph_test_0a1b2c3d_[0-9a-f]{12}$/);
    expect(testDatabaseName(template)).not.toBe(testDatabaseName(template));
  });

  it('makes run ids that are valid unquoted identifiers', () => {
    expect(newRunId()).toMatch(/^[0-9a-f]{8}$/);
  });

  it('refuses to derive a test database from anything but a template', () => {
    expect(() => testDatabaseName('partner_hub')).toThrow(/Not a test template/);
  });
});

describe('withDatabase', () => {
  it('swaps only the database of a URL', () => {
    expect(withDatabase('postgresql://postgres@127.0.0.1:54329/partner_hub', 'ph_test_x')).toBe(
      'postgresql://postgres@127.0.0.1:54329/ph_test_x',
    );
    expect(withDatabase('postgres://u:p%40ss@db.example:5432/app?sslmode=require', 'other')).toBe(
      'postgres://u:p%40ss@db.example:5432/other?sslmode=require',
    );
    expect(withDatabase('postgresql://postgres@localhost', 'x')).toBe('postgresql://postgres@localhost/x');
  });
});
