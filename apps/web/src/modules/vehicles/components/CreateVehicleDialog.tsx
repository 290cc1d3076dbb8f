import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import type { VehicleFields } from '@partner-hub/domain';
import { CreateVehicleDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import {
  NEW_VEHICLE_SERVER_FIELDS,
  emptyNewVehicleValues,
  newVehicleFormSchema,
  toCreateVehicleInput,
} from '../forms/vehicle-form';
import type { NewVehicleFormValues } from '../forms/vehicle-form';
import { VehicleDetailFields } from './VehicleFields';

/** Refreshes the vehicles list once a vehicle was created (not after a refusal). */
export function refetchVehiclesOnCreate(result: {
  data?: { createVehicle: { __typename: string } } | null;
}): string[] {
  return result.data?.createVehicle.__typename === 'VehicleSuccess' ? ['Vehicles'] : [];
}

/** A vehicle saved with doubts: shown in the dialog until the user moves on. */
type SavedWithWarnings = { id: string; vin: string; warnings: string[] };

export type CreateVehicleDialogProps = {
  open: boolean;
  onClose: () => void;
  /** called with the new vehicle's id (to open its page) */
  onCreated: (id: string) => void;
};

/**
 * "New vehicle": VIN, make, model, year, plate and telematics unit, checked with libs/domain's
 * vehicle rules before sending; the server's field errors (a VIN already recorded, …) land on
 * the fields they name. A warning the API returns with the saved vehicle (a North-American VIN
 * whose check digit does not match) is shown before the user moves on.
 */
export function CreateVehicleDialog({ open, onClose, onCreated }: CreateVehicleDialogProps) {
  const { message } = AntApp.useApp();
  const [createVehicle] = useMutation(CreateVehicleDocument, { refetchQueries: refetchVehiclesOnCreate });
  const [saved, setSaved] = useState<SavedWithWarnings | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<NewVehicleFormValues, unknown, VehicleFields>({
    // the form holds every field as text, a narrower type than the schema's input accepts
    resolver: zodResolver(newVehicleFormSchema) as Resolver<NewVehicleFormValues, unknown, VehicleFields>,
    defaultValues: emptyNewVehicleValues(),
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: NEW_VEHICLE_SERVER_FIELDS });

  const handleClose = () => {
    reset(emptyNewVehicleValues());
    setFormError(null);
    setSaved(null);
    onClose();
  };

  const handleAddAnother = () => {
    reset(emptyNewVehicleValues());
    setSaved(null);
  };

  const handleCreate = handleSubmit((values) =>
    submit('VehicleSuccess', async () => (await createVehicle({ variables: { input: toCreateVehicleInput(values) } })).data?.createVehicle, {
      onSuccess: ({ vehicle, warnings }) => {
        void message.success(`The vehicle ${vehicle.vin} was added.`);
        if (warnings.length > 0) {
          setSaved({ id: vehicle.id, vin: vehicle.vin, warnings });
          return;
        }
        reset(emptyNewVehicleValues());
        onCreated(vehicle.id);
      },
    }),
  );

  if (saved) {
    return (
      <Modal
        open={open}
        title="Vehicle saved"
        onCancel={handleClose}
        destroyOnHidden
        footer={[
          <Button key="another" onClick={handleAddAnother}>
            Add another
          </Button>,
          <Button
            key="open"
            type="primary"
            onClick={() => {
              const id = saved.id;
              handleClose();
              onCreated(id);
            }}
          >
            Open vehicle
          </Button>,
        ]}
      >
        <Typography.Paragraph>
          The vehicle <Typography.Text code>{saved.vin}</Typography.Text> was saved.
        </Typography.Paragraph>
        {saved.warnings.map((warning) => (
          <Alert
            key={warning}
            type="warning"
            showIcon
            title="Check this"
            description={warning}
            style={{ marginBottom: 8 }}
          />
        ))}
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      title="New vehicle"
      okText="Save vehicle"
      onOk={() => void handleCreate()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      width={720}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleCreate()}
        aria-label="New vehicle"
      >
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="vin"
          label="VIN"
          id="new-vehicle-vin"
          extra="17 characters without I, O or Q; spaces and dashes are dropped."
          render={(field, aria) => (
            <Input
              {...aria}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              autoComplete="off"
              style={{ fontFamily: 'monospace' }}
            />
          )}
        />
        <VehicleDetailFields control={control} idPrefix="new-vehicle" />
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
