import { Button, Input, Select } from 'antd';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';

export type FilterSearchProps = {
  /** The applied text (from the list's URL state); the input shows it again when it changes elsewhere. */
  value: string;
  /** With the text the user submitted (Enter, the search button, or clearing). */
  onSearch: (value: string) => void;
  placeholder: string;
  'aria-label': string;
  width: number;
};

/** A list's text filter: applied on Enter, at most MAX_SEARCH_LENGTH characters (as the API takes them). */
export function FilterSearch({ value, onSearch, placeholder, 'aria-label': ariaLabel, width }: FilterSearchProps) {
  return (
    <Input.Search
      // a new key re-mounts the uncontrolled input when the applied text changes elsewhere (Clear filters, a link)
      key={value}
      placeholder={placeholder}
      aria-label={ariaLabel}
      allowClear
      maxLength={MAX_SEARCH_LENGTH}
      defaultValue={value}
      onSearch={onSearch}
      style={{ width }}
    />
  );
}

export type ArchivedSelectProps = {
  archived: boolean;
  onChange: (archived: boolean) => void;
  /** what the list calls its archived rows ("Deleted" for templates) */
  archivedLabel?: string;
  'aria-label'?: string;
  width?: number;
};

/** Shows a list's active rows or its archived ones. */
export function ArchivedSelect({
  archived,
  onChange,
  archivedLabel = 'Archived',
  'aria-label': ariaLabel = 'Active or archived',
  width = 130,
}: ArchivedSelectProps) {
  return (
    <Select<'active' | 'archived'>
      aria-label={ariaLabel}
      value={archived ? 'archived' : 'active'}
      onChange={(value) => onChange(value === 'archived')}
      options={[
        { value: 'active', label: 'Active' },
        { value: 'archived', label: archivedLabel },
      ]}
      style={{ width }}
    />
  );
}

export type ClearFiltersButtonProps = {
  /** whether any filter is set; nothing is shown otherwise */
  filtered: boolean;
  onClear: () => void;
};

/** The filter bar's "Clear filters" link, shown while a filter is set. */
export function ClearFiltersButton({ filtered, onClear }: ClearFiltersButtonProps) {
  return filtered ? (
    <Button type="link" onClick={onClear}>
      Clear filters
    </Button>
  ) : null;
}
