import { Result } from 'antd';
import { useQuery } from '@apollo/client/react';
import { AppInfoDocument } from '@partner-hub/graphql-client';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../modules/auth/hooks/viewer-context';
import { MailboxList } from '../modules/mailbox/components/MailboxList';

/** /mailbox: the development outbox (only while no SMTP server is configured; admins only). */
export function MailboxPage() {
  const canRead = useCan('mailbox:read');
  const { data } = useQuery(AppInfoDocument, { fetchPolicy: 'cache-first' });
  const enabled = data?.appInfo.mailOutboxEnabled;

  if (!canRead) {
    return <Result status="403" title="No access" subTitle="Only administrators can read the development mailbox." />;
  }
  if (enabled === false) {
    return (
      <Result
        status="info"
        title="The mailbox is off"
        subTitle="This server sends e-mail through SMTP, so there is no development outbox to show."
      />
    );
  }
  return (
    <>
      <PageHeader
        title="Mailbox"
        subtitle="E-mails the server would have sent. Shown because no SMTP server is configured (development)."
      />
      <MailboxList />
    </>
  );
}
