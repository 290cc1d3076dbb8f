import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { PartnerSummaryDocument, ServicePartnerOptionsDocument } from '@partner-hub/graphql-client';
import { SearchSelect } from '../../shared/components/SearchSelect';
import type { PickerProps } from '../../shared/components/SearchSelect';

export type ServicePartnerSelectProps = PickerProps & {
  /** The chosen partner's id (not its Partner ID). */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  /** only partners that claimed their account (a job can be given to those alone) */
  acceptedOnly?: boolean;
};

type Option = { id: string; partnerId: string; name: string };

/** A searchable picker over the principal's service partners (name, e-mail or Partner ID). */
export function ServicePartnerSelect({
  value,
  onChange,
  acceptedOnly,
  placeholder = 'Search service partners',
  ...pickerProps
}: ServicePartnerSelectProps) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(ServicePartnerOptionsDocument, {
    variables: { search, status: acceptedOnly ? 'ACCEPTED' : null, first: 20 },
  });
  const options: Option[] = data?.partners.edges.map((edge) => edge.node) ?? [];
  const listed = !!value && options.some((option) => option.id === value);
  // A partner preset from a link may not be among the first matches: fetch its name.
  const { data: chosen } = useQuery(PartnerSummaryDocument, {
    variables: { id: value ?? '' },
    skip: !value || listed || !data,
  });

  return (
    <SearchSelect
      {...pickerProps}
      placeholder={placeholder}
      value={value}
      onChange={(partner) => onChange(partner?.id ?? null)}
      onSearch={setSearch}
      items={options}
      idOf={(partner) => partner.id}
      labelOf={(partner) => `${partner.name} (${partner.partnerId})`}
      chosen={chosen?.partner}
      loading={loading}
      error={error}
      messages={{ error: 'Could not load service partners.', empty: 'No service partner matches.' }}
    />
  );
}
