import type { ReactNode } from 'react';
import { Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { SortDirection, VehicleListFieldsFragment, VehicleSortField } from '@partner-hub/graphql-client';
import { formatDate } from '../../shared/utils/format';
import { WIDE_SCREENS_ONLY, minimumTableWidth, principalColumn } from '../../shared/utils/table-columns';

export type VehicleOrderState = { sort: VehicleSortField; direction: SortDirection };

export type VehicleTableSelection = {
  selectedIds: string[];
  /** every row shows as selected and cannot be unticked ("all matching" is on) */
  allMatching: boolean;
  onChange: (ids: string[]) => void;
  /** rows that cannot be picked (e.g. already assigned to the partner being filled) */
  isDisabled?: (vehicle: VehicleListFieldsFragment) => boolean;
};

export type VehicleTableProps = {
  vehicles: VehicleListFieldsFragment[];
  loading: boolean;
  /** the order in view; without it the columns are not sortable */
  order?: VehicleOrderState;
  onOrderChange?: (order: VehicleOrderState | undefined) => void;
  selection?: VehicleTableSelection;
  /** an extra last column, e.g. a per-row "Take back" */
  actions?: { title: string; render: (vehicle: VehicleListFieldsFragment) => ReactNode };
  /** leave out the telematics unit and created columns (narrow tables in dialogs) */
  compact?: boolean;
  emptyText: ReactNode;
  /** accessible name of the table */
  label: string;
};

/** The VIN linking to the vehicle's page, with a copy button. */
export function VinCell({ vehicle }: { vehicle: Pick<VehicleListFieldsFragment, 'id' | 'vin'> }) {
  return (
    <Typography.Text
      code
      copyable={{ text: vehicle.vin, tooltips: [`Copy VIN ${vehicle.vin}`, 'Copied'] }}
      style={{ whiteSpace: 'nowrap' }}
    >
      <Link to={`/vehicles/${vehicle.id}`}>{vehicle.vin}</Link>
    </Typography.Text>
  );
}

/**
 * The partners a vehicle is assigned to now, as tags linking to their pages; "Held by another
 * partner" when it is held by one the viewer is not shown (never "Unassigned" then).
 */
export function AssignedPartnerTags({
  vehicle,
}: {
  vehicle: Pick<VehicleListFieldsFragment, 'assignments' | 'heldOutOfView'>;
}) {
  if (vehicle.assignments.length === 0)
    return (
      <Typography.Text type="secondary">
        {vehicle.heldOutOfView ? 'Held by a partner' : 'Unassigned'}
      </Typography.Text>
    );
  return (
    <Space size={[0, 4]} wrap>
      {vehicle.assignments.map((assignment) => (
        <Tag key={assignment.id} color="blue">
          <Link to={`/partners/${assignment.partner.id}`}>{assignment.partner.name}</Link>
        </Tag>
      ))}
    </Space>
  );
}

/**
 * A table of vehicles: VIN (copyable, linking to the vehicle), make and model, year, plate, the
 * telematics unit, the partners it is assigned to and an archived tag; server-side sorting by
 * VIN, make and creation; optional row selection that keeps rows not on screen.
 */
export function VehicleTable({
  vehicles,
  loading,
  order,
  onOrderChange,
  selection,
  actions,
  compact,
  emptyText,
  label,
}: VehicleTableProps) {
  const sortable = (field: VehicleSortField) =>
    order
      ? {
          key: field,
          sorter: true,
          sortOrder: (order.sort === field
            ? order.direction === 'ASC'
              ? 'ascend'
              : 'descend'
            : null) as SortOrder,
          sortDirections: ['ascend', 'descend'] as SortOrder[],
        }
      : {};

  const handleChange: TableProps<VehicleListFieldsFragment>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as VehicleSortField | undefined;
    onOrderChange?.(
      single?.order && field
        ? { sort: field, direction: single.order === 'descend' ? 'DESC' : 'ASC' }
        : undefined,
    );
  };

  const columns: TableColumnsType<VehicleListFieldsFragment> = [
    {
      title: 'VIN',
      dataIndex: 'vin',
      width: 200,
      fixed: 'left',
      ...sortable('VIN'),
      render: (_value, vehicle) => (
        <Flex gap={6} align="center" wrap>
          <VinCell vehicle={vehicle} />
          {vehicle.archivedAt ? <Tag>Archived</Tag> : null}
        </Flex>
      ),
    },
    ...principalColumn(vehicles),
    {
      title: 'Make / model',
      dataIndex: 'make',
      width: 150,
      ellipsis: true,
      ...sortable('MAKE'),
      render: (_value, vehicle) => `${vehicle.make} ${vehicle.model}`,
    },
    { title: 'Year', dataIndex: 'year', key: 'year', width: 70, render: (value: number | null) => value ?? '—' },
    { title: 'Plate', dataIndex: 'plate', key: 'plate', width: 110, ellipsis: true, render: (value: string | null) => value ?? '—' },
    ...(compact
      ? []
      : [
          {
            title: 'Telematics unit',
            key: 'device',
            width: 180,
            ellipsis: true,
            render: (_value: unknown, vehicle: VehicleListFieldsFragment) =>
              vehicle.deviceSerial || vehicle.deviceModel || vehicle.firmware ? (
                <Flex vertical>
                  <span>{vehicle.deviceSerial ?? '—'}</span>
                  <Typography.Text type="secondary">
                    {[vehicle.deviceModel, vehicle.firmware && `firmware ${vehicle.firmware}`]
                      .filter(Boolean)
                      .join(' · ') || null}
                  </Typography.Text>
                </Flex>
              ) : (
                '—'
              ),
          },
        ]),
    {
      title: 'Assigned to',
      key: 'assignments',
      width: 220,
      render: (_value, vehicle) => <AssignedPartnerTags vehicle={vehicle} />,
    },
    ...(compact
      ? []
      : [
          {
            title: 'Created',
            dataIndex: 'createdAt',
            width: 120,
            responsive: WIDE_SCREENS_ONLY,
            ...sortable('CREATED_AT'),
            render: (value: string) => formatDate(value),
          },
        ]),
    ...(actions
      ? [
          {
            title: actions.title,
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_value: unknown, vehicle: VehicleListFieldsFragment) => actions.render(vehicle),
          },
        ]
      : []),
  ];

  const rowSelection: TableProps<VehicleListFieldsFragment>['rowSelection'] = selection
    ? {
        selectedRowKeys: selection.allMatching
          ? vehicles.map((vehicle) => vehicle.id)
          : selection.selectedIds,
        preserveSelectedRowKeys: true,
        onChange: (keys) => selection.onChange(keys.map(String)),
        getCheckboxProps: (vehicle) => ({
          disabled: selection.allMatching || (selection.isDisabled?.(vehicle) ?? false),
          'aria-label': `Select ${vehicle.vin}`,
        }),
      }
    : undefined;

  return (
    <Table<VehicleListFieldsFragment>
      aria-label={label}
      rowKey="id"
      columns={columns}
      dataSource={vehicles}
      loading={loading}
      pagination={false}
      showSorterTooltip={false}
      onChange={handleChange}
      rowSelection={rowSelection}
      scroll={{ x: minimumTableWidth(columns) }}
      locale={{ emptyText }}
    />
  );
}
