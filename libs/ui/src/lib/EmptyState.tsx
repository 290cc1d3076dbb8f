import type { ReactNode } from 'react';
import { Empty, Typography } from 'antd';

export type EmptyStateProps = {
  /** One line saying what is (not) here. */
  title: ReactNode;
  /** What the user can expect or do next. */
  text?: ReactNode;
  /** Optional illustration; antd's simple empty image by default. */
  image?: ReactNode;
  /** Optional call to action (a button or link). */
  action?: ReactNode;
};

/** An honest "nothing here (yet)" state for pages and lists. */
export function EmptyState({ title, text, image, action }: EmptyStateProps) {
  return (
    <Empty
      image={image ?? Empty.PRESENTED_IMAGE_SIMPLE}
      styles={{ root: { padding: '32px 16px' } }}
      description={
        <div role="status">
          <Typography.Title level={5} style={{ marginBottom: 4 }}>
            {title}
          </Typography.Title>
          {text ? <Typography.Text type="secondary">{text}</Typography.Text> : null}
        </div>
      }
    >
      {action}
    </Empty>
  );
}
