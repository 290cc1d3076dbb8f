import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Select, Switch, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import {
  ArchivePartnerDocument,
  RestorePartnerDocument,
  UpdatePartnerSettingsDocument,
} from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { describeError } from '../../../shared/utils/errors';
import {
  newlyBlocking,
  partnerSettingsSchema,
  settingsFormValues,
  SETTINGS_FIELDS,
} from '../forms/settings-form';
import type { PartnerSettingsValues } from '../forms/settings-form';

export type PartnerSettingsTabProps = { partner: PartnerDetailsFieldsFragment };

/** What blocking means, shown in the confirmation before it happens. */
function blockingWarning(name: string, change: { blocked: boolean; usersBlocked: boolean }): string {
  const parts: string[] = [];
  if (change.blocked) {
    parts.push(
      `${name} and its whole subtree lose access at once: every session and API key stops working on its next request.`,
    );
  }
  if (change.usersBlocked) {
    parts.push(`The users of ${name}'s sub-accounts can no longer sign in.`);
  }
  return parts.join(' ');
}

/** Settings of a partner — job override, blocking, password policy — and archiving it. */
export function PartnerSettingsTab({ partner }: PartnerSettingsTabProps) {
  const { message, modal, notification } = AntApp.useApp();
  const [updateSettings] = useMutation(UpdatePartnerSettingsDocument);
  const [archivePartner] = useMutation(ArchivePartnerDocument);
  const [restorePartner] = useMutation(RestorePartnerDocument);
  const editable = partner.manageable;
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<PartnerSettingsValues>({
    resolver: zodResolver(partnerSettingsSchema),
    defaultValues: settingsFormValues(partner),
  });

  // the stored values are what the form shows; a new version (a reload after a conflict) shows them again
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const serverValues = useMemo(() => settingsFormValues(partner), [partner.version, partner.allowJobOverride, partner.blocked, partner.usersBlocked, partner.organization.passwordPolicy]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'partner' });
  const { formError, submit } = useMutationForm({ setError, fields: SETTINGS_FIELDS, conflict });

  const save = (values: PartnerSettingsValues) =>
    submit(
      'PartnerSuccess',
      async () =>
        (await updateSettings({ variables: { input: { id: partner.id, expectedVersion: partner.version, ...values } } })).data
          ?.updatePartnerSettings,
      { onSuccess: () => void message.success('The settings were saved.') },
    );

  const handleSave = handleSubmit(async (values) => {
    const change = newlyBlocking(settingsFormValues(partner), values);
    if (!change.blocked && !change.usersBlocked) {
      await save(values);
      return;
    }
    await new Promise<void>((resolve) => {
      modal.confirm({
        title: change.blocked
          ? `Block ${partner.name}?`
          : `Block the users of ${partner.name}'s sub-accounts?`,
        content: blockingWarning(partner.name, change),
        okText: 'Block',
        okButtonProps: { danger: true },
        onOk: () => save(values).finally(resolve),
        onCancel: () => resolve(),
      });
    });
  });

  const handleArchive = () => {
    const archived = Boolean(partner.archivedAt);
    modal.confirm({
      title: archived ? `Restore ${partner.name}?` : `Archive ${partner.name}?`,
      content: archived
        ? `${partner.name} returns to the partner lists and its people can work again.`
        : `${partner.name} leaves the partner lists and loses access; its data stays and you can restore it later.`,
      okText: archived ? 'Restore' : 'Archive',
      okButtonProps: { danger: !archived },
      onOk: async () => {
        const title = archived ? `Could not restore ${partner.name}` : `Could not archive ${partner.name}`;
        try {
          const { data } = archived
            ? await restorePartner({ variables: { input: { id: partner.id } } }).then(({ data: d }) => ({
                data: d?.restorePartner,
              }))
            : await archivePartner({ variables: { input: { id: partner.id } } }).then(({ data: d }) => ({
                data: d?.archivePartner,
              }));
          if (data?.__typename === 'PartnerSuccess') {
            void message.success(
              archived ? `${partner.name} was restored.` : `${partner.name} was archived.`,
            );
          } else {
            notification.error({
              title,
              description: data?.message ?? 'The server sent no answer. Try again.',
            });
          }
        } catch (error) {
          notification.error({ title, description: describeError(error) });
        }
      },
    });
  };

  return (
    <Flex vertical gap={24} style={{ maxWidth: 720 }}>
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        disabled={!editable}
        onFinish={() => void handleSave()}
        aria-label="Partner settings"
      >
        {editable ? null : (
          <Alert
            type="info"
            showIcon
            title="These settings are managed by the company you partner with."
            style={{ marginBottom: 16 }}
          />
        )}
        <ErrorResultAlert error={formError} />
        {conflict.dialog}
        <FormField
          control={control}
          name="allowJobOverride"
          label="Allow job override"
          id="settings-allow-job-override"
          extra="Its technicians may change a job's predefined configuration."
          render={(field, aria) => (
            <Switch {...aria} checked={field.value} onChange={field.onChange} ref={field.ref} />
          )}
        />
        <FormField
          control={control}
          name="blocked"
          label="Block partner"
          id="settings-blocked"
          extra="The partner and its whole subtree lose all access: sessions and API keys stop working at once."
          render={(field, aria) => (
            <Switch {...aria} checked={field.value} onChange={field.onChange} ref={field.ref} />
          )}
        />
        <FormField
          control={control}
          name="usersBlocked"
          label="Block its sub-accounts' users"
          id="settings-users-blocked"
          extra="Users of its sub-partners cannot sign in."
          render={(field, aria) => (
            <Switch {...aria} checked={field.value} onChange={field.onChange} ref={field.ref} />
          )}
        />
        <FormField
          control={control}
          name="passwordPolicy"
          label="Password policy"
          id="settings-password-policy"
          extra="What the passwords of the partner's users must meet."
          render={(field, aria) => (
            <Select
              {...aria}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              style={{ maxWidth: 360 }}
              options={[
                { value: 'SIMPLE', label: 'Simple — at least 8 characters' },
                { value: 'COMPLEX', label: 'Complex — 12+ characters, upper and lower case, digit, symbol' },
              ]}
            />
          )}
        />
        {editable ? (
          <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
            Save settings
          </Button>
        ) : null}
      </Form>
      {editable ? (
        <Card size="small" title={partner.archivedAt ? 'Archived partner' : 'Archive'}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Typography.Text type="secondary">
              {partner.archivedAt
                ? 'This partner is archived: it is hidden from the lists and has no access.'
                : 'Archiving hides the partner from the lists and ends its access; nothing is deleted. A partner with active sub-partners cannot be archived.'}
            </Typography.Text>
            <Button danger={!partner.archivedAt} onClick={handleArchive}>
              {partner.archivedAt ? 'Restore' : 'Archive'}
            </Button>
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
