import { Button, Col, Divider, Flex, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useFieldArray } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import { FormField } from '../../shared/forms/FormField';
import type { JobConfigurationValues } from '../forms/job-form';

/** Any form whose values hold a configuration under `configuration` (New job, Edit job, templates, the technician's override). */
type WithConfiguration = { configuration: JobConfigurationValues };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the forms' checked outputs differ; only the inputs matter here
type ConfigurationControl = Control<WithConfiguration, unknown, any>;

/**
 * Narrows a form's control to its configuration part. Sound because the fields below read and
 * write `configuration.*` only, which every caller's values hold with this exact shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function configurationControl<T extends WithConfiguration>(control: Control<T, unknown, any>): ConfigurationControl {
  return control as unknown as ConfigurationControl;
}

const TEXT_FIELDS = [
  { name: 'configuration.deviceSerial', label: 'Device serial', id: 'device-serial' },
  { name: 'configuration.deviceModel', label: 'Device model', id: 'device-model' },
  { name: 'configuration.firmware', label: 'Firmware', id: 'firmware' },
  { name: 'configuration.installationVariant', label: 'Installation variant', id: 'installation-variant' },
  { name: 'configuration.centralLockConnectionType', label: 'Central lock connection', id: 'central-lock' },
  { name: 'configuration.fuelType', label: 'Fuel type', id: 'fuel-type' },
] as const;

/** The named settings as name/value rows the user adds and removes. */
function SettingsRows({ control, idPrefix, disabled }: { control: ConfigurationControl; idPrefix: string; disabled: boolean }) {
  const { fields, append, remove } = useFieldArray({ control, name: 'configuration.settings' });
  return (
    <>
      {fields.map((row, index) => (
        <Row key={row.id} gutter={8} align="top">
          <Col xs={24} sm={10}>
            <FormField
              control={control}
              name={`configuration.settings.${index}.name`}
              label={`Setting ${index + 1} name`}
              id={`${idPrefix}-setting-${index}-name`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} disabled={disabled} />}
            />
          </Col>
          <Col xs={20} sm={12}>
            <FormField
              control={control}
              name={`configuration.settings.${index}.value`}
              label={`Setting ${index + 1} value`}
              id={`${idPrefix}-setting-${index}-value`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} disabled={disabled} />}
            />
          </Col>
          <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
            <Button aria-label={`Remove setting ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(index)} disabled={disabled} />
          </Col>
        </Row>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => append({ name: '', value: '' })} disabled={disabled}>
        Add setting
      </Button>
    </>
  );
}

export type JobConfigurationFieldsProps = {
  control: ConfigurationControl;
  /** makes the inputs' ids unique on the page ("new-job" → "new-job-device-serial") */
  idPrefix: string;
  /** read-only inputs (e.g. an ASSIGNED job's configuration in "Edit job") */
  disabled?: boolean;
  /** the "Configuration" divider above the fields (off where a card already says so) */
  heading?: boolean;
};

/**
 * The telematics configuration of a job or a template: device serial, model and firmware, how the
 * unit is installed, and the named settings as name/value rows (DESIGN.md §1, Job).
 */
export function JobConfigurationFields({ control, idPrefix, disabled = false, heading = true }: JobConfigurationFieldsProps) {
  return (
    <>
      {heading ? (
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>Configuration</Typography.Text>
        </Divider>
      ) : null}
      <Row gutter={12}>
        {TEXT_FIELDS.map(({ name, label, id }) => (
          <Col key={name} xs={24} sm={8}>
            <FormField
              control={control}
              name={name}
              label={label}
              id={`${idPrefix}-${id}`}
              render={(field, aria) => (
                <Input {...aria} ref={field.ref} name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" disabled={disabled} />
              )}
            />
          </Col>
        ))}
      </Row>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">Named settings</Typography.Text>
        <SettingsRows control={control} idPrefix={idPrefix} disabled={disabled} />
      </Flex>
    </>
  );
}
