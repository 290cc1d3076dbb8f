import { Button } from 'antd';
import { ErrorResultAlert } from '@partner-hub/ui';
import { describeError } from '../utils/errors';

export type QueryErrorAlertProps = {
  /** What failed, e.g. "Could not load users". */
  title: string;
  error: unknown;
  onRetry?: () => void;
};

/** The error state of a list or page whose query failed, with a retry button. */
export function QueryErrorAlert({ title, error, onRetry }: QueryErrorAlertProps) {
  return (
    <ErrorResultAlert
      title={title}
      error={describeError(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    />
  );
}
