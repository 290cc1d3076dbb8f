import { describe, expect, it } from 'vitest';
import { JOB_ACTORS, JOB_STATUSES } from './job-lifecycle.js';
import { configurationOverrideState } from './job-override.js';

describe('configurationOverrideState', () => {
  it('allows only the running technician and the partner admin, on a running job, when the partner allows overrides', () => {
    const allowed = JOB_STATUSES.flatMap((status) =>
      JOB_ACTORS.flatMap((actor) => [true, false].filter((allows) => configurationOverrideState(status, actor, allows) === 'ALLOWED').map((allows) => `${status}/${actor}/${allows}`)),
    );
    expect(allowed.sort()).toEqual(['RUNNING/PARTNER_ADMIN/true', 'RUNNING/RUNNING_TECHNICIAN/true']);
  });

  it('tells the service partner’s people that their organization may not override, whatever the status', () => {
    for (const status of JOB_STATUSES) {
      for (const actor of ['PARTNER_ADMIN', 'TECHNICIAN', 'RUNNING_TECHNICIAN'] as const) {
        expect(configurationOverrideState(status, actor, false)).toBe('PARTNER_DISALLOWS');
      }
    }
  });

  it('says the job is not running to a partner that may override, and not yours to everyone else', () => {
    expect(configurationOverrideState('ASSIGNED', 'TECHNICIAN', true)).toBe('NOT_RUNNING');
    expect(configurationOverrideState('RUNNING', 'TECHNICIAN', true)).toBe('NOT_YOURS');
    expect(configurationOverrideState('RUNNING', 'PRINCIPAL', true)).toBe('NOT_YOURS');
    expect(configurationOverrideState('RUNNING', 'OTHER', false)).toBe('NOT_YOURS');
  });

  it('refuses the running technician once the access window closed', () => {
    expect(configurationOverrideState('RUNNING', 'RUNNING_TECHNICIAN', true, false)).toBe('ACCESS_ENDED');
  });
});
