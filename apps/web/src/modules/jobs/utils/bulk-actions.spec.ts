import { describe, expect, it } from 'vitest';
import { BULK_ACTION_LABELS, OFFERED_BULK_ACTIONS, bulkOptionsSchema, confirmationSentence, emptyBulkOptions, groupRefusals, toBulkInput } from './bulk-actions';

describe('bulk actions', () => {
  it('says how many jobs change and how many are refused', () => {
    expect(confirmationSentence('CANCEL', 12, 3)).toBe('12 jobs will be cancelled; 3 will be refused:');
    expect(confirmationSentence('DELETE', 1, 0)).toBe('1 job will be deleted.');
    expect(confirmationSentence('RESCHEDULE', 0, 2)).toBe('None of the 2 jobs selected can be rescheduled:');
  });

  it('groups refusals by reason, the largest group first', () => {
    const groups = groupRefusals([
      { message: 'A running job cannot be cancelled.', job: 'a' },
      { message: 'A succeeded job cannot be cancelled.', job: 'b' },
      { message: 'A succeeded job cannot be cancelled.', job: 'c' },
    ]);
    expect(groups).toEqual([
      { message: 'A succeeded job cannot be cancelled.', jobs: ['b', 'c'] },
      { message: 'A running job cannot be cancelled.', jobs: ['a'] },
    ]);
  });

  it('asks each action for what it needs and sends only that', () => {
    const empty = { servicePartnerId: null, accessUntil: null, scheduledFor: '', reason: ' ' };
    expect(bulkOptionsSchema('CANCEL').safeParse(empty).error?.issues[0]?.message).toBe('Give a reason; it is kept in each job’s history.');
    expect(bulkOptionsSchema('ASSIGN').safeParse(empty).error?.issues[0]?.message).toBe('Choose the service partner.');
    expect(bulkOptionsSchema('RESCHEDULE').safeParse(empty).error?.issues[0]?.message).toBe('Choose the new day.');
    expect(bulkOptionsSchema('DELETE').safeParse(empty).success).toBe(true);
    expect(toBulkInput('RESCHEDULE', ['j1'], { ...empty, scheduledFor: '2027-01-02', reason: 'x' })).toEqual({
      ids: ['j1'], action: 'RESCHEDULE', servicePartnerId: null, accessUntil: null, scheduledFor: '2027-01-02', reason: null,
    });
  });
});

describe('bulk Reassign', () => {
  it('is offered next to Assign, asks for the service partner and sends it with the access window', () => {
    expect(OFFERED_BULK_ACTIONS).toContain('REASSIGN');
    expect(BULK_ACTION_LABELS.REASSIGN).toBe('Reassign…');
    expect(bulkOptionsSchema('REASSIGN').safeParse(emptyBulkOptions()).error?.issues[0]?.message).toBe('Choose the service partner.');
    const values = { ...emptyBulkOptions(), servicePartnerId: 'sp-1', accessUntil: '2030-01-01T00:00:00.000Z' };
    expect(toBulkInput('REASSIGN', ['j1'], values)).toEqual({ ids: ['j1'], action: 'REASSIGN', servicePartnerId: 'sp-1', accessUntil: '2030-01-01T00:00:00.000Z', scheduledFor: null, reason: null });
    expect(confirmationSentence('REASSIGN', 2, 1)).toBe('2 jobs will be reassigned; 1 will be refused:');
  });
});
