import { useEffect, useState } from 'react';
import type { CSSProperties, Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { useQuery } from '@apollo/client/react';
import { PARTNER_ROLE_LABELS } from '@partner-hub/domain';
import { PartnerOptionsDocument, PartnerSummaryDocument } from '@partner-hub/graphql-client';
import type { FieldAriaProps } from '../../shared/forms/FormField';

/** How long typing pauses before the picker asks the server. */
const SEARCH_DELAY_MS = 250;

export type PartnerSelectProps = Partial<FieldAriaProps> & {
  /** Accessible name when no label element names the picker (e.g. a list filter). */
  'aria-label'?: string;
  /** The chosen partner's id (not its Partner ID). */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
};

type Option = { id: string; partnerId: string; name: string; role: keyof typeof PARTNER_ROLE_LABELS };

const labelOf = (partner: Option) =>
  `${partner.name} (${partner.partnerId}) · ${PARTNER_ROLE_LABELS[partner.role]}`;

/** A searchable picker over the partners the viewer may see (name, e-mail or Partner ID). */
export function PartnerSelect({
  value,
  onChange,
  onBlur,
  ref,
  placeholder = 'Search by name or Partner ID',
  disabled,
  style,
  ...aria
}: PartnerSelectProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const { data, loading, error } = useQuery(PartnerOptionsDocument, { variables: { search, first: 20 } });
  const options: Option[] = data?.partners.edges.map((edge) => edge.node) ?? [];
  const listed = !!value && options.some((option) => option.id === value);
  // The chosen partner may not be among the first matches (e.g. preset from a link): fetch its name.
  const { data: chosen } = useQuery(PartnerSummaryDocument, {
    variables: { id: value ?? '' },
    skip: !value || listed || !data,
  });
  if (value && !listed && chosen?.partner.id === value) options.unshift(chosen.partner);

  return (
    <Select<string>
      {...aria}
      ref={ref}
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      style={style}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: setSearchText }}
      loading={loading}
      notFoundContent={error ? 'Could not load partners.' : loading ? 'Searching…' : 'No partner matches.'}
      options={options.map((option) => ({ value: option.id, label: labelOf(option) }))}
    />
  );
}
