import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { DeleteJobTemplateDocument, DuplicateJobTemplateDocument, JobTemplatesDocument, RestoreJobTemplateDocument } from '@partner-hub/graphql-client';
import type { JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan } from '../../auth/hooks/viewer-context';
import { ArchivedSelect, ClearFiltersButton, FilterSearch } from '../../shared/components/ListFilters';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { describeError } from '../../shared/utils/errors';
import { formatDateTime } from '../../shared/utils/format';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { TemplateDialog, refetchTemplatesOnSuccess } from './TemplateDialog';
import { TemplateNameDialog } from './TemplateNameDialog';
import { readTemplateListParams, withTemplateListParams, withTemplateForNewJob } from './template-params';

/** Rows per page of the templates list. */
export const TEMPLATES_PAGE_SIZE = 50;

/** The configuration a row shows: the device model and firmware, and how many named settings. */
function configurationSummary(template: JobTemplateFieldsFragment): string {
  const { deviceModel, firmware, settings } = template.configuration;
  const parts = [deviceModel, firmware ? `firmware ${firmware}` : null, settings.length ? `${settings.length} setting${settings.length === 1 ? '' : 's'}` : null];
  return parts.filter(Boolean).join(' · ') || '—';
}

type Editing = { template: JobTemplateFieldsFragment | null } | null;

/**
 * The principal's job templates (its staff only; writers change them): search by name and the
 * archived ones in the URL, keyset "Load more"; a row menu to create a job from the template, edit,
 * duplicate, delete (archive, after a confirmation) or restore it.
 */
