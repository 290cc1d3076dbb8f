import { App as AntApp, Form, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import { AssignVehiclesDocument, UnassignVehiclesDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { useViewer } from '../../auth/hooks/viewer-context';
import { PartnerSelect } from '../../partners/components/PartnerSelect';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import type { VehicleTarget } from '../hooks/use-vehicle-selection';
import { describeAssignmentResult, refetchAfterAssignment } from '../utils/assignment-result';
import type { AssignmentMode } from '../utils/assignment-result';

export const CHOOSE_PARTNER_MESSAGE = 'Choose a partner.';

const formSchema = z.object({
  partnerId: z.string({ message: CHOOSE_PARTNER_MESSAGE }).min(1, CHOOSE_PARTNER_MESSAGE),
});
type FormValues = { partnerId: string | null };
type FormOutput = z.output<typeof formSchema>;

const TEXT: Record<AssignmentMode, { title: string; ok: string; field: string }> = {
  assign: { title: 'Assign to partner', ok: 'Assign', field: 'Assign to' },
  unassign: { title: 'Take back from partner', ok: 'Take back', field: 'Take back from' },
};

export type AssignVehiclesDialogProps = {
  mode: AssignmentMode;
  open: boolean;
  /** the selected vehicles (by id, or all matching a filter) */
  target: VehicleTarget | null;
  /** how many vehicles that is, for the sentence above the picker */
  count: number;
  onClose: () => void;
  /** called after the API accepted the change (the lists are refreshed) */
  onDone: () => void;
};

/**
 * "Assign to partner…" / "Take back from partner…" for selected vehicles: a partner picker; the
 * API decides which partners are valid (a partner admin: only its sub-partners) and its
 * NotFound/Validation answers land on the picker. Taking back also ends what the partner passed
 * on to its sub-partners.
 */
export function AssignVehiclesDialog({
  mode,
  open,
  target,
  count,
  onClose,
  onDone,
}: AssignVehiclesDialogProps) {
  const viewer = useViewer();
  const { message } = AntApp.useApp();
  const [assign] = useMutation(AssignVehiclesDocument, { refetchQueries: refetchAfterAssignment });
  const [unassign] = useMutation(UnassignVehiclesDocument, { refetchQueries: refetchAfterAssignment });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<FormValues, unknown, FormOutput>({
    // the picker starts empty (null), which the schema refuses with its message
    resolver: zodResolver(formSchema) as Resolver<FormValues, unknown, FormOutput>,
    defaultValues: { partnerId: null },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['partnerId'] });
  const text = TEXT[mode];

  const handleClose = () => {
    reset({ partnerId: null });
    setFormError(null);
    onClose();
  };

  const handleSave = handleSubmit(async ({ partnerId }) => {
    if (!target) return;
    const variables = { input: { partnerId, ...target } };
    await submit(
      'VehicleAssignmentSuccess',
      async () =>
        mode === 'assign' ? (await assign({ variables })).data?.assignVehicles : (await unassign({ variables })).data?.unassignVehicles,
      {
        onSuccess: (result) => {
          void message.success(describeAssignmentResult(mode, result));
          reset({ partnerId: null });
          onDone();
        },
      },
    );
  });

  const what =
    target && 'filter' in target
      ? `all ${count} vehicle${count === 1 ? '' : 's'} matching the filter`
      : `${count} selected vehicle${count === 1 ? '' : 's'}`;

  return (
    <Modal
      open={open}
      title={text.title}
      okText={text.ok}
      okButtonProps={{ disabled: !target }}
      onOk={() => void handleSave()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleSave()}
        aria-label={text.title}
      >
        <ErrorResultAlert error={formError} />
        <Typography.Paragraph>
          {mode === 'assign'
            ? `Assign ${what} to a partner. Vehicles already assigned to it stay as they are.`
            : `Take ${what} back from a partner — and from every partner below it that it passed them on to.`}
        </Typography.Paragraph>
        <FormField
          control={control}
          name="partnerId"
          label={text.field}
          id={`vehicles-${mode}-partner`}
          extra={
            viewer.organization.kind === 'PARTNER' ? 'You can choose the partners below your own.' : undefined
          }
          render={(field, aria) => (
            <PartnerSelect
              {...aria}
              ref={field.ref}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
