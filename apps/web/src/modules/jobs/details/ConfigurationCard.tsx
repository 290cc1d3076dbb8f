import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm } from 'react-hook-form';
import type { Control, Resolver } from 'react-hook-form';
import { CONFIGURATION_OVERRIDE_MESSAGES } from '@partner-hub/domain';
import { OverrideJobConfigurationDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { describeError } from '../../shared/utils/errors';
import { CONFIGURATION_SERVER_FIELDS, configurationFormSchema, configurationFormValues, toConfigurationInput } from '../forms/configuration-form';
import type { ConfigurationFormOutput, ConfigurationFormValues } from '../forms/configuration-form';

type Configuration = NonNullable<JobDetailsFieldsFragment['configuration']>;
type FormControl = Control<ConfigurationFormValues, unknown, ConfigurationFormOutput>;

export type ConfigurationCardProps = { job: JobDetailsFieldsFragment };

const or = (value: string | null | undefined) => value || '—';

/** The configuration's fields, their labels and input ids, in the order the New job dialog shows them. */
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

/** The named settings as name/value rows (one column on a phone). */
function SettingRows({ control }: { control: FormControl }) {
  const { fields, append, remove } = useFieldArray({ control, name: 'configuration.settings' });
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">Named settings</Typography.Text>
      {fields.map((row, index) => (
        <Row key={row.id} gutter={8} align="top">
          <Col xs={24} sm={10}>
            <FormField
              control={control}
              name={`configuration.settings.${index}.name`}
              label={`Setting ${index + 1} name`}
              id={`override-setting-${index}-name`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" />}
            />
          </Col>
          <Col xs={20} sm={12}>
            <FormField
              control={control}
              name={`configuration.settings.${index}.value`}
              label={`Setting ${index + 1} value`}
              id={`override-setting-${index}-value`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" />}
            />
          </Col>
          <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
            <Button aria-label={`Remove setting ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(index)} />
          </Col>
        </Row>
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => append({ name: '', value: '' })}>
          Add setting
        </Button>
      </div>
    </Flex>
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
  const [formError, setFormError] = useState<FormLevelError | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<ConfigurationFormValues, unknown, ConfigurationFormOutput>({
    resolver: zodResolver(configurationFormSchema) as Resolver<ConfigurationFormValues, unknown, ConfigurationFormOutput>,
    defaultValues: configurationFormValues(configuration),
  });

  const handleSave = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { data } = await override({ variables: { input: { id: job.id, configuration: toConfigurationInput(values) } } });
      const result = data?.overrideJobConfiguration;
      if (result?.__typename === 'JobSuccess') {
        void message.success('The configuration was saved; the change is in the history.');
        onDone();
        return;
      }
      if (result) setFormError(applyErrorResult(result, setError, CONFIGURATION_SERVER_FIELDS));
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  });

  return (
    <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label="Edit configuration">
      <ErrorResultAlert error={formError} />
      <Row gutter={12}>
        {FIELDS.map(([field, label]) => (
          <Col key={field} xs={24} sm={12}>
            <FormField
              control={control}
              name={`configuration.${field}`}
              label={label}
              id={`override-${field}`}
              render={(input, aria) => (
                <Input {...aria} ref={input.ref} name={input.name} value={input.value} onChange={input.onChange} onBlur={input.onBlur} autoComplete="off" />
              )}
            />
          </Col>
        ))}
      </Row>
      <SettingRows control={control} />
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
