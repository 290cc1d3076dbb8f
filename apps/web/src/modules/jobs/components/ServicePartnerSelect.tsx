import { useEffect, useState } from 'react';
import type { CSSProperties, Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { useQuery } from '@apollo/client/react';
import { PartnerSummaryDocument, ServicePartnerOptionsDocument } from '@partner-hub/graphql-client';
import type { FieldAriaProps } from '../../shared/forms/FormField';

const SEARCH_DELAY_MS = 250;

export type ServicePartnerSelectProps = Partial<FieldAriaProps> & {
  'aria-label'?: string;
  /** The chosen partner's id (not its Partner ID). */
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  /** only partners that claimed their account (a job can be given to those alone) */
  acceptedOnly?: boolean;
  placeholder?: string;
  style?: CSSProperties;
};

/** A searchable picker over the principal's service partners (name, e-mail or Partner ID). */
export function ServicePartnerSelect({
  value,
  onChange,
  onBlur,
  ref,
  acceptedOnly,
  placeholder = 'Search service partners',
  style,
  ...aria
}: ServicePartnerSelectProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const { data, loading, error } = useQuery(ServicePartnerOptionsDocument, {
    variables: { search, status: acceptedOnly ? 'ACCEPTED' : null, first: 20 },
  });
  const options = (data?.partners.edges.map((edge) => edge.node) ?? []).map((partner) => ({
    value: partner.id,
    label: `${partner.name} (${partner.partnerId})`,
  }));
  const listed = !!value && options.some((option) => option.value === value);
  // A partner preset from a link may not be among the first matches: fetch its name.
  const { data: chosen } = useQuery(PartnerSummaryDocument, {
    variables: { id: value ?? '' },
    skip: !value || listed || !data,
  });
  if (value && !listed && chosen?.partner.id === value) {
    options.unshift({ value, label: `${chosen.partner.name} (${chosen.partner.partnerId})` });
  }

  return (
    <Select<string>
      {...aria}
      ref={ref}
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      onBlur={onBlur}
      style={style}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: setSearchText }}
      loading={loading}
      notFoundContent={error ? 'Could not load service partners.' : loading ? 'Searching…' : 'No service partner matches.'}
      options={options}
    />
  );
}
