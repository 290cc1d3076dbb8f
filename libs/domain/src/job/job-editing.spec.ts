import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from './job-lifecycle.js';
import { deleteRefusal, editRefusal, rescheduleRefusal } from './job-editing.js';

describe('editing, rescheduling and deleting by status', () => {
  it.each(JOB_STATUSES)('%s', (status) => {
    const open = status === 'PENDING' || status === 'ASSIGNED';
    expect(editRefusal(status)).toBe(open ? null : `A ${status.toLowerCase()} job cannot be edited.`);
    expect(rescheduleRefusal(status)).toBe(open ? null : `A ${status.toLowerCase()} job cannot be rescheduled.`);
    expect(deleteRefusal(status)).toBe(status === 'RUNNING' ? 'A running job cannot be deleted; let the technician finish or fail it first.' : null);
  });
});