export function TemplateList() {
  const canWrite = useCan('jobs:write');
  const { modal, message, notification } = AntApp.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readTemplateListParams(searchParams);
  const filter = { ...(state.search ? { search: state.search } : {}), ...(state.archived ? { archived: true } : {}) };
  const filtered = !!state.search || state.archived;
  const [editing, setEditing] = useState<Editing>(null);
  const [duplicating, setDuplicating] = useState<JobTemplateFieldsFragment | null>(null);

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(JobTemplatesDocument, {
    variables: { first: TEMPLATES_PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? (loading ? previousData : undefined))?.jobTemplates;
  const templates = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'templates');

  const [duplicateTemplate] = useMutation(DuplicateJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.duplicateJobTemplate.__typename),
  });
  const [deleteTemplate] = useMutation(DeleteJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.deleteJobTemplate.__typename),
  });
  const [restoreTemplate] = useMutation(RestoreJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.restoreJobTemplate.__typename),
  });

  const change = (changes: Parameters<typeof withTemplateListParams>[1]) =>
    setSearchParams(withTemplateListParams(searchParams, changes), { replace: true });
  const handleClearFilters = () => change({ search: '', archived: false });
  const handleCreateJob = (template: JobTemplateFieldsFragment) => setSearchParams(withTemplateForNewJob(searchParams, template.id), { replace: true });

  const handleDuplicate = async (name: string) =>
    duplicating ? (await duplicateTemplate({ variables: { input: { id: duplicating.id, name: name || null } } })).data?.duplicateJobTemplate : null;

  const handleDuplicated = (name: string) => {
    void message.success(`The copy “${name}” was created.`);
    setDuplicating(null);
  };

  const handleDelete = (template: JobTemplateFieldsFragment) =>
    modal.confirm({
      title: `Delete the template “${template.name}”?`,
      content: 'It is archived: jobs created from it keep their values, its name is free again, and you can restore it from the archived templates.',
      okText: 'Delete',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data: result } = await deleteTemplate({ variables: { input: { id: template.id } } });
          const outcome = result?.deleteJobTemplate;
          if (outcome?.__typename === 'JobTemplateSuccess') void message.success(`The template “${template.name}” was deleted.`);
          else if (outcome) notification.error({ title: 'The template was not deleted', description: outcome.message });
        } catch (mutationError) {
          notification.error({ title: 'The template was not deleted', description: describeError(mutationError) });
        }
      },
    });

  const handleRestore = async (template: JobTemplateFieldsFragment) => {
    try {
      const { data: result } = await restoreTemplate({ variables: { input: { id: template.id } } });
      const outcome = result?.restoreJobTemplate;
      if (outcome?.__typename === 'JobTemplateSuccess') void message.success(`The template “${template.name}” was restored.`);
      else if (outcome) notification.error({ title: 'The template was not restored', description: outcome.message });
    } catch (mutationError) {
      notification.error({ title: 'The template was not restored', description: describeError(mutationError) });
    }
  };

  const rowMenu = (template: JobTemplateFieldsFragment) => (
    <Dropdown
      trigger={['click']}
      menu={{
        items: template.archivedAt
          ? [{ key: 'restore', label: 'Restore' }]
          : [
              { key: 'createJob', label: 'Create new job' },
              { key: 'edit', label: 'Edit…' },
              { key: 'duplicate', label: 'Duplicate…' },
              { type: 'divider' as const },
              { key: 'delete', label: 'Delete…', danger: true },
            ],
        onClick: ({ key }) => {
          if (key === 'createJob') handleCreateJob(template);
          if (key === 'edit') setEditing({ template });
          if (key === 'duplicate') setDuplicating(template);
          if (key === 'delete') handleDelete(template);
          if (key === 'restore') void handleRestore(template);
        },
      }}
    >
      <Button type="text" aria-label={`Actions for ${template.name}`} icon={<MoreOutlined />} />
    </Dropdown>
  );

  const columns: TableColumnsType<JobTemplateFieldsFragment> = [
    {
      key: 'name',
      title: 'Name',
      render: (_, template) => (
        <Flex gap={6} align="center" wrap>
          {canWrite && !template.archivedAt ? (
            <Typography.Link onClick={() => setEditing({ template })}>{template.name}</Typography.Link>
          ) : (
            <span>{template.name}</span>
          )}
          {template.archivedAt ? <Tag>Deleted</Tag> : null}
        </Flex>
      ),
    },
    { key: 'kind', title: 'Kind', render: (_, template) => JOB_KIND_LABELS[template.kind] },
    { key: 'title', title: 'Job title', render: (_, template) => template.title ?? <Typography.Text type="secondary">—</Typography.Text> },
    { key: 'configuration', title: 'Device / configuration', render: (_, template) => configurationSummary(template) },
    {
      key: 'partner',
      title: 'Default service partner',
      render: (_, template) => template.defaultServicePartner?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'updatedAt', title: 'Updated', render: (_, template) => formatDateTime(template.updatedAt) },
    ...(canWrite ? [{ key: 'actions', title: '', width: 48, render: (_: unknown, template: JobTemplateFieldsFragment) => rowMenu(template) }] : []),
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <FilterSearch
          value={state.search}
          onSearch={(value) => change({ search: value })}
          placeholder="Template name"
          aria-label="Search templates"
          width={260}
        />
        <ArchivedSelect
          archived={state.archived}
          onChange={(archived) => change({ archived })}
          archivedLabel="Deleted"
          aria-label="Active or deleted templates"
        />
        <ClearFiltersButton filtered={filtered} onClear={handleClearFilters} />
        {canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ template: null })} style={{ marginLeft: 'auto' }}>
            New template
          </Button>
        ) : null}
      </Flex>
      {error ? <QueryErrorAlert title="Could not load templates" error={error} onRetry={() => void refetch()} /> : null}
      <Table<JobTemplateFieldsFragment>
        aria-label="Job templates"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={templates}
        loading={loading && !loadingMore}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The templates could not be loaded" text="See the error above." />
          ) : loading ? (
            <Typography.Text type="secondary">Loading templates…</Typography.Text>
          ) : filtered ? (
            <EmptyState title="No templates match these filters" action={<Button onClick={handleClearFilters}>Clear filters</Button>} />
          ) : (
            <EmptyState
              title="No templates yet"
              text={canWrite ? 'Create one with “New template”, or with “Save as template” in the New job dialog.' : 'Your organization has no job templates yet.'}
            />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={templates.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage && !!data}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
      {canWrite ? (
        <>
          {editing ? <TemplateDialog key={editing.template?.id ?? 'new'} open template={editing.template} onClose={() => setEditing(null)} /> : null}
          <TemplateNameDialog
            open={duplicating !== null}
            title={duplicating ? `Duplicate “${duplicating.name}”` : 'Duplicate template'}
            okText="Duplicate"
            intro={
              duplicating
                ? `The copy has the same kind, texts, configuration and default service partner. Leave the name empty to call it “${duplicating.name} (copy)” (or the next free copy number).`
                : undefined
            }
            required={false}
            placeholder={duplicating ? `${duplicating.name} (copy)` : undefined}
            onSubmit={handleDuplicate}
            onSaved={handleDuplicated}
            onClose={() => setDuplicating(null)}
          />
        </>
      ) : null}
    </>
  );
}
