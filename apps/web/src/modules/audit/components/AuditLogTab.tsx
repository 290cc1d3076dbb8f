import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useSubscription } from '@apollo/client/react';
import { AuditEventsDocument, OnAuditEventRecordedDocument } from '@partner-hub/graphql-client';
import type { AuditEventFieldsFragment, AuditEventFilter } from '@partner-hub/graphql-client';
import { CopyableId, EmptyState } from '@partner-hub/ui';
import { LoadMore } from '../../shared/components/LoadMore';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { describeError } from '../../shared/utils/errors';
import { formatDateTime } from '../../shared/utils/format';
import { matchesAuditFilter } from '../utils/match-filter';

const PAGE_SIZE = 50;

type FilterDraft = {
  action: string;
  objectType: string;
  objectId: string;
  range: [Dayjs | null, Dayjs | null] | null;
};

const EMPTY_DRAFT: FilterDraft = { action: '', objectType: '', objectId: '', range: null };

function toFilter(draft: FilterDraft): AuditEventFilter {
  const [from, to] = draft.range ?? [null, null];
  return {
    ...(draft.action.trim() ? { action: draft.action.trim() } : {}),
    ...(draft.objectType.trim() ? { objectType: draft.objectType.trim() } : {}),
    ...(draft.objectId.trim() ? { objectId: draft.objectId.trim() } : {}),
    ...(from ? { from: from.startOf('day').toISOString() } : {}),
    ...(to ? { to: to.endOf('day').toISOString() } : {}),
  };
}

/** Settings → Audit log: who changed what, newest first, filterable; new events stream in live. */
export function AuditLogTab() {
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [liveEvents, setLiveEvents] = useState<AuditEventFieldsFragment[]>([]);
  const filtered = Object.keys(filter).length > 0;

  const { data, error, loading, fetchMore, refetch } = useQuery(AuditEventsDocument, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const { error: liveError } = useSubscription(OnAuditEventRecordedDocument, {
    onData: ({ data: live }) => {
      const event = live.data?.auditEventRecorded;
      if (!event) return;
      setLiveEvents((previous) => (previous.some((known) => known.id === event.id) ? previous : [event, ...previous]));
    },
  });

  const connection = data?.auditEvents;
  const loaded = connection?.edges.map((edge) => edge.node) ?? [];
  const loadedIds = new Set(loaded.map((event) => event.id));
  const fresh = liveEvents.filter((event) => !loadedIds.has(event.id) && matchesAuditFilter(event, filter));
  const events = [...fresh, ...loaded];

  const handleApply = () => {
    setLiveEvents([]);
    setFilter(toFilter(draft));
  };

  const handleReset = () => {
    setDraft(EMPTY_DRAFT);
    setLiveEvents([]);
    setFilter({});
  };

  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'events');

  const columns: TableColumnsType<AuditEventFieldsFragment> = [
    {
      title: 'Time',
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      render: (value: string, event) => (
        <Flex gap={6} align="center">
          {formatDateTime(value)}
          {fresh.includes(event) ? <Tag color="green">new</Tag> : null}
        </Flex>
      ),
    },
    { title: 'Action', dataIndex: 'action', key: 'action', render: (value: string) => <Tag>{value}</Tag> },
    {
      title: 'Object',
      key: 'object',
      render: (_value, event) => (
        <Flex vertical>
          <Typography.Text>{event.objectType}</Typography.Text>
          <CopyableId value={event.objectId} truncate={13} copyLabel="Copy object ID" />
        </Flex>
      ),
    },
    {
      title: 'Actor',
      key: 'actor',
      render: (_value, event) => (
        <Flex vertical>
          <Typography.Text>{event.actorLabel}</Typography.Text>
          {event.actorApiKey ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              API key {event.actorApiKey.prefix}…
            </Typography.Text>
          ) : event.actorUser ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {event.actorUser.email}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Form layout="inline" onFinish={handleApply} aria-label="Filter audit events" style={{ rowGap: 8, marginBottom: 16 }}>
        <Form.Item label="Action" htmlFor="audit-filter-action">
          <Input
            id="audit-filter-action"
            placeholder="e.g. user.create"
            value={draft.action}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
            allowClear
          />
        </Form.Item>
        <Form.Item label="Object type" htmlFor="audit-filter-object-type">
          <Input
            id="audit-filter-object-type"
            placeholder="e.g. User"
            value={draft.objectType}
            onChange={(event) => setDraft({ ...draft, objectType: event.target.value })}
            allowClear
          />
        </Form.Item>
        <Form.Item label="Object ID" htmlFor="audit-filter-object-id">
          <Input
            id="audit-filter-object-id"
            value={draft.objectId}
            onChange={(event) => setDraft({ ...draft, objectId: event.target.value })}
            allowClear
          />
        </Form.Item>
        <Form.Item label="Dates">
          <DatePicker.RangePicker
            aria-label="Date range"
            value={draft.range}
            onChange={(range) => setDraft({ ...draft, range: range ?? null })}
            allowEmpty={[true, true]}
          />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit">
              Apply filters
            </Button>
            <Button onClick={handleReset} disabled={!filtered && draft === EMPTY_DRAFT}>
              Reset
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        {liveError ? (
          <Tooltip title={describeError(liveError)}>
            <Tag color="orange">Live updates unavailable</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">Live</Tag>
        )}
      </Flex>
      {error ? <QueryErrorAlert title="Could not load the audit log" error={error} onRetry={() => void refetch()} /> : null}
      <Table<AuditEventFieldsFragment>
        rowKey="id"
        columns={columns}
        dataSource={events}
        loading={loading && !loadingMore}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (event) => !!event.changes && Object.keys(event.changes).length > 0,
          expandedRowRender: (event) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(event.changes, null, 2)}</pre>
          ),
        }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The audit log could not be loaded" text="See the error above." />
          ) : filtered ? (
            <EmptyState
              title="No events match these filters"
              action={<Button onClick={handleReset}>Reset filters</Button>}
            />
          ) : (
            <EmptyState title="No events recorded yet" text="Changes to users, API keys and settings appear here as they happen." />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={events.length}
          total={connection.totalCount + fresh.length}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
    </>
  );
}
