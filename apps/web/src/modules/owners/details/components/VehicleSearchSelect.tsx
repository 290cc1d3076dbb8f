import { useEffect, useState } from 'react';
import type { Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { useQuery } from '@apollo/client/react';
import { OwnerVehicleOptionsDocument } from '@partner-hub/graphql-client';
import type { FieldAriaProps } from '../../../shared/forms/FormField';

/** How long typing pauses before the picker asks the server. */
const SEARCH_DELAY_MS = 250;

export type VehicleSearchSelectProps = Partial<FieldAriaProps> & {
  /** The chosen vehicle's id. */
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
};

type Option = { value: string; label: string };

/** A searchable picker over the vehicles the viewer may see (the `vehicles` query's search: VIN, plate or device serial). */
export function VehicleSearchSelect({ value, onChange, onBlur, ref, ...aria }: VehicleSearchSelectProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  // the chosen vehicle stays labelled when a later search no longer lists it
  const [chosen, setChosen] = useState<Option | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const { data, loading, error } = useQuery(OwnerVehicleOptionsDocument, {
    variables: { search: search || null, first: 20 },
  });
  const options: Option[] = (data?.vehicles.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: `${node.vin} · ${node.make} ${node.model}${node.plate ? ` · ${node.plate}` : ''}`,
  }));
  if (value && chosen?.value === value && !options.some((option) => option.value === value))
    options.unshift(chosen);

  return (
    <Select<string>
      {...aria}
      ref={ref}
      value={value}
      onChange={(id) => {
        setChosen(options.find((option) => option.value === id) ?? null);
        onChange(id ?? undefined);
      }}
      onBlur={onBlur}
      placeholder="Search by VIN, plate or device serial"
      allowClear
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: setSearchText }}
      loading={loading}
      notFoundContent={error ? 'Could not load vehicles.' : loading ? 'Searching…' : 'No vehicle matches.'}
      options={options}
    />
  );
}
