import type { ReactNode } from 'react';
import { Card } from 'antd';
import { EmptyState, PageHeader } from '@partner-hub/ui';

export type ComingSoonPageProps = {
  title: string;
  /** One sentence on what the section will do. */
  purpose: ReactNode;
};

/** A section that exists in the menu but is not built yet: says so, shows no invented data. */
export function ComingSoonPage({ title, purpose }: ComingSoonPageProps) {
  return (
    <>
      <PageHeader title={title} subtitle={purpose} />
      <Card>
        <EmptyState
          title={`${title} is coming`}
          text="This section is not built yet. Nothing here is hidden from you: there is simply no data to show until it ships."
        />
      </Card>
    </>
  );
}
