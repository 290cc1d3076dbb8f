import { Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { VehiclesImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { ImportProblemsView } from '../../../import/components/ImportProblemsView';
import { VehiclesImportCounts } from './VehiclesImportCounts';

type PreviewRow = VehiclesImportReportFieldsFragment['preview'][number];

export type VehiclesImportReportViewProps = {
  report: VehiclesImportReportFieldsFragment;
};

const previewColumns: TableColumnsType<PreviewRow> = [
  { title: 'Line', dataIndex: 'row', key: 'row', width: 80 },
  { title: 'VIN', dataIndex: 'vin', key: 'vin', render: (vin: string) => <Typography.Text code>{vin}</Typography.Text> },
  { title: 'Vehicle', key: 'vehicle', render: (_value, row) => [row.make, row.model, row.year].filter((part) => part !== null).join(' ') },
  { title: 'Plate', dataIndex: 'plate', key: 'plate', render: (plate: string | null) => plate ?? '—' },
  {
    title: 'Owner',
    key: 'owner',
    render: (_value, row) =>
      row.ownerEmail ? (
        <Space size={4}>
          {row.ownerEmail}
          {row.newOwner ? <Tag color="blue">new</Tag> : <Tag>existing</Tag>}
        </Space>
      ) : (
        '—'
      ),
  },
  {
    title: 'Partner',
    key: 'partner',
    render: (_value, row) =>
      row.partnerId ? (
        <Space size={4}>
          <Typography.Text code>{row.partnerId}</Typography.Text>
          {row.partnerName}
        </Space>
      ) : (
        'Unassigned'
      ),
  },
];

/**
 * The dry-run result of a vehicles.csv: problems (downloadable as CSV), warnings (e.g. a
 * North-American check digit that does not match), how many vehicles, owners, accesses and
 * assignments it would create, and the first vehicles it would create.
 */
export function VehiclesImportReportView({ report }: VehiclesImportReportViewProps) {
  const { counts } = report;
  const shown = report.preview.length;
  return (
    <Flex vertical gap={16}>
      <ImportProblemsView
        report={report}
        validDescription={`${counts.vehicles} vehicle(s) would be created, with ${counts.newOwners} new owner(s) and ${counts.assignments} assignment(s) to partners.`}
      />

      <VehiclesImportCounts counts={counts} title={report.valid ? 'Would be created' : 'Rows without problems of their own would create'} />

      <section aria-label="Vehicles to create">
        <Typography.Title level={5}>{report.valid ? 'Vehicles to create' : 'Rows without problems of their own'}</Typography.Title>
        {counts.vehicles > shown ? (
          <Typography.Paragraph type="secondary">
            The first {shown} of {counts.vehicles} vehicles.
          </Typography.Paragraph>
        ) : null}
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
