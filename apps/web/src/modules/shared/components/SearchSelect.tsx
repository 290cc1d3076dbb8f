import { useEffect, useState } from 'react';
import type { CSSProperties, Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import type { FieldAriaProps } from '../forms/FormField';

/** How long typing pauses before a picker asks the server. */
const SEARCH_DELAY_MS = 250;

/** What every picker built on `SearchSelect` takes from its form field or filter bar. */
export type PickerProps = Partial<FieldAriaProps> & {
  /** Accessible name when no label element names the picker (e.g. a list filter). */
  'aria-label'?: string;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
};

export type SearchSelectProps<TItem> = PickerProps & {
  /** The chosen item's id. */
  value: string | null | undefined;
  /** With the chosen item (null when cleared). */
  onChange: (item: TItem | null) => void;
  /** Called with the trimmed search text once typing pauses (first with ''): the picker's query runs on it. */
  onSearch: (search: string) => void;
  /** The server's matches for the last search. */
  items: readonly TItem[];
  idOf: (item: TItem) => string;
  labelOf: (item: TItem) => string;
  /** The chosen item when the matches may not include it (preset from a link, a copied record, …). */
  chosen?: TItem | null;
  loading: boolean;
  /** The search failed. */
  error?: unknown;
  /** What shows when the search failed, and when it matched nothing. */
  messages: { error: string; empty: string };
};

/**
 * An antd Select over a server search: debounces the typing (searches are at most
 * MAX_SEARCH_LENGTH characters, as the API takes them), lists the matches, and keeps the chosen
 * item labelled when a later search no longer lists it (from `chosen`, or what the user picked).
 */
export function SearchSelect<TItem>({
  value,
  onChange,
  onSearch,
  items,
  idOf,
  labelOf,
  chosen,
  loading,
  error,
  messages,
  ...selectProps
}: SearchSelectProps<TItem>) {
  const [searchText, setSearchText] = useState('');
  const [picked, setPicked] = useState<TItem | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => onSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, onSearch]);

  const known = [...items];
  for (const extra of [chosen, picked]) {
    if (value && extra && idOf(extra) === value && !known.some((item) => idOf(item) === value)) known.unshift(extra);
  }

  const handleChange = (id: string | undefined) => {
    const item = known.find((candidate) => idOf(candidate) === id) ?? null;
    setPicked(item);
    onChange(item);
  };

  return (
    <Select<string>
      {...selectProps}
      value={value ?? undefined}
      onChange={handleChange}
      allowClear
      // antd's Select applies maxLength in combobox mode only: the search text is cut here instead
      showSearch={{ filterOption: false, searchValue: searchText, onSearch: (text) => setSearchText(text.slice(0, MAX_SEARCH_LENGTH)) }}
      loading={loading}
      notFoundContent={error ? messages.error : loading ? 'Searching…' : messages.empty}
      options={known.map((item) => ({ value: idOf(item), label: labelOf(item) }))}
    />
  );
}
