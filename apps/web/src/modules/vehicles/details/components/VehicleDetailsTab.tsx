import { useMemo } from 'react';
import { App as AntApp, Button, Descriptions, Form, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import type { VehicleDetails } from '@partner-hub/domain';
import { UpdateVehicleDocument } from '@partner-hub/graphql-client';
import type { VehicleDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { CopyableId, ErrorResultAlert } from '@partner-hub/ui';
import { useCan } from '../../../auth/hooks/viewer-context';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { formatDateTime } from '../../../shared/utils/format';
import {
  VEHICLE_DETAILS_SERVER_FIELDS,
  toVehicleDetailsInput,
  vehicleDetailsFormSchema,
  vehicleDetailsValues,
} from '../../forms/vehicle-form';
import type { VehicleDetailsFormValues } from '../../forms/vehicle-form';
import { VehicleDetailFields } from '../../components/VehicleFields';

export type VehicleDetailsTabProps = { vehicle: VehicleDetailsFieldsFragment };

/**
 * The vehicle's details: an edit form (libs/domain's rules, server errors on their fields) for
 * holders of `vehicles:write`, the same fields read-only for everyone else. The VIN is the
 * vehicle's identity and never changes.
 */
export function VehicleDetailsTab({ vehicle }: VehicleDetailsTabProps) {
  const canWrite = useCan('vehicles:write');
  const { message } = AntApp.useApp();
  const [updateVehicle] = useMutation(UpdateVehicleDocument);
  const form = useForm<VehicleDetailsFormValues, unknown, VehicleDetails>({
    // the form holds every field as text, a narrower type than the schema's input accepts
    resolver: zodResolver(vehicleDetailsFormSchema) as Resolver<
      VehicleDetailsFormValues,
      unknown,
      VehicleDetails
    >,
    defaultValues: vehicleDetailsValues(vehicle),
  });
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting, isDirty },
  } = form;

  // newer details from the server (after saving, or changed elsewhere) replace the form's values
  const serverValues = useMemo(() => vehicleDetailsValues(vehicle), [vehicle]);
  const conflict = useVersionConflict({ form, serverValues, objectName: 'vehicle' });
  const { formError, submit } = useMutationForm({ setError, fields: VEHICLE_DETAILS_SERVER_FIELDS, conflict });

  const handleSave = handleSubmit((values) =>
    submit(
      'VehicleSuccess',
      async () =>
        (await updateVehicle({ variables: { input: { id: vehicle.id, expectedVersion: vehicle.version, ...toVehicleDetailsInput(values) } } }))
          .data?.updateVehicle,
      { onSuccess: () => void message.success('The vehicle was saved.') },
    ),
  );

  const editable = canWrite && !vehicle.archivedAt;

  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'vin', label: 'VIN', children: <CopyableId value={vehicle.vin} copyLabel="Copy VIN" /> },
          { key: 'created', label: 'Recorded', children: formatDateTime(vehicle.createdAt) },
          ...(vehicle.archivedAt
            ? [{ key: 'archived', label: 'Archived', children: formatDateTime(vehicle.archivedAt) }]
            : []),
        ]}
      />
      {canWrite && vehicle.archivedAt ? (
        <Typography.Paragraph type="secondary">
          Restore the vehicle to change its details.
        </Typography.Paragraph>
      ) : null}
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleSave()}
        aria-label="Vehicle details"
        style={{ maxWidth: 760 }}
      >
        <ErrorResultAlert error={formError} />
        {conflict.dialog}
        <VehicleDetailFields control={control} idPrefix="vehicle" readOnly={!editable} />
        {editable ? (
          <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
            Save details
          </Button>
        ) : null}
      </Form>
    </>
  );
}
