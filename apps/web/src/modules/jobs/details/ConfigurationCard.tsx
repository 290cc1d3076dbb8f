import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Descriptions, Flex, Form, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { CONFIGURATION_OVERRIDE_MESSAGES } from '@partner-hub/domain';
import { OverrideJobConfigurationDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { CONFIGURATION_SERVER_FIELDS, configurationFormSchema, configurationFormValues } from '../forms/configuration-form';
import { toConfigurationInput } from '../forms/job-form';
import type { ConfigurationFormOutput, ConfigurationFormValues } from '../forms/configuration-form';
import { JobConfigurationFields, configurationControl } from '../components/JobConfigurationFields';

type Configuration = NonNullable<JobDetailsFieldsFragment['configuration']>;

export type ConfigurationCardProps = { job: JobDetailsFieldsFragment };

const or = (value: string | null | undefined) => value || '—';

/** The configuration's fields and their labels, in the order the forms show them. */
const FIELDS = [
  ['deviceSerial', 'Device serial'],
  ['deviceModel', 'Device model'],
  ['firmware', 'Firmware'],
  ['installationVariant', 'Installation variant'],
  ['centralLockConnectionType', 'Central lock connection'],
  ['fuelType', 'Fuel type'],
] as const;

function ConfigurationView({ configuration }: { configuration: Configuration }) {
  return (
    <Descriptions column={1} size="small">
      {FIELDS.map(([field, label]) => (
        <Descriptions.Item key={field} label={label}>
          {or(configuration[field])}
        </Descriptions.Item>
      ))}
      {configuration.settings.map((setting) => (
        <Descriptions.Item key={setting.name} label={<Typography.Text code>{setting.name}</Typography.Text>}>
          {setting.value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/**
 * "Edit configuration": the whole configuration as the technician applied it, checked with
 * libs/domain's rules; the API's field errors land on their fields, its refusal (e.g. the partner
 * lost `allowJobOverride` meanwhile) above the form. Saving records old → new in the history.
 */
function ConfigurationForm({ job, configuration, onDone }: { job: JobDetailsFieldsFragment; configuration: Configuration; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [override] = useMutation(OverrideJobConfigurationDocument);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<ConfigurationFormValues, unknown, ConfigurationFormOutput>({
    resolver: zodResolver(configurationFormSchema) as Resolver<ConfigurationFormValues, unknown, ConfigurationFormOutput>,
    defaultValues: configurationFormValues(configuration),
  });
  const { formError, submit } = useMutationForm({ setError, fields: CONFIGURATION_SERVER_FIELDS });

  const handleSave = handleSubmit((values) =>
    submit(
      'JobSuccess',
      async () =>
        (await override({ variables: { input: { id: job.id, configuration: toConfigurationInput(values.configuration) } } })).data
          ?.overrideJobConfiguration,
      {
        onSuccess: () => {
          void message.success('The configuration was saved; the change is in the history.');
          onDone();
        },
      },
    ),
  );

  return (
    <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label="Edit configuration">
      <ErrorResultAlert error={formError} />
      <JobConfigurationFields control={configurationControl(control)} idPrefix="override" heading={false} />
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" size="large" loading={isSubmitting}>
          Save configuration
        </Button>
        <Button size="large" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * The configuration the technician must apply (hidden with the vehicle once access has ended).
 * The job's `configurationOverride` (the API's own rule) decides: ALLOWED offers "Edit
 * configuration"; PARTNER_DISALLOWS shows it read-only with the reason.
 */
export function ConfigurationCard({ job }: ConfigurationCardProps) {
  const [editing, setEditing] = useState(false);
  const configuration = job.configuration;
  if (!configuration) return null;
  const allowed = job.configurationOverride === 'ALLOWED';
  return (
    <Card
      title="Configuration"
      size="small"
      extra={
        allowed && !editing ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            Edit configuration
          </Button>
        ) : null
      }
    >
      {job.configurationOverride === 'PARTNER_DISALLOWS' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="Read-only" description={CONFIGURATION_OVERRIDE_MESSAGES.PARTNER_DISALLOWS} />
      ) : null}
      {allowed && editing ? <ConfigurationForm job={job} configuration={configuration} onDone={() => setEditing(false)} /> : <ConfigurationView configuration={configuration} />}
    </Card>
  );
}
