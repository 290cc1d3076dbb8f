import { Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PARTNER_ROLE_LABELS } from '@partner-hub/domain';
import type { PartnerRole } from '@partner-hub/domain';
import type { PartnersImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { ImportProblemsView } from '../../../import/components/ImportProblemsView';

type PreviewRow = PartnersImportReportFieldsFragment['preview'][number];

export type ImportReportViewProps = {
  report: PartnersImportReportFieldsFragment;
};

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
  return (
    <Flex vertical gap={16}>
      <ImportProblemsView report={report} validDescription={`${report.preview.length} partner(s) would be created, every parent before its sub-partners.`} />

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
