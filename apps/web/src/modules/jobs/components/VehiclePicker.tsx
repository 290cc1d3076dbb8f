import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { JobVehicleOptionsDocument } from '@partner-hub/graphql-client';
import { SearchSelect } from '../../shared/components/SearchSelect';
import type { PickerProps } from '../../shared/components/SearchSelect';
import { vehicleOptionLabel } from '../../vehicles/utils/vehicle-option';

export type VehiclePickerProps = PickerProps & {
  /** The chosen vehicle's id. */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  /** how to show a chosen vehicle that the first options do not include (e.g. a duplicated job's) */
  selectedLabel?: string;
};

/** A searchable picker over the vehicles the viewer may see (VIN, plate or device serial). */
export function VehiclePicker({ value, onChange, selectedLabel, ...pickerProps }: VehiclePickerProps) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(JobVehicleOptionsDocument, { variables: { search, first: 20 } });
  const options = (data?.vehicles.edges.map((edge) => edge.node) ?? []).map((vehicle) => ({
    id: vehicle.id,
    label: vehicleOptionLabel(vehicle),
  }));

  return (
    <SearchSelect
      placeholder="Search by VIN, plate or device serial"
      {...pickerProps}
      value={value}
      onChange={(vehicle) => onChange(vehicle?.id ?? null)}
      onSearch={setSearch}
      items={options}
      idOf={(vehicle) => vehicle.id}
      labelOf={(vehicle) => vehicle.label}
      chosen={value && selectedLabel ? { id: value, label: selectedLabel } : null}
      loading={loading}
      error={error}
      messages={{ error: 'Could not load vehicles.', empty: 'No vehicle matches.' }}
    />
  );
}
