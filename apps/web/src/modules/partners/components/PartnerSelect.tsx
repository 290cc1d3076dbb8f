import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { PARTNER_ROLE_LABELS } from '@partner-hub/domain';
import { PartnerOptionsDocument, PartnerSummaryDocument } from '@partner-hub/graphql-client';
import { SearchSelect } from '../../shared/components/SearchSelect';
import type { PickerProps } from '../../shared/components/SearchSelect';

export type PartnerSelectProps = PickerProps & {
  /** The chosen partner's id (not its Partner ID). */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
};

type Option = { id: string; partnerId: string; name: string; role: keyof typeof PARTNER_ROLE_LABELS };

const labelOf = (partner: Option) =>
  `${partner.name} (${partner.partnerId}) · ${PARTNER_ROLE_LABELS[partner.role]}`;

/** A searchable picker over the partners the viewer may see (name, e-mail or Partner ID). */
export function PartnerSelect({
  value,
  onChange,
  placeholder = 'Search by name or Partner ID',
  ...pickerProps
}: PartnerSelectProps) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(PartnerOptionsDocument, { variables: { search, first: 20 } });
  const options: Option[] = data?.partners.edges.map((edge) => edge.node) ?? [];
  const listed = !!value && options.some((option) => option.id === value);
  // The chosen partner may not be among the first matches (e.g. preset from a link): fetch its name.
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
      labelOf={labelOf}
      chosen={chosen?.partner}
      loading={loading}
      error={error}
      messages={{ error: 'Could not load partners.', empty: 'No partner matches.' }}
    />
  );
}
