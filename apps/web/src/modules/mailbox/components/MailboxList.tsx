import { useState } from 'react';
import { Descriptions, Drawer, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@apollo/client/react';
import { MailOutboxDocument } from '@partner-hub/graphql-client';
import type { MailMessageFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState, LinkifiedText } from '@partner-hub/ui';
import { LoadMore } from '../../shared/components/LoadMore';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { formatDateTime } from '../../shared/utils/format';

const PAGE_SIZE = 50;

/** The development outbox: e-mails the API would have sent; click one to read it. */
export function MailboxList() {
  const [openMessage, setOpenMessage] = useState<MailMessageFieldsFragment | null>(null);
  const { data, error, loading, fetchMore, refetch } = useQuery(MailOutboxDocument, {
    variables: { first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.mailOutbox;
  const messages = connection?.edges.map((edge) => edge.node) ?? [];

  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'e-mails');

  const columns: TableColumnsType<MailMessageFieldsFragment> = [
    { title: 'To', dataIndex: 'to', key: 'to' },
    {
      title: 'Subject',
      dataIndex: 'subject',
      key: 'subject',
      render: (value: string, message) => (
        <Typography.Link onClick={() => setOpenMessage(message)}>{value}</Typography.Link>
      ),
    },
    { title: 'Time', dataIndex: 'createdAt', key: 'createdAt', render: (value: string) => formatDateTime(value) },
  ];

  return (
    <>
      {error ? <QueryErrorAlert title="Could not load the mailbox" error={error} onRetry={() => void refetch()} /> : null}
      <Table<MailMessageFieldsFragment>
        rowKey="id"
        columns={columns}
        dataSource={messages}
        loading={loading && !loadingMore}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(message) => ({ onClick: () => setOpenMessage(message), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: error ? (
            <EmptyState title="The mailbox could not be loaded" text="See the error above." />
          ) : (
            <EmptyState
              title="No e-mails yet"
              text="Invitations, password resets and notifications the server sends appear here while no SMTP server is configured."
            />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={messages.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
      <Drawer
        open={openMessage !== null}
        onClose={() => setOpenMessage(null)}
        title={openMessage?.subject}
        size={640}
        destroyOnHidden
      >
        {openMessage ? (
          <>
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="To">{openMessage.to}</Descriptions.Item>
              <Descriptions.Item label="Time">{formatDateTime(openMessage.createdAt)}</Descriptions.Item>
            </Descriptions>
            <LinkifiedText text={openMessage.text} />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
