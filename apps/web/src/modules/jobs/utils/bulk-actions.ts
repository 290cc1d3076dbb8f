import { z } from 'zod';
import { calendarDaySchema, jobReasonSchema } from '@partner-hub/domain';
import type { BulkJobAction } from '@partner-hub/domain';
import type { BulkJobActionInput } from '@partner-hub/graphql-client';

/** The bulk actions the jobs list offers (UNASSIGN stays on the job page); REASSIGN gives failed jobs a new attempt. */
export const OFFERED_BULK_ACTIONS = ['ASSIGN', 'REASSIGN', 'RESCHEDULE', 'CANCEL', 'DELETE'] as const satisfies readonly BulkJobAction[];
export type OfferedBulkAction = (typeof OFFERED_BULK_ACTIONS)[number];

export const BULK_ACTION_LABELS: Record<OfferedBulkAction, string> = {
  ASSIGN: 'Assign…',
  REASSIGN: 'Reassign…',
  RESCHEDULE: 'Reschedule…',
  CANCEL: 'Cancel jobs…',
  DELETE: 'Delete…',
};

/** The past participle the confirmation uses: "12 jobs will be cancelled". */
export const BULK_ACTION_DONE: Record<OfferedBulkAction, string> = {
  ASSIGN: 'assigned',
  REASSIGN: 'reassigned',
  RESCHEDULE: 'rescheduled',
  CANCEL: 'cancelled',
  DELETE: 'deleted',
};

export const BULK_MESSAGES = {
  servicePartner: 'Choose the service partner.',
  day: 'Choose the new day.',
  reason: 'Give a reason; it is kept in each job’s history.',
  accessUntil: 'The access window must end in the future.',
} as const;

export type BulkOptionValues = { servicePartnerId: string | null; accessUntil: string | null; scheduledFor: string; reason: string };

export const emptyBulkOptions = (): BulkOptionValues => ({ servicePartnerId: null, accessUntil: null, scheduledFor: '', reason: '' });

/** Whether an action hands the jobs to a service partner (and so asks for one, with an optional access window). */
export function needsServicePartner(action: OfferedBulkAction): boolean {
  return action === 'ASSIGN' || action === 'REASSIGN';
}

/** What each action asks before its confirmation: a service partner (and an optional access window), a day, a reason, or nothing — the day and the reason by libs/domain's rules. */
export function bulkOptionsSchema(action: OfferedBulkAction) {
  return z.object({
    servicePartnerId: needsServicePartner(action) ? z.string({ message: BULK_MESSAGES.servicePartner }).min(1, BULK_MESSAGES.servicePartner) : z.string().nullable(),
    accessUntil: z
      .string()
      .nullable()
      .refine((value) => !value || Date.parse(value) > Date.now(), BULK_MESSAGES.accessUntil),
    scheduledFor: action === 'RESCHEDULE' ? z.string().min(1, BULK_MESSAGES.day).pipe(calendarDaySchema) : z.string(),
    reason: action === 'CANCEL' ? jobReasonSchema(true, BULK_MESSAGES.reason) : z.string(),
  });
}

/** The API input of a bulk action over the selected jobs. */
export function toBulkInput(action: OfferedBulkAction, ids: string[], values: BulkOptionValues): BulkJobActionInput {
  return {
    ids,
    action,
    servicePartnerId: needsServicePartner(action) ? values.servicePartnerId : null,
    accessUntil: needsServicePartner(action) && values.accessUntil ? values.accessUntil : null,
    scheduledFor: action === 'RESCHEDULE' ? values.scheduledFor : null,
    reason: action === 'CANCEL' ? values.reason.trim() : null,
  };
}

/** The refused jobs grouped by reason, largest group first (the confirmation's list). */
export function groupRefusals<J>(refused: { message: string; job: J }[]): { message: string; jobs: J[] }[] {
  const groups = new Map<string, J[]>();
  for (const { message, job } of refused) groups.set(message, [...(groups.get(message) ?? []), job]);
  return [...groups.entries()].map(([message, jobs]) => ({ message, jobs })).sort((a, b) => b.jobs.length - a.jobs.length);
}

const jobs = (n: number) => `${n} ${n === 1 ? 'job' : 'jobs'}`;

/** "12 jobs will be cancelled; 3 will be refused:" — or, when nothing applies, that none can be. */
export function confirmationSentence(action: OfferedBulkAction, applicable: number, refused: number): string {
  const done = BULK_ACTION_DONE[action];
  if (applicable === 0) return `None of the ${jobs(refused)} selected can be ${done}:`;
  return refused === 0 ? `${jobs(applicable)} will be ${done}.` : `${jobs(applicable)} will be ${done}; ${refused} will be refused:`;
}
