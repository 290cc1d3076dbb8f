import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_LIST_COLUMNS, MAX_PREFERENCE_BYTES, checkPreference, readPreference } from './preferences.js';

describe('checkPreference', () => {
  it('accepts a known key with a value of its shape', () => {
    expect(checkPreference('jobs.columns', ['title', 'status'])).toEqual({ ok: true, key: 'jobs.columns', value: ['title', 'status'] });
  });

  it('refuses an unknown key, naming the known ones', () => {
    expect(checkPreference('theme', 'dark')).toEqual({ ok: false, field: 'key', message: 'Unknown preference "theme"; known: jobs.columns.' });
  });

  it('refuses an oversized value before looking at its shape', () => {
    const result = checkPreference('jobs.columns', Array.from({ length: 400 }, () => 'title'));
    expect(result).toMatchObject({ ok: false, field: 'value', message: expect.stringContaining(`at most ${MAX_PREFERENCE_BYTES} bytes`) });
  });

  it('refuses no column, an unknown column and a column twice', () => {
    expect(checkPreference('jobs.columns', [])).toMatchObject({ ok: false, message: 'Keep at least one column.' });
    expect(checkPreference('jobs.columns', ['colour'])).toMatchObject({ ok: false, message: expect.stringContaining('A column is one of title') });
    expect(checkPreference('jobs.columns', ['title', 'title'])).toMatchObject({ ok: false, message: 'Each column may be listed once.' });
  });
});

describe('readPreference', () => {
  it('returns the stored value, or the default when none is stored or it no longer fits', () => {
    expect(readPreference({ 'jobs.columns': ['status'] }, 'jobs.columns', DEFAULT_JOB_LIST_COLUMNS)).toEqual(['status']);
    expect(readPreference({}, 'jobs.columns', DEFAULT_JOB_LIST_COLUMNS)).toBe(DEFAULT_JOB_LIST_COLUMNS);
    expect(readPreference({ 'jobs.columns': ['gone'] }, 'jobs.columns', DEFAULT_JOB_LIST_COLUMNS)).toBe(DEFAULT_JOB_LIST_COLUMNS);
  });
});
