import { useEffect, useState } from 'react';
import type { CSSProperties, Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { useQuery } from '@apollo/client/react';
import { JobVehicleOptionsDocument } from '@partner-hub/graphql-client';
import type { FieldAriaProps } from '../../shared/forms/FormField';

const SEARCH_DELAY_MS = 250;

export type VehiclePickerProps = Partial<FieldAriaProps> & {
  'aria-label'?: string;
  /** The chosen vehicle's id. */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  style?: CSSProperties;
  /** how to show a chosen vehicle that the first options do not include (e.g. a duplicated job's) */
  selectedLabel?: string;
};

/** A searchable picker over the vehicles the viewer may see (VIN, plate or device serial). */
export function VehiclePicker({ value, onChange, onBlur, ref, style, selectedLabel, ...aria }: VehiclePickerProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const { data, loading, error } = useQuery(JobVehicleOptionsDocument, { variables: { search, first: 20 } });
  const options = (data?.vehicles.edges.map((edge) => edge.node) ?? []).map((vehicle) => ({
    value: vehicle.id,
    label: `${vehicle.vin} · ${vehicle.make} ${vehicle.model}${vehicle.plate ? ` · ${vehicle.plate}` : ''}`,
  }));
  if (value && selectedLabel && !options.some((option) => option.value === value)) options.unshift({ value, label: selectedLabel });

  return (
    <Select<string>
      {...aria}
      ref={ref}
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      onBlur={onBlur}
      style={style}
      placeholder="Search by VIN, plate or device serial"
      allowClear
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: setSearchText }}
      loading={loading}
      notFoundContent={error ? 'Could not load vehicles.' : loading ? 'Searching…' : 'No vehicle matches.'}
      options={options}
    />
  );
}
