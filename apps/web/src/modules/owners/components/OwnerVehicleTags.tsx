import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { OwnerVehicleAccessFieldsFragment } from '@partner-hub/graphql-client';
import { OWNER_ACCESS_KIND_LABELS } from '../forms/owner-forms';

export type OwnerVehicleTagsProps = {
  vehicles: readonly OwnerVehicleAccessFieldsFragment[];
};

/** The vehicles an owner owns or uses: one tag per vehicle (VIN and OWNER/USER), each linking to the vehicle's page. */
export function OwnerVehicleTags({ vehicles }: OwnerVehicleTagsProps) {
  if (vehicles.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {vehicles.map((access) => (
        <Link
          key={access.id}
          to={`/vehicles/${access.vehicle.id}`}
          aria-label={`${access.vehicle.vin} (${OWNER_ACCESS_KIND_LABELS[access.kind]})`}
        >
          <Tag
            color={access.kind === 'OWNER' ? 'blue' : 'default'}
            style={{ marginInlineEnd: 0, cursor: 'pointer' }}
          >
            <span style={{ fontFamily: 'monospace' }}>{access.vehicle.vin}</span> ·{' '}
            {OWNER_ACCESS_KIND_LABELS[access.kind]}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}
