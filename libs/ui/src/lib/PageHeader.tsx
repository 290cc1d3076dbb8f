import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export type PageHeaderProps = {
  title: ReactNode;
  /** A sentence under the title explaining the page. */
  subtitle?: ReactNode;
  /** Actions shown on the right (buttons). */
  extra?: ReactNode;
};

/** The heading of a page: title, optional explanation and actions. */
export function PageHeader({ title, subtitle, extra }: PageHeaderProps) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{subtitle}</Typography.Paragraph> : null}
      </div>
      {extra ? <Flex gap={8}>{extra}</Flex> : null}
    </Flex>
  );
}
