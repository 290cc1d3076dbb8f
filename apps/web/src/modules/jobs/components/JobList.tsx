import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Select, Switch, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { DEFAULT_JOB_LIST_COLUMNS, JOB_KINDS, JOB_STATUSES } from '@partner-hub/domain';
import type { JobKind, JobStatus } from '@partner-hub/domain';
import { JobsDocument } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan, useViewer } from '../../auth/hooks/viewer-context';
import { ClearFiltersButton } from '../../shared/components/ListFilters';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { usePhoneLayout } from '../../shared/hooks/use-phone-layout';
import { usePreference } from '../../shared/hooks/use-preference';
import { JOB_KIND_LABELS, JOB_STATUS_LABELS } from '../utils/job-wording';
import { ExportJobsButton } from '../export/ExportJobsButton';
import { hasJobFilters, readJobListParams, toJobFilter, toJobOrder, withJobListParams, withoutJobListFilters } from '../utils/list-params';
import type { JobListParamChanges } from '../utils/list-params';
import { TemplateList } from '../templates/TemplateList';
import { isTemplatesTab, withTemplatesTab } from '../templates/template-params';
import { useLiveJobList } from '../hooks/use-live-job-list';
import { describeNews } from '../utils/live-list';
import { JobBulkBar } from './JobBulkBar';
import { JobCards } from './JobCards';
import { JobColumnsMenu } from './JobColumnsMenu';
import { JobTable } from './JobTable';
import { ServicePartnerSelect } from './ServicePartnerSelect';

/** Rows per page of the jobs list. */
export const JOBS_PAGE_SIZE = 50;

/**
 * The jobs the viewer may see — all of the principal's, or those assigned to the viewer's
 * organization — in tabs per kind, with filters (status, service partner, scheduled range,
 * import batch, overdue) and order in the URL, and keyset "Load more"; the columns the user chose
 * under the gear (remembered on the server); principal writers select rows for bulk actions. On a
 * phone the jobs read as cards instead of a table. Live: rows change status in place; jobs new to
 * the view are announced ("3 new jobs — Show") instead of pushing rows under the cursor.
 */
