import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import type { JobKind } from '@partner-hub/domain';
import { JobTemplateOptionsDocument } from '@partner-hub/graphql-client';
import type { JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { SearchSelect } from '../../shared/components/SearchSelect';
import type { PickerProps } from '../../shared/components/SearchSelect';

export type TemplatePickerProps = PickerProps & {
  /** only templates for jobs of this kind (a job takes a template of its own kind) */
  kind: JobKind;
  /** the chosen template, if any (shown even when it is not among the first matches) */
  value: JobTemplateFieldsFragment | null;
  onChange: (template: JobTemplateFieldsFragment | null) => void;
};

/** A searchable picker over the principal's active job templates of one kind, by name. */
export function TemplatePicker({ kind, value, onChange, ...pickerProps }: TemplatePickerProps) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(JobTemplateOptionsDocument, {
    variables: { search, kind, first: 20 },
    // templates change in another tab of the page: each opening of the dialog asks anew
    fetchPolicy: 'cache-and-network',
  });

  return (
    <SearchSelect
      placeholder="Start from a template (optional)"
      {...pickerProps}
      value={value?.id}
      onChange={onChange}
      onSearch={setSearch}
      items={data?.jobTemplates.edges.map((edge) => edge.node) ?? []}
      idOf={(template) => template.id}
      labelOf={(template) => template.name}
      chosen={value}
      loading={loading}
      error={error}
      messages={{ error: 'Could not load templates.', empty: 'No template of this kind matches.' }}
    />
  );
}
