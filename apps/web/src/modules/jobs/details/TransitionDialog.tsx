import { Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import { JOB_FIELD_MESSAGES, JOB_TRANSITIONS, jobReasonSchema } from '@partner-hub/domain';
import type { JobAction } from '@partner-hub/domain';
import { TransitionJobDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { ServicePartnerSelect } from '../components/ServicePartnerSelect';
import { JOB_ACTION_LABELS, isDangerousJobAction } from '../utils/job-wording';

/**
 * Refreshes the jobs lists once a job changed; after a refusal (someone else changed the job first)
 * the job page too, so it shows what the job is now and the actions left.
 */
export function refetchJobsOnTransition(result: { data?: { transitionJob: { __typename: string } } | null }): string[] {
  const outcome = result.data?.transitionJob.__typename;
  if (outcome === 'JobSuccess') return ['Jobs'];
  return outcome ? ['JobDetails', 'Jobs'] : [];
}

/** Each dialog's question; the confirm button keeps the action's label. */
const DIALOG_TITLES: Partial<Record<JobAction, string>> = {
  ASSIGN: 'Assign this job',
  REASSIGN: 'Reassign this job',
  DECLINE: 'Decline this job?',
  FAIL: 'Mark this job as failed?',
  CANCEL: 'Cancel this job?',
};

/** Messages of the transition dialog (the reason's are libs/domain's, the API's own). */
export const TRANSITION_MESSAGES = {
  reason: JOB_FIELD_MESSAGES.reasonRequired,
  servicePartner: 'Choose the service partner.',
} as const;

/** What the dialog asks for each action that needs more than a click. */
const REASON_LABELS: Partial<Record<JobAction, string>> = {
  DECLINE: 'Why does your organization decline this job?',
  FAIL: 'What went wrong?',
  CANCEL: 'Why is the job cancelled?',
};

type TransitionValues = { reason: string; servicePartnerId: string | null };

/** The rules of one action's dialog: a reason where the lifecycle needs one (libs/domain's rule), a service partner for (re)assigning. */
export function transitionSchema(action: JobAction) {
  const { needsReason, needsPartner } = JOB_TRANSITIONS[action];
  return z.object({
    reason: needsReason ? jobReasonSchema(true) : z.string(),
    servicePartnerId: needsPartner
      ? z.string({ message: TRANSITION_MESSAGES.servicePartner }).min(1, TRANSITION_MESSAGES.servicePartner)
      : z.string().nullable(),
  });
}

/** Whether an action needs a dialog (a reason or a service partner) rather than one click. */
export function needsDialog(action: JobAction): boolean {
  return JOB_TRANSITIONS[action].needsReason || JOB_TRANSITIONS[action].needsPartner;
}

export type TransitionDialogProps = {
  jobId: string;
  /** the action being taken; null closes the dialog */
  action: JobAction | null;
  onClose: () => void;
};

/**
 * Asks for what an action needs — the required reason to decline, fail or cancel; the service
 * partner to assign or reassign — and takes it. The API's refusal (InvalidTransitionError, a
 * field error) is shown in the dialog; the job page updates from the result.
 */
export function TransitionDialog({ jobId, action, onClose }: TransitionDialogProps) {
  if (!action) return null;
  return <TransitionForm key={action} jobId={jobId} action={action} onClose={onClose} />;
}

function TransitionForm({ jobId, action, onClose }: { jobId: string; action: JobAction; onClose: () => void }) {
  const [transitionJob] = useMutation(TransitionJobDocument, { refetchQueries: refetchJobsOnTransition });
  const { needsReason, needsPartner } = JOB_TRANSITIONS[action];
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<TransitionValues>({
    resolver: zodResolver(transitionSchema(action)) as Resolver<TransitionValues>,
    defaultValues: { reason: '', servicePartnerId: null },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['reason', 'servicePartnerId'] });

  const handleConfirm = handleSubmit((values) => {
    const input = {
      id: jobId,
      action,
      ...(needsReason ? { reason: values.reason.trim() } : {}),
      ...(needsPartner ? { servicePartnerId: values.servicePartnerId } : {}),
    };
    return submit('JobSuccess', async () => (await transitionJob({ variables: { input } })).data?.transitionJob, { onSuccess: onClose });
  });

  return (
    <Modal
      open
      title={DIALOG_TITLES[action] ?? JOB_ACTION_LABELS[action]}
      okText={JOB_ACTION_LABELS[action]}
      // "Cancel" beside "Cancel job" would read as the same thing twice
      cancelText={action === 'CANCEL' ? 'Keep job' : 'Back'}
      okButtonProps={{ danger: isDangerousJobAction(action) }}
      onOk={() => void handleConfirm()}
      onCancel={onClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleConfirm()} aria-label={DIALOG_TITLES[action] ?? JOB_ACTION_LABELS[action]}>
        <ErrorResultAlert error={formError} />
        {needsPartner ? (
          <FormField
            control={control}
            name="servicePartnerId"
            label="Service partner"
            id="transition-partner"
            render={(field, aria) => (
              <ServicePartnerSelect {...aria} acceptedOnly ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} style={{ width: '100%' }} />
            )}
          />
        ) : null}
        {needsReason ? (
          <FormField
            control={control}
            name="reason"
            label={REASON_LABELS[action] ?? 'Reason'}
            id="transition-reason"
            render={(field, aria) => (
              <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={3} autoFocus />
            )}
          />
        ) : null}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
