import { useMemo, useState } from 'react';
import { App as AntApp, Form, Input, Modal, Switch } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CreatePartnerDocument, SendPartnerInvitationDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { useViewer } from '../../auth/hooks/viewer-context';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { ErrorResultLike } from '../../shared/forms/apply-error-result';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { inviteServicePartnerSchema } from '../forms/invite-service-partner-form';
import { refetchListOnSuccess } from './CreatePartnerDialog';
import { PartnerSelect } from './PartnerSelect';

export type InviteServicePartnerDialogProps = {
  open: boolean;
  onClose: () => void;
};

/** The server's field names for this form's fields (createPartner names the profile's, the invitation its own). */
const SERVER_FIELD_NAMES: Record<string, 'name' | 'email' | 'parentId' | 'allowJobOverride'> = {
  'profile.name': 'name',
  'profile.email': 'email',
  email: 'email',
  parentId: 'parentId',
  allowJobOverride: 'allowJobOverride',
};

/** The server's error result with its field names translated to this form's. */
function renameFields(result: ErrorResultLike): ErrorResultLike {
  const rename = (field: string | null) => (field ? (SERVER_FIELD_NAMES[field] ?? field) : field);
  return {
    ...result,
    field: rename(result.field),
    fieldErrors: result.fieldErrors?.map((fieldError) => ({
      ...fieldError,
      field: rename(fieldError.field) ?? fieldError.field,
    })),
  };
}

type CreatedPartner = { id: string; name: string; email: string };

/**
 * "Invite service partner": name, e-mail and the job-override choice up front; creates the service
 * partner, then sends its invitation. When the invitation fails after the partner was created,
 * trying again only re-sends the invitation (no duplicate partner).
 */
export function InviteServicePartnerDialog({ open, onClose }: InviteServicePartnerDialogProps) {
  const viewer = useViewer();
  const { message } = AntApp.useApp();
  // The new partner joins the list by a refetch; the invitation then updates its row through the cache.
  const [createPartner] = useMutation(CreatePartnerDocument, { refetchQueries: refetchListOnSuccess });
  const [sendInvitation] = useMutation(SendPartnerInvitationDocument);
  const [created, setCreated] = useState<CreatedPartner | null>(null);
  const parentRequired = viewer.organization.kind === 'PARTNER';
  const schema = useMemo(() => inviteServicePartnerSchema({ parentRequired }), [parentRequired]);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', email: '', allowJobOverride: false, parentId: null },
  });
  const { formError, setFormError, submit } = useMutationForm({
    setError,
    fields: ['name', 'email', 'parentId', 'allowJobOverride'],
  });

  const handleClose = () => {
    reset();
    setFormError(null);
    setCreated(null);
    onClose();
  };

  const invite = (partner: CreatedPartner) =>
    submit(
      'PartnerSuccess',
      async () =>
        (await sendInvitation({ variables: { input: { partnerId: partner.id, email: partner.email } } })).data
          ?.sendPartnerInvitation,
      {
        onSuccess: () => {
          void message.success(`Invitation sent to ${partner.email}.`);
          handleClose();
        },
        // the e-mail's own error shows on its field; the sentence above the form says the partner exists
        onRefusal: (refusal) => {
          const problem = applyErrorResult(renameFields(refusal), setError, ['email']);
          const message = `${partner.name} was added, but the invitation was not sent${problem ? `: ${problem.message}` : '.'} Fix the e-mail address and try again.`;
          return { ...refusal, field: null, fieldErrors: [], message };
        },
      },
    );

  const handleInvite = handleSubmit(async (values) => {
    if (created) return invite({ ...created, email: values.email });
    const input = {
      role: 'SERVICE_PARTNER' as const,
      parentId: values.parentId ?? null,
      profile: { name: values.name, email: values.email },
      allowJobOverride: values.allowJobOverride,
    };
    await submit('PartnerSuccess', async () => (await createPartner({ variables: { input } })).data?.createPartner, {
      onSuccess: async ({ partner }) => {
        const added = { id: partner.id, name: partner.name, email: values.email };
        setCreated(added);
        await invite(added);
      },
      onRefusal: renameFields,
    });
  });

  return (
    <Modal
      open={open}
      title="Invite service partner"
      okText={created ? 'Send invitation again' : 'Send invitation'}
      onOk={() => void handleInvite()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleInvite()}
        aria-label="Invite service partner"
      >
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="name"
          label="Company name"
          id="invite-partner-name"
          render={(field, aria) => <Input {...field} {...aria} disabled={!!created} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="email"
          label="E-mail"
          id="invite-partner-email"
          extra="The invitation link goes to this address; the recipient creates the partner's first admin."
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        {parentRequired ? (
          <FormField
            control={control}
            name="parentId"
            label="Under partner"
            id="invite-partner-parent"
            render={(field, aria) => (
              <PartnerSelect
                {...aria}
                ref={field.ref}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                disabled={!!created}
              />
            )}
          />
        ) : null}
        <FormField
          control={control}
          name="allowJobOverride"
          label="Technicians may change a job's configuration"
          id="invite-partner-override"
          extra="Lets the partner's technicians adjust a job's predefined settings; every change is recorded."
          render={(field, aria) => (
            <Switch
              id={aria.id}
              ref={field.ref}
              checked={field.value}
              onChange={field.onChange}
              disabled={!!created}
            />
          )}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
