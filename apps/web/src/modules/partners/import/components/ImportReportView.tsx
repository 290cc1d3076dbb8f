import { Alert, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PARTNER_ROLE_LABELS } from '@partner-hub/domain';
import type { PartnerRole } from '@partner-hub/domain';
import type { ImportProblemFieldsFragment, PartnersImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { downloadTextFile } from '../../../shared/utils/download';
import { problemsFileName, problemsToCsv } from '../utils/problems-csv';

type PreviewRow = PartnersImportReportFieldsFragment['preview'][number];

export type ImportReportViewProps = {
  report: PartnersImportReportFieldsFragment;
};

const problemColumns: TableColumnsType<ImportProblemFieldsFragment & { key: number }> = [
  { title: 'Line', dataIndex: 'row', key: 'row', width: 90, render: (row: number | null) => row ?? 'File' },
  { title: 'Column', dataIndex: 'column', key: 'column', width: 180, render: (column: string | null) => (column ? <Typography.Text code>{column}</Typography.Text> : '—') },
  { title: 'Problem', dataIndex: 'message', key: 'message' },
];

const previewColumns: TableColumnsType<PreviewRow> = [
  { title: 'Line', dataIndex: 'row', key: 'row', width: 90 },
  {
    title: 'Partner ID',
    dataIndex: 'partnerId',
    key: 'partnerId',
    render: (partnerId: string, row) => (
      <Space size={4}>
        <Typography.Text code>{partnerId}</Typography.Text>
        {row.generatedPartnerId ? <Tag title="The file leaves it empty: a free Partner ID is chosen on import.">generated</Tag> : null}
      </Space>
    ),
  },
  { title: 'Name', dataIndex: 'name', key: 'name' },
  { title: 'Role', dataIndex: 'role', key: 'role', render: (role: PartnerRole) => PARTNER_ROLE_LABELS[role] },
  {
    title: 'Parent',
    dataIndex: 'parentPartnerId',
    key: 'parentPartnerId',
    render: (parent: string | null, row) =>
      parent ? (
        <Space size={4}>
          <Typography.Text code>{parent}</Typography.Text>
          {row.parentInFile ? <Tag color="blue">in this file</Tag> : <Tag>existing</Tag>}
        </Space>
      ) : (
        'Top level'
      ),
  },
];

/** The dry-run result of a partners.csv: problems (downloadable as CSV), warnings, and the partners it would create. */
export function ImportReportView({ report }: ImportReportViewProps) {
  const problems = report.problems.map((p, key) => ({ ...p, key }));
  const warnings = report.warnings.map((p, key) => ({ ...p, key }));

  const handleDownloadProblems = () => downloadTextFile(problemsToCsv(report.problems), problemsFileName(report.fileName));

  return (
    <Flex vertical gap={16}>
      {report.valid ? (
        <Alert
          type="success"
          showIcon
          title={`${report.fileName}: all ${report.rowCount} row(s) can be imported.`}
          description={`${report.preview.length} partner(s) would be created, every parent before its sub-partners.`}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`${report.fileName} has ${report.problems.length} problem(s); nothing can be imported until they are fixed.`}
          description="Fix the rows in your spreadsheet, save it as CSV (UTF-8) and choose it again."
          action={
            <Button icon={<DownloadOutlined />} onClick={handleDownloadProblems}>
              Download problems as CSV
            </Button>
          }
        />
      )}

      {problems.length > 0 ? (
        <section aria-label="Problems">
          <Typography.Title level={5}>Problems</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={problems} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
        </section>
      ) : null}

      {warnings.length > 0 ? (
        <section aria-label="Warnings">
          <Typography.Title level={5}>Notes</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={warnings} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
        </section>
      ) : null}

      <section aria-label="Partners to create">
        <Typography.Title level={5}>{report.valid ? 'Partners to create' : 'Rows without problems of their own'}</Typography.Title>
        <Table
          size="small"
          rowKey="row"
          columns={previewColumns}
          dataSource={report.preview}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: 'No row of this file can be created yet.' }}
        />
      </section>
    </Flex>
  );
}
