import { useState } from 'react';
import { App as AntApp, Button, Flex, Input, Modal, Switch, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import { AssignVehiclesDocument, VehiclesDocument } from '@partner-hub/graphql-client';
import type { VehicleFilter } from '@partner-hub/graphql-client';
import { EmptyState, ErrorResultAlert } from '@partner-hub/ui';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { describeError } from '../../shared/utils/errors';
import { useVehicleSelection } from '../hooks/use-vehicle-selection';
import { describeAssignmentResult, refetchAfterAssignment } from '../utils/assignment-result';
import { SelectionBar } from './SelectionBar';
import { VehicleTable } from './VehicleTable';

/** Rows per page of the "Add vehicles" dialog. */
export const ADD_VEHICLES_PAGE_SIZE = 10;

const ORDER = { field: 'VIN', direction: 'ASC' } as const;

export type AddVehiclesDialogProps = {
  /** the partner the vehicles go to */
  partner: { id: string; name: string };
  open: boolean;
  onClose: () => void;
};

type DialogFilters = { search: string; make: string; unassigned: boolean };

/** The API filter of the dialog's controls (keys in a fixed order). */
export function addVehiclesFilter({ search, make, unassigned }: DialogFilters): VehicleFilter {
  return {
    ...(search ? { search } : {}),
    ...(make ? { make } : {}),
    ...(unassigned ? { unassigned: true } : {}),
  };
}

/**
 * "Add vehicles" on a partner's page: the vehicles the viewer may assign (all of the principal's
 * for its staff, those it holds for a partner admin — the API scopes the list), with search and
 * filters, keyset pages (previous / next), a selection kept across pages and searches, and
 * "Select all N matching"; "Assign" sends the picked ids or the filter. Give it a new `key` for
 * each opening: it starts from page 1 with nothing picked.
 */
export function AddVehiclesDialog({ partner, open, onClose }: AddVehiclesDialogProps) {
  const { message } = AntApp.useApp();
  const [filters, setFilters] = useState<DialogFilters>({ search: '', make: '', unassigned: false });
  // the cursors of the pages before the one in view: [] on page 1, [null] on page 2, [null, c2] on page 3, …
  const [cursors, setCursors] = useState<Array<string | null>>([]);
  const [after, setAfter] = useState<string | null>(null);
  const [formError, setFormError] = useState<FormLevelError | null>(null);
  const filter = addVehiclesFilter(filters);

  // Pages are shown one at a time: fetched without the cache, whose list policy would merge them.
  const { data, previousData, error, loading, refetch } = useQuery(VehiclesDocument, {
    variables: { first: ADD_VEHICLES_PAGE_SIZE, after, filter, orderBy: ORDER },
    fetchPolicy: 'no-cache',
    notifyOnNetworkStatusChange: true,
    skip: !open,
  });
  const connection = (data ?? previousData)?.vehicles;
  const vehicles = connection?.edges.map((edge) => edge.node) ?? [];
  const total = data?.vehicles.totalCount;
  const selection = useVehicleSelection(filter, total);
  const [assign, { loading: assigning }] = useMutation(AssignVehiclesDocument, {
    refetchQueries: refetchAfterAssignment,
  });

  const page = cursors.length + 1;
  const pageCount = connection ? Math.max(1, Math.ceil(connection.totalCount / ADD_VEHICLES_PAGE_SIZE)) : 1;

  const changeFilters = (changes: Partial<DialogFilters>) => {
    setFilters((current) => ({ ...current, ...changes }));
    setCursors([]);
    setAfter(null);
  };
  const handleNext = () => {
    const next = connection?.pageInfo.endCursor;
    if (!next) return;
    setCursors([...cursors, after]);
    setAfter(next);
  };
  const handlePrevious = () => {
    setAfter(cursors.at(-1) ?? null);
    setCursors(cursors.slice(0, -1));
  };

  // the parent mounts a fresh dialog (new key) for each opening, so closing leaves the state alone
  const handleClose = onClose;

  const handleAssign = async () => {
    if (!selection.target) return;
    setFormError(null);
    try {
      const { data: result } = await assign({
        variables: { input: { partnerId: partner.id, ...selection.target } },
      });
      const outcome = result?.assignVehicles;
      if (outcome?.__typename === 'VehicleAssignmentSuccess') {
        void message.success(describeAssignmentResult('assign', outcome));
        handleClose();
        return;
      }
      if (outcome) setFormError({ code: outcome.code, message: outcome.message });
    } catch (assignError) {
      setFormError({ message: describeError(assignError) });
    }
  };

  return (
    <Modal
      open={open}
      title={`Add vehicles to ${partner.name}`}
      width={960}
      onCancel={handleClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text>
            {selection.count === 0 ? 'Pick vehicles to assign.' : `${selection.count} to assign`}
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={handleClose}>Cancel</Button>
            <Button
              type="primary"
              disabled={!selection.target}
              loading={assigning}
              onClick={() => void handleAssign()}
            >
              Assign
            </Button>
          </Flex>
        </Flex>
      }
    >
      <ErrorResultAlert error={formError} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="VIN, plate or device serial"
          aria-label="Search vehicles to add"
          allowClear
          maxLength={MAX_SEARCH_LENGTH}
          onSearch={(value) => changeFilters({ search: value.trim() })}
          style={{ width: 260 }}
        />
        <Input.Search
          placeholder="Make"
          aria-label="Filter vehicles to add by make"
          allowClear
          maxLength={MAX_SEARCH_LENGTH}
          onSearch={(value) => changeFilters({ make: value.trim() })}
          style={{ width: 180 }}
        />
        <Flex gap={6} align="center">
          <Switch
            id="add-vehicles-unassigned"
            size="small"
            checked={filters.unassigned}
            onChange={(checked) => changeFilters({ unassigned: checked })}
          />
          <label htmlFor="add-vehicles-unassigned">Unassigned only</label>
        </Flex>
      </Flex>
      {error ? (
        <QueryErrorAlert title="Could not load vehicles" error={error} onRetry={() => void refetch()} />
      ) : null}
      <SelectionBar selection={selection} total={total} />
      <VehicleTable
        label="Vehicles to add"
        compact
        vehicles={vehicles}
        loading={loading}
        selection={{
          selectedIds: selection.selectedIds,
          allMatching: selection.allMatching,
          onChange: selection.setSelectedIds,
          // already assigned to this very partner: nothing to do
          isDisabled: (vehicle) =>
            vehicle.assignments.some((assignment) => assignment.partner.id === partner.id),
        }}
        emptyText={
          loading ? (
            <Typography.Text type="secondary">Loading vehicles…</Typography.Text>
          ) : (
            <EmptyState title="No vehicles match" text="Change the search or the filters." />
          )
        }
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {connection ? `Page ${page} of ${pageCount} · ${connection.totalCount} matching` : ' '}
        </Typography.Text>
        <Flex gap={8}>
          <Button disabled={page === 1 || loading} onClick={handlePrevious}>
            Previous page
          </Button>
          <Button disabled={!connection?.pageInfo.hasNextPage || !data || loading} onClick={handleNext}>
            Next page
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
