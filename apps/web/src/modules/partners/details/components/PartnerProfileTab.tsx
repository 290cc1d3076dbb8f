import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Col, Form, Input, Row } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { partnerProfileSchema } from '@partner-hub/domain';
import { UpdatePartnerProfileDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { useViewer } from '../../../auth/hooks/viewer-context';
import { FormField } from '../../../shared/forms/FormField';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { PROFILE_FIELDS, profileFormValues, profileInput } from '../forms/profile-form';
import type { ProfileFormOutput, ProfileFormValues } from '../forms/profile-form';
import { withoutFieldPrefix } from '../forms/server-errors';

/** What the principal reads when the partner has taken its profile over. */
export const CLAIMED_PROFILE_NOTE =
  'This partner has claimed its organization; its profile is theirs to edit. Agreement and settings stay yours.';

export type PartnerProfileTabProps = {
  partner: PartnerDetailsFieldsFragment;
};

type FieldSpec = {
  name: keyof ProfileFormValues;
  label: string;
  autoComplete?: string;
  span: number;
  type?: string;
};

const FIELDS: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', autoComplete: 'organization', span: 12 },
  { name: 'legalForm', label: 'Legal form', span: 12 },
  { name: 'address', label: 'Address', autoComplete: 'street-address', span: 24 },
  { name: 'email', label: 'E-mail', autoComplete: 'email', span: 12, type: 'email' },
  { name: 'phone', label: 'Phone', autoComplete: 'tel', span: 12, type: 'tel' },
  { name: 'region', label: 'Region', span: 12 },
  { name: 'accountingCode', label: 'Accounting code', span: 12 },
  { name: 'iin', label: 'IIN', span: 8 },
  { name: 'kpp', label: 'KPP', span: 8 },
  { name: 'vatPercent', label: 'VAT %', span: 8 },
];

/** Why the profile is read-only for this viewer, or null when it may be edited. */
function readOnlyNote(partner: PartnerDetailsFieldsFragment, viewerOrganizationId: string): string | null {
  if (partner.profileEditable) return null;
  if (partner.status === 'ACCEPTED' && partner.organization.id !== viewerOrganizationId) {
    return partner.manageable
      ? CLAIMED_PROFILE_NOTE
      : 'This partner has claimed its organization; its profile is theirs to edit.';
  }
  return 'Your role can view this profile but not change it.';
}

/**
 * The partner organization's profile. Editable by the principal (or a managing partner admin)
 * until the partner claims it, and by the partner itself afterwards; read-only with a note otherwise.
 */
export function PartnerProfileTab({ partner }: PartnerProfileTabProps) {
  const viewer = useViewer();
  const { message } = AntApp.useApp();
  const [updateProfile] = useMutation(UpdatePartnerProfileDocument);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<ProfileFormValues, unknown, ProfileFormOutput>({
    // the form holds every field as text, a narrower type than the schema's input accepts
    resolver: zodResolver(partnerProfileSchema) as Resolver<ProfileFormValues, unknown, ProfileFormOutput>,
    defaultValues: profileFormValues(partner.organization),
  });

  // a newer profile from the server (after saving, or edited elsewhere) replaces the form's values
  // the stored values are what the form shows; a new version (a reload after a conflict) shows them again
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const serverValues = useMemo(() => profileFormValues(partner.organization), [partner.organization, partner.version]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'partner' });
  const { formError, submit } = useMutationForm({ setError, fields: PROFILE_FIELDS, conflict });

  const note = readOnlyNote(partner, viewer.organization.id);
  const editable = note === null;

  const handleSave = handleSubmit((values) =>
    submit(
      'PartnerSuccess',
      async () =>
        (await updateProfile({ variables: { input: { id: partner.id, expectedVersion: partner.version, profile: profileInput(values) } } }))
          .data?.updatePartnerProfile,
      {
        onSuccess: () => void message.success('The profile was saved.'),
        onRefusal: (refusal) => withoutFieldPrefix(refusal, 'profile.'),
      },
    ),
  );

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      disabled={!editable}
      onFinish={() => void handleSave()}
      aria-label="Partner profile"
      style={{ maxWidth: 880 }}
    >
      {note ? <Alert type="info" showIcon title={note} style={{ marginBottom: 16 }} /> : null}
      <ErrorResultAlert error={formError} />
      {conflict.dialog}
      <Row gutter={16}>
        {FIELDS.map((spec) => (
          <Col key={spec.name} xs={24} md={spec.span}>
            <FormField
              control={control}
              name={spec.name}
              label={spec.label}
              id={`partner-profile-${spec.name}`}
              required={spec.name === 'name'}
              render={(field, aria) => (
                <Input
                  {...field}
                  {...aria}
                  type={spec.type}
                  autoComplete={spec.autoComplete ?? 'off'}
                  readOnly={!editable}
                />
              )}
            />
          </Col>
        ))}
      </Row>
      {editable ? (
        <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
          Save profile
        </Button>
      ) : null}
    </Form>
  );
}
