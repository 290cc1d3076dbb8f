import type { ReactNode } from 'react';
import { Alert } from 'antd';

/** The shape every `ErrorResult` of the API shares (and any error with a message). */
export type ErrorLikeResult = {
  message: string;
  code?: string | null;
  field?: string | null;
};

export type ErrorResultAlertProps = {
  /** Nothing is rendered when there is no error. */
  error: ErrorLikeResult | string | null | undefined;
  /** Headline above the message; defaults to the message itself. */
  title?: ReactNode;
  /** Extra content under the message (e.g. a retry button). */
  action?: ReactNode;
  onClose?: () => void;
};

/** A form-level or page-level error: an `ErrorResult` the server returned, or an unexpected failure. */
export function ErrorResultAlert({ error, title, action, onClose }: ErrorResultAlertProps) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? message}
      description={title ? message : undefined}
      action={action}
      closable={onClose ? { onClose } : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
