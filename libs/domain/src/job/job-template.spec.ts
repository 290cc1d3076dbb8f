import { describe, expect, it } from 'vitest';
import { JOB_TEMPLATE_NAME_MAX, copyName, jobTemplateSchema } from './job-template.js';

describe('copyName', () => {
  it('names the first copy "<name> (copy)"', () => {
    expect(copyName('Install', ['Install'])).toBe('Install (copy)');
  });

  it('counts on past taken copies, case-insensitively', () => {
    expect(copyName('Install', ['Install', 'install (COPY)', 'Install (copy 2)'])).toBe('Install (copy 3)');
  });

  it('cuts a long name so the copy still fits', () => {
    const long = 'x'.repeat(JOB_TEMPLATE_NAME_MAX);
    const copy = copyName(long, [long]);
    expect(copy).toHaveLength(JOB_TEMPLATE_NAME_MAX);
    expect(copy.endsWith(' (copy)')).toBe(true);
  });
});

describe('jobTemplateSchema', () => {
  it('trims the name and clears empty texts', () => {
    const parsed = jobTemplateSchema.parse({ name: '  Basic ', kind: 'INSTALLATION', title: ' ', configuration: {} });
    expect(parsed).toMatchObject({ name: 'Basic', title: null, configuration: { settings: {} } });
  });

  it('refuses an empty or too long name and an unknown kind', () => {
    const result = jobTemplateSchema.safeParse({ name: ' ', kind: 'REPAIR', configuration: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['kind', 'name']);
    expect(jobTemplateSchema.safeParse({ name: 'n'.repeat(121), kind: 'MAINTENANCE', configuration: {} }).success).toBe(false);
  });
});
