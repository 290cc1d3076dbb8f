import { Descriptions, Flex, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { JobsImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { ImportProblemsView } from '../../../import/components/ImportProblemsView';

type PreviewRow = JobsImportReportFieldsFragment['preview'][number];

export type JobsImportReportViewProps = {
  report: JobsImportReportFieldsFragment;
  preferTemplate: boolean;
};

const previewColumns: TableColumnsType<PreviewRow> = [
  { title: 'Line', dataIndex: 'row', key: 'row', width: 80 },
  { title: 'Kind', dataIndex: 'kind', key: 'kind', render: (kind: string) => kind.toLowerCase() },
  { title: 'VIN', dataIndex: 'vin', key: 'vin', render: (vin: string) => <Typography.Text code>{vin}</Typography.Text> },
  { title: 'Title', dataIndex: 'title', key: 'title', render: (title: string | null) => title ?? '—' },
  { title: 'Template', dataIndex: 'templateName', key: 'templateName', render: (name: string | null) => name ?? '—' },
  { title: 'Scheduled for', dataIndex: 'scheduledFor', key: 'scheduledFor', render: (day: string | null) => day ?? '—' },
  {
    title: 'Service partner',
    key: 'partner',
    render: (_value, row) =>
      row.partnerId ? (
        <Space size={4}>
          <Typography.Text code>{row.partnerId}</Typography.Text>
          {row.partnerName}
        </Space>
      ) : (
        'Pending'
      ),
  },
];

/**
 * The dry-run result of a jobs.csv: problems (downloadable as CSV), warnings (e.g. a past date, a
 * partner that has not claimed its account), what it would create, and the first 200 jobs.
 */
export function JobsImportReportView({ report, preferTemplate }: JobsImportReportViewProps) {
  const { counts } = report;
  const more = (shown: number, all: number, what: string) => (all > shown ? ` (the first ${shown.toLocaleString()} of ${all.toLocaleString()} ${what})` : '');
  return (
    <Flex vertical gap={16}>
      <ImportProblemsView
        report={report}
        validDescription={`${counts.jobs.toLocaleString()} job(s) would be created: ${counts.assigned.toLocaleString()} assigned, ${counts.pending.toLocaleString()} pending.`}
      />
      {report.problemCount > report.problems.length || report.warningCount > report.warnings.length ? (
        <Typography.Text type="secondary">
          Listed: {report.problems.length.toLocaleString()} problem(s){more(report.problems.length, report.problemCount, 'problems')}, {report.warnings.length.toLocaleString()} warning(s)
          {more(report.warnings.length, report.warningCount, 'warnings')}.
        </Typography.Text>
      ) : null}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, md: 3 }}
        title="What the file would create"
        items={[
          { key: 'jobs', label: 'Jobs', children: counts.jobs.toLocaleString() },
          { key: 'assigned', label: 'Assigned to a service partner', children: counts.assigned.toLocaleString() },
          { key: 'pending', label: 'Pending', children: counts.pending.toLocaleString() },
          { key: 'installation', label: 'Installation', children: counts.installation.toLocaleString() },
          { key: 'maintenance', label: 'Maintenance', children: counts.maintenance.toLocaleString() },
          { key: 'template', label: `From a template${preferTemplate ? ' (template data preferred)' : ''}`, children: counts.fromTemplate.toLocaleString() },
        ]}
      />
      {report.preview.length > 0 ? (
        <section aria-label="Preview">
          <Typography.Title level={5}>
            {report.preview.length < counts.jobs ? `The first ${report.preview.length} of ${counts.jobs.toLocaleString()} jobs` : 'The jobs'}
          </Typography.Title>
          <Table size="small" rowKey="row" columns={previewColumns} dataSource={report.preview} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }} />
        </section>
      ) : null}
    </Flex>
  );
}
