import { Descriptions } from 'antd';
import type { VehiclesImportCountsFieldsFragment } from '@partner-hub/graphql-client';

export type VehiclesImportCountsProps = {
  counts: VehiclesImportCountsFieldsFragment;
  /** "would be created" (dry run) or "created" (done) */
  title: string;
};

/** What a vehicles import creates, by kind: vehicles, new and existing owners, OWNER accesses, assignments. */
export function VehiclesImportCounts({ counts, title }: VehiclesImportCountsProps) {
  return (
    <Descriptions
      size="small"
      bordered
      title={title}
      column={{ xs: 1, sm: 2, md: 5 }}
      items={[
        { key: 'vehicles', label: 'Vehicles', children: counts.vehicles },
        { key: 'newOwners', label: 'New owners', children: counts.newOwners },
        { key: 'existingOwners', label: 'Existing owners linked', children: counts.existingOwners },
        { key: 'ownerAccesses', label: 'Owner accesses', children: counts.ownerAccesses },
        { key: 'assignments', label: 'Assignments to partners', children: counts.assignments },
      ]}
    />
  );
}
