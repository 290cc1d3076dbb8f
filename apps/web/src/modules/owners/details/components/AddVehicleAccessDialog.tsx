import { App as AntApp, Form, Modal, Radio } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { OWNER_ACCESS_KINDS } from '@partner-hub/domain';
import { AddOwnerVehicleAccessDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import {
  OWNER_ACCESS_KIND_LABELS,
  VEHICLE_ACCESS_FORM_FIELDS,
  vehicleAccessSchema,
} from '../../forms/owner-forms';
import type { VehicleAccessFormOutput, VehicleAccessFormValues } from '../../forms/owner-forms';
import { VehicleSearchSelect } from './VehicleSearchSelect';

export type AddVehicleAccessDialogProps = {
  ownerId: string;
  open: boolean;
  onClose: () => void;
};

const emptyValues = (): VehicleAccessFormValues => ({ vehicleId: undefined, kind: 'OWNER' });

/**
 * "Add vehicle access": a vehicle found by VIN, plate or serial, and whether the owner owns or
 * uses it. Choosing a vehicle the owner already has changes the kind of its access.
 */
export function AddVehicleAccessDialog({ ownerId, open, onClose }: AddVehicleAccessDialogProps) {
  const { message } = AntApp.useApp();
  const [addAccess] = useMutation(AddOwnerVehicleAccessDocument, {
    refetchQueries: (result) =>
      result.data?.addOwnerVehicleAccess.__typename === 'OwnerSuccess' ? ['OwnerHistory'] : [],
  });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<VehicleAccessFormValues, unknown, VehicleAccessFormOutput>({
    resolver: zodResolver(vehicleAccessSchema) as Resolver<
      VehicleAccessFormValues,
      unknown,
      VehicleAccessFormOutput
    >,
    defaultValues: emptyValues(),
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: VEHICLE_ACCESS_FORM_FIELDS });

  const handleClose = () => {
    reset(emptyValues());
    setFormError(null);
    onClose();
  };

  const handleAdd = handleSubmit(({ vehicleId, kind }) =>
    submit('OwnerSuccess', async () => (await addAccess({ variables: { input: { ownerId, vehicleId, kind } } })).data?.addOwnerVehicleAccess, {
      onSuccess: () => {
        void message.success('The vehicle access was saved.');
        handleClose();
      },
    }),
  );

  return (
    <Modal
      open={open}
      title="Add vehicle access"
      okText="Add access"
      onOk={() => void handleAdd()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleAdd()}
        aria-label="Add vehicle access"
      >
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="vehicleId"
          label="Vehicle"
          id="owner-access-vehicle"
          required
          render={(field, aria) => (
            <VehicleSearchSelect
              {...aria}
              ref={field.ref}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
        <FormField
          control={control}
          name="kind"
          label="Access"
          id="owner-access-kind"
          render={(field, aria) => (
            <Radio.Group
              id={aria.id}
              aria-label="Access"
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              options={OWNER_ACCESS_KINDS.map((kind) => ({
                value: kind,
                label: `${OWNER_ACCESS_KIND_LABELS[kind]} of the vehicle`,
              }))}
            />
          )}
        />
      </Form>
    </Modal>
  );
}
