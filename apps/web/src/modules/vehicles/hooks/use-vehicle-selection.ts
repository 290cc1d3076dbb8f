import { useState } from 'react';
import type { VehicleFilter } from '@partner-hub/graphql-client';

/** What a bulk action works on: vehicles picked by id, or every vehicle matching a filter. */
export type VehicleTarget = { vehicleIds: string[] } | { filter: VehicleFilter };

/** A filter as a string that is equal for equal filters, whatever the order of their keys. */
export function filterKey(filter: VehicleFilter): string {
  const entries = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export type VehicleSelection = {
  /** the ids picked row by row (kept across pages, sorting and filtering until cleared) */
  selectedIds: string[];
  /** "Select all N matching" is on for the filter in view */
  allMatching: boolean;
  /** how many vehicles the bulk action will touch */
  count: number;
  /** what to send to the API; null when nothing is selected */
  target: VehicleTarget | null;
  /** replaces the picked ids (antd's rowSelection onChange with preserveSelectedRowKeys gives them all) */
  setSelectedIds: (ids: string[]) => void;
  /** selects every vehicle matching the filter in view */
  selectAllMatching: () => void;
  clear: () => void;
};

/**
 * The selection of a vehicles table that pages by keyset: rows picked by id survive "Load more",
 * another page, another order and other filters until cleared; "all matching" stands for the
 * filter in view, so it ends by itself when the filter changes (the ids picked before come back).
 * @param filter the filter in view
 * @param total how many vehicles match it (the connection's totalCount), once known
 */
export function useVehicleSelection(filter: VehicleFilter, total: number | undefined): VehicleSelection {
  const [selectedIds, setIds] = useState<string[]>([]);
  const [matchingKey, setMatchingKey] = useState<string | null>(null);
  const key = filterKey(filter);
  const allMatching = matchingKey !== null && matchingKey === key;

  const count = allMatching ? (total ?? 0) : selectedIds.length;
  const target: VehicleTarget | null = allMatching
    ? { filter }
    : selectedIds.length > 0
      ? { vehicleIds: selectedIds }
      : null;

  return {
    selectedIds,
    allMatching,
    count,
    target,
    setSelectedIds: (ids) => {
      setIds(ids);
      setMatchingKey(null);
    },
    selectAllMatching: () => setMatchingKey(key),
    clear: () => {
      setIds([]);
      setMatchingKey(null);
    },
  };
}
