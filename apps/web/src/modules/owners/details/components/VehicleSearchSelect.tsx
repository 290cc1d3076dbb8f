import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { OwnerVehicleOptionsDocument } from '@partner-hub/graphql-client';
import { SearchSelect } from '../../../shared/components/SearchSelect';
import type { PickerProps } from '../../../shared/components/SearchSelect';
import { vehicleOptionLabel } from '../../../vehicles/utils/vehicle-option';

export type VehicleSearchSelectProps = PickerProps & {
  /** The chosen vehicle's id. */
  value: string | undefined;
  onChange: (id: string | undefined) => void;
};

/** A searchable picker over the vehicles the viewer may see (the `vehicles` query's search: VIN, plate or device serial). */
export function VehicleSearchSelect({ value, onChange, ...pickerProps }: VehicleSearchSelectProps) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(OwnerVehicleOptionsDocument, {
    variables: { search: search || null, first: 20 },
  });
  const options = (data?.vehicles.edges ?? []).map(({ node }) => ({ id: node.id, label: vehicleOptionLabel(node) }));

  return (
    <SearchSelect
      placeholder="Search by VIN, plate or device serial"
      {...pickerProps}
      value={value}
      onChange={(vehicle) => onChange(vehicle?.id)}
      onSearch={setSearch}
      items={options}
      idOf={(vehicle) => vehicle.id}
      labelOf={(vehicle) => vehicle.label}
      loading={loading}
      error={error}
      messages={{ error: 'Could not load vehicles.', empty: 'No vehicle matches.' }}
    />
  );
}
