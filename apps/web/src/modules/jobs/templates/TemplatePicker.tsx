import { useEffect, useState } from 'react';
import type { CSSProperties, Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { useQuery } from '@apollo/client/react';
import type { JobKind } from '@partner-hub/domain';
import { JobTemplateOptionsDocument } from '@partner-hub/graphql-client';
import type { JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import type { FieldAriaProps } from '../../shared/forms/FormField';

const SEARCH_DELAY_MS = 250;

export type TemplatePickerProps = Partial<FieldAriaProps> & {
  /** only templates for jobs of this kind (a job takes a template of its own kind) */
  kind: JobKind;
  /** the chosen template, if any (shown even when it is not among the first matches) */
  value: JobTemplateFieldsFragment | null;
  onChange: (template: JobTemplateFieldsFragment | null) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  style?: CSSProperties;
};

/** A searchable picker over the principal's active job templates of one kind, by name. */
export function TemplatePicker({ kind, value, onChange, onBlur, ref, style, ...aria }: TemplatePickerProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const { data, loading, error } = useQuery(JobTemplateOptionsDocument, {
    variables: { search, kind, first: 20 },
    // templates change in another tab of the page: each opening of the dialog asks anew
    fetchPolicy: 'cache-and-network',
  });
  const templates = data?.jobTemplates.edges.map((edge) => edge.node) ?? [];
  if (value && !templates.some((template) => template.id === value.id)) templates.unshift(value);

  return (
    <Select<string>
      {...aria}
      ref={ref}
      value={value?.id}
      onChange={(id) => onChange(templates.find((template) => template.id === id) ?? null)}
      onBlur={onBlur}
      style={style}
      placeholder="Start from a template (optional)"
      allowClear
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: setSearchText }}
      loading={loading}
      notFoundContent={error ? 'Could not load templates.' : loading ? 'Searching…' : 'No template of this kind matches.'}
      options={templates.map((template) => ({ value: template.id, label: template.name }))}
    />
  );
}
