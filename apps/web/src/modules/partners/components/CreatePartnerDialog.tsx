import { useEffect, useMemo } from 'react';
import { App as AntApp, Col, Divider, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { ACCOUNT_TYPES, ACCOUNT_TYPE_LABELS, PARTNER_ROLES, PARTNER_ROLE_LABELS } from '@partner-hub/domain';
import type { PartnerRole } from '@partner-hub/domain';
import { CreatePartnerDocument, PartnerOptionsDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { useViewer } from '../../auth/hooks/viewer-context';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import {
  CREATE_PARTNER_SERVER_FIELDS,
  createPartnerFormSchema,
  emptyCreatePartnerValues,
  toCreatePartnerInput,
} from '../forms/create-partner-form';
import type { CreatePartnerFormOutput, CreatePartnerFormValues } from '../forms/create-partner-form';
import { PartnerSelect } from './PartnerSelect';

/** Refreshes the partners list once a partner was created (not after a refusal). */
export function refetchListOnSuccess(result: {
  data?: { createPartner: { __typename: string } } | null;
}): string[] {
  return result.data?.createPartner.__typename === 'PartnerSuccess' ? ['Partners'] : [];
}

/** The form's plain text inputs. */
type TextFieldName =
  | 'partnerId'
  | `profile.${'name' | 'legalForm' | 'address' | 'email' | 'phone' | 'region' | 'iin' | 'kpp' | 'vatPercent' | 'accountingCode'}`
  | 'agreement.deposit'
  | 'agreement.currency';

/** A Partner ID as a link may carry it (`?parent=VEZ9A`), as opposed to the partner's opaque id. */
const PARTNER_CODE_PATTERN = /^[A-Za-z0-9]{5}$/;

export type CreatePartnerDialogProps = {
  open: boolean;
  /** Preset parent: the partner's id, or its 5-character Partner ID. */
  presetParent?: string;
  presetRole?: PartnerRole;
  onClose: () => void;
  /** Called with the new partner's id once it exists. */
  onCreated: (id: string) => void;
};

/**
 * "Add partner": role, parent, optional Partner ID, profile, agreement and (for service partners)
 * the job-override setting. Checked with libs/domain's rules before sending; the server's
 * field errors land on the fields they name.
 */
export function CreatePartnerDialog({
  open,
  presetParent,
  presetRole,
  onClose,
  onCreated,
}: CreatePartnerDialogProps) {
  const viewer = useViewer();
  const { message } = AntApp.useApp();
  const [createPartner] = useMutation(CreatePartnerDocument, { refetchQueries: refetchListOnSuccess });
  const parentRequired = viewer.organization.kind === 'PARTNER';
  const schema = useMemo(() => createPartnerFormSchema({ parentRequired }), [parentRequired]);
  const presetIsCode = !!presetParent && PARTNER_CODE_PATTERN.test(presetParent);

  const {
    control,
    handleSubmit,
    setError,
    setValue,
    getFieldState,
    reset,
    formState: { isSubmitting },
  } = useForm<CreatePartnerFormValues, unknown, CreatePartnerFormOutput>({
    resolver: zodResolver(schema),
    defaultValues: emptyCreatePartnerValues({
      role: presetRole,
      parentId: presetIsCode ? null : presetParent,
    }),
  });
  const role = useWatch({ control, name: 'role' });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: CREATE_PARTNER_SERVER_FIELDS });

  // A link may name the parent by its Partner ID: look that up once and preset the picker.
  const { data: presetMatches } = useQuery(PartnerOptionsDocument, {
    variables: { search: presetParent ?? '', first: 5 },
    skip: !open || !presetIsCode,
  });
  const presetParentId = presetMatches?.partners.edges.find(
    (edge) => edge.node.partnerId === presetParent?.toUpperCase(),
  )?.node.id;
  useEffect(() => {
    if (presetParentId && !getFieldState('parentId').isDirty) setValue('parentId', presetParentId);
  }, [presetParentId, getFieldState, setValue]);

  const handleClose = () => {
    reset(emptyCreatePartnerValues());
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit((values) =>
    submit('PartnerSuccess', async () => (await createPartner({ variables: { input: toCreatePartnerInput(values) } })).data?.createPartner, {
      onSuccess: ({ partner }) => {
        void message.success(`${partner.name} was added as ${partner.partnerId}.`);
        reset(emptyCreatePartnerValues());
        onCreated(partner.id);
      },
    }),
  );

  const text = (name: TextFieldName, label: string, id: string, extra?: string) => (
    <FormField
      control={control}
      name={name}
      label={label}
      id={id}
      extra={extra}
      render={(field, aria) => (
        <Input
          {...aria}
          ref={field.ref}
          name={field.name}
          value={String(field.value ?? '')}
          onChange={field.onChange}
          onBlur={field.onBlur}
          autoComplete="off"
        />
      )}
    />
  );

  return (
    <Modal
      open={open}
      title="Add partner"
      okText="Add partner"
      onOk={() => void handleCreate()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      width={760}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleCreate()}
        aria-label="Add partner"
      >
        <ErrorResultAlert error={formError} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <FormField
              control={control}
              name="role"
              label="Role"
              id="create-partner-role"
              render={(field, aria) => (
                <Select<PartnerRole>
                  {...aria}
                  ref={field.ref}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  placeholder="Choose a role"
                  options={PARTNER_ROLES.map((value) => ({ value, label: PARTNER_ROLE_LABELS[value] }))}
                />
              )}
            />
          </Col>
          <Col xs={24} md={12}>
            <FormField
              control={control}
              name="parentId"
              label={parentRequired ? 'Parent partner' : 'Parent partner (optional)'}
              id="create-partner-parent"
              extra={parentRequired ? undefined : 'Leave empty for a top-level partner.'}
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
          </Col>
          <Col xs={24} md={12}>
            {text(
              'partnerId',
              'Partner ID (optional)',
              'create-partner-code',
              'Five letters or digits; generated when empty.',
            )}
          </Col>
        </Row>
        <Divider titlePlacement="start">Profile</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {text('profile.name', 'Name', 'create-partner-name')}
          </Col>
          <Col xs={24} md={12}>
            {text('profile.legalForm', 'Legal form', 'create-partner-legal-form')}
          </Col>
          <Col xs={24}>{text('profile.address', 'Address', 'create-partner-address')}</Col>
          <Col xs={24} md={12}>
            {text('profile.email', 'E-mail', 'create-partner-email')}
          </Col>
          <Col xs={24} md={12}>
            {text('profile.phone', 'Phone', 'create-partner-phone')}
          </Col>
          <Col xs={24} md={12}>
            {text('profile.region', 'Region', 'create-partner-region')}
          </Col>
          <Col xs={24} md={12}>
            {text('profile.accountingCode', 'Accounting code', 'create-partner-accounting-code')}
          </Col>
          <Col xs={24} md={8}>
            {text('profile.iin', 'IIN', 'create-partner-iin')}
          </Col>
          <Col xs={24} md={8}>
            {text('profile.kpp', 'KPP', 'create-partner-kpp')}
          </Col>
          <Col xs={24} md={8}>
            {text('profile.vatPercent', 'VAT %', 'create-partner-vat')}
          </Col>
        </Row>
        <Divider titlePlacement="start">Agreement</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            {text('agreement.deposit', 'Deposit', 'create-partner-deposit')}
          </Col>
          <Col xs={24} md={8}>
            {text('agreement.currency', 'Currency', 'create-partner-currency')}
          </Col>
          <Col xs={24} md={8}>
            <FormField
              control={control}
              name="agreement.accountType"
              label="Account type"
              id="create-partner-account-type"
              render={(field, aria) => (
                <Select
                  {...aria}
                  ref={field.ref}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  options={ACCOUNT_TYPES.map((value) => ({ value, label: ACCOUNT_TYPE_LABELS[value] }))}
                />
              )}
            />
          </Col>
        </Row>
        {role === 'SERVICE_PARTNER' ? (
          <FormField
            control={control}
            name="allowJobOverride"
            label="Technicians may change a job's configuration"
            id="create-partner-override"
            render={(field, aria) => (
              <Switch {...aria} ref={field.ref} checked={field.value} onChange={field.onChange} />
            )}
          />
        ) : null}
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