export function JobList() {
  const viewer = useViewer();
  const isPrincipal = viewer.organization.kind === 'PRINCIPAL';
  const phone = usePhoneLayout();
  const canWrite = useCan('jobs:write');
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readJobListParams(searchParams);
  const filter = toJobFilter(state);
  const orderBy = toJobOrder(state);
  const filtered = hasJobFilters(state);
  // templates are the principal's own: its staff alone see the tab
  const showTemplates = isPrincipal && isTemplatesTab(searchParams);
  const [columns, setColumns] = usePreference('jobs.columns', DEFAULT_JOB_LIST_COLUMNS);
  // the selection belongs to one view: another tab, filter or order starts empty
  const view = JSON.stringify([filter, orderBy]);
  const [selection, setSelection] = useState<{ view: string; ids: string[] }>({ view, ids: [] });
  const selectedIds = selection.view === view ? selection.ids : [];
  const select = (ids: string[]) => setSelection({ view, ids });

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(JobsDocument, {
    variables: { first: JOBS_PAGE_SIZE, filter, orderBy },
    notifyOnNetworkStatusChange: true,
    skip: showTemplates,
  });
  const connection = (data ?? (loading ? previousData : undefined))?.jobs;
  const jobs = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'jobs');
  // what is shown, read again: after a reconnect every row on screen (up to the API's page cap), from the top on "show"
  const reread = (rows: number) => void refetch({ first: Math.min(Math.max(rows, JOBS_PAGE_SIZE), 200) }).catch(() => undefined);
  const live = useLiveJobList({ filter, shownIds: jobs.map((job) => job.id), skip: showTemplates, onReconnected: () => reread(jobs.length) });
  const news = describeNews(live.news);
  const handleShowNews = () => {
    live.clearNews();
    reread(JOBS_PAGE_SIZE);
  };

  const change = (changes: JobListParamChanges) => setSearchParams(withJobListParams(searchParams, changes), { replace: true });
  const handleClearFilters = () => setSearchParams(withoutJobListFilters(searchParams), { replace: true });
  const handleTabChange = (key: string) =>
    setSearchParams(
      key === 'TEMPLATES' ? withTemplatesTab(searchParams, true) : withJobListParams(withTemplatesTab(searchParams, false), { kind: key as JobKind }),
      { replace: true },
    );

  const tabs = (
    <Tabs
      activeKey={showTemplates ? 'TEMPLATES' : state.kind}
      onChange={handleTabChange}
      items={[
        ...JOB_KINDS.map((kind) => ({ key: kind, label: JOB_KIND_LABELS[kind] })),
        ...(isPrincipal ? [{ key: 'TEMPLATES', label: 'Templates' }] : []),
      ]}
    />
  );
  if (showTemplates) {
    return (
      <>
        {tabs}
        <TemplateList />
      </>
    );
  }

  const emptyText =
    error ? (
      <EmptyState title="The jobs could not be loaded" text="See the error above." />
    ) : loading ? (
      <Typography.Text type="secondary">Loading jobs…</Typography.Text>
    ) : filtered ? (
      <EmptyState title="No jobs match these filters" action={<Button onClick={handleClearFilters}>Clear filters</Button>} />
    ) : isPrincipal ? (
      <EmptyState title={`No ${JOB_KIND_LABELS[state.kind].toLowerCase()} jobs yet`} text="Create one with “New job”." />
    ) : (
      <EmptyState title="No jobs assigned to your organization" text="Jobs a principal assigns to your organization appear here." />
    );

  return (
    <>
      {tabs}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select<JobStatus>
          aria-label="Filter by status"
          placeholder="Any status"
          allowClear
          value={state.status}
          onChange={(status) => change({ status: status ?? undefined })}
          options={JOB_STATUSES.map((status) => ({ value: status, label: JOB_STATUS_LABELS[status] }))}
          style={{ width: 150 }}
        />
        {isPrincipal ? (
          <ServicePartnerSelect
            aria-label="Filter by service partner"
            placeholder="Any service partner"
            value={state.servicePartnerId}
            onChange={(id) => change({ servicePartnerId: id ?? undefined })}
            style={{ width: 260 }}
          />
        ) : null}
        <DatePicker.RangePicker
          aria-label="Scheduled between"
          allowEmpty={[true, true]}
          placeholder={['Scheduled from', 'Scheduled to']}
          value={[state.scheduledFrom ? dayjs(state.scheduledFrom) : null, state.scheduledTo ? dayjs(state.scheduledTo) : null]}
          onChange={(range) =>
            change({
              scheduled: range
                ? { from: range[0]?.format('YYYY-MM-DD'), to: range[1]?.format('YYYY-MM-DD') }
                : undefined,
            })
          }
        />
        <Flex gap={6} align="center">
          <Switch id="jobs-overdue" size="small" checked={state.overdue} onChange={(checked) => change({ overdue: checked })} />
          <label htmlFor="jobs-overdue">Overdue only</label>
        </Flex>
        {state.importBatchId ? (
          <Tag closable onClose={() => change({ importBatchId: undefined })}>
            From import batch {state.importBatchId.slice(0, 8)}…
          </Tag>
        ) : null}
        <ClearFiltersButton filtered={filtered} onClear={handleClearFilters} />
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          <ExportJobsButton filter={filter} orderBy={orderBy} />
          <JobColumnsMenu value={columns} onChange={(next) => void setColumns(next)} onReset={() => void setColumns(null)} />
        </Flex>
      </Flex>
      {canWrite ? <JobBulkBar selectedIds={selectedIds} onClear={() => select([])} /> : null}
      {error ? <QueryErrorAlert title="Could not load jobs" error={error} onRetry={() => void refetch()} /> : null}
      {news ? (
        <Alert
          type="info"
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={news}
          action={
            <Button size="small" type="primary" onClick={handleShowNews}>
              Show
            </Button>
          }
        />
      ) : null}
      {phone ? (
        <JobCards jobs={jobs} loading={loading && !loadingMore} canWrite={canWrite} emptyText={emptyText} />
      ) : (
        <JobTable
          jobs={jobs}
          loading={loading && !loadingMore}
          order={{ sort: state.sort, direction: state.direction }}
          onOrderChange={(order) => change({ order })}
          canWrite={canWrite}
          columns={columns}
          selectedIds={canWrite ? selectedIds : undefined}
          onSelectionChange={canWrite ? select : undefined}
          emptyText={emptyText}
        />
      )}
      {connection ? (
        <LoadMore
          shown={jobs.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage && !!data}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
    </>
  );
}
