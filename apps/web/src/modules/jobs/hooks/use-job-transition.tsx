import { useState } from 'react';
import type { ReactNode } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import type { JobAction } from '@partner-hub/domain';
import { TransitionJobDocument } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { TransitionDialog, needsDialog, refetchJobsOnTransition } from '../details/TransitionDialog';

export type JobTransition = {
  /** takes the action: at once, or through the dialog when it needs a reason or a service partner */
  take: (action: JobAction) => Promise<void>;
  /** a one-click action is on its way */
  acting: boolean;
  /** the dialog of the action being taken (render it once) */
  dialog: ReactNode;
};

/**
 * Taking one of a job's `availableActions` — the same on the job page and in the jobs list's row
 * menu. The API decides regardless: its refusal (another change came first) goes to `onRefused`.
 */
export function useJobTransition(jobId: string, onRefused: (message: string) => void): JobTransition {
  const client = useApolloClient();
  const [transitionJob, { loading }] = useMutation(TransitionJobDocument, { refetchQueries: refetchJobsOnTransition });
  const [open, setOpen] = useState<JobAction | null>(null);

  const take = async (action: JobAction) => {
    if (needsDialog(action)) {
      setOpen(action);
      return;
    }
    try {
      const { data } = await transitionJob({ variables: { input: { id: jobId, action } } });
      const outcome = data?.transitionJob;
      if (outcome && outcome.__typename !== 'JobSuccess') onRefused(outcome.message);
    } catch (failure) {
      onRefused(describeError(failure));
      // refused outright (e.g. the role changed): show the job as the server has it now
      void client.refetchQueries({ include: ['JobDetails', 'Jobs'] });
    }
  };

  return { take, acting: loading && !open, dialog: <TransitionDialog jobId={jobId} action={open} onClose={() => setOpen(null)} /> };
}
