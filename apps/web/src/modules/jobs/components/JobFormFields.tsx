import type { ReactNode } from 'react';
import { Button, Col, DatePicker, Divider, Flex, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useFieldArray } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import { FormField } from '../../shared/forms/FormField';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';

type JobControl = Control<JobFormValues, unknown, JobFormOutput>;

type TextFieldName =
  | 'title'
  | 'configuration.deviceSerial'
  | 'configuration.deviceModel'
  | 'configuration.firmware'
  | 'configuration.installationVariant'
  | 'configuration.centralLockConnectionType'
  | 'configuration.fuelType';

function TextField({ control, name, label, id, disabled }: { control: JobControl; name: TextFieldName; label: string; id: string; disabled?: boolean }) {
  return (
    <FormField
      control={control}
      name={name}
      label={label}
      id={id}
      render={(field, aria) => (
        <Input {...aria} ref={field.ref} name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" disabled={disabled} />
      )}
    />
  );
}

/** The named settings as name/value rows the user adds and removes. */
function SettingsRows({ control, idPrefix, disabled }: { control: JobControl; idPrefix: string; disabled?: boolean }) {
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

export type JobFormFieldsProps = {
  control: JobControl;
  /** prefix of the inputs' ids (unique on the page) */
  idPrefix: string;
  /** shown beside "Scheduled for" (the New job dialog's service partner) */
  besideSchedule?: ReactNode;
  /** lock everything but the schedule and the instructions (an ASSIGNED job) */
  onlyScheduleAndInstructions?: boolean;
};

/**
 * The job form's texts, planned day and configuration (with named settings), shared by "New job"
 * and "Edit job". Kind, vehicle and service partner belong to the dialogs.
 */
export function JobFormFields({ control, idPrefix, besideSchedule, onlyScheduleAndInstructions: locked = false }: JobFormFieldsProps) {
  return (
    <>
      <TextField control={control} name="title" label="Title" id={`${idPrefix}-title`} disabled={locked} />
      <FormField
        control={control}
        name="description"
        label="Description"
        id={`${idPrefix}-description`}
        render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} disabled={locked} />}
      />
      <FormField
        control={control}
        name="instructions"
        label="Instructions for the technician"
        id={`${idPrefix}-instructions`}
        render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} />}
      />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <FormField
            control={control}
            name="scheduledFor"
            label="Scheduled for"
            id={`${idPrefix}-scheduled`}
            render={(field, aria) => (
              <DatePicker
                {...aria}
                value={field.value ? dayjs(field.value) : null}
                onChange={(day) => field.onChange(day ? day.format('YYYY-MM-DD') : '')}
                onBlur={field.onBlur}
                style={{ width: '100%' }}
              />
            )}
          />
        </Col>
        {besideSchedule ? (
          <Col xs={24} sm={12}>
            {besideSchedule}
          </Col>
        ) : null}
      </Row>
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>Configuration</Typography.Text>
      </Divider>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.deviceSerial" label="Device serial" id={`${idPrefix}-device-serial`} disabled={locked} />
        </Col>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.deviceModel" label="Device model" id={`${idPrefix}-device-model`} disabled={locked} />
        </Col>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.firmware" label="Firmware" id={`${idPrefix}-firmware`} disabled={locked} />
        </Col>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.installationVariant" label="Installation variant" id={`${idPrefix}-installation-variant`} disabled={locked} />
        </Col>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.centralLockConnectionType" label="Central lock connection" id={`${idPrefix}-central-lock`} disabled={locked} />
        </Col>
        <Col xs={24} sm={8}>
          <TextField control={control} name="configuration.fuelType" label="Fuel type" id={`${idPrefix}-fuel-type`} disabled={locked} />
        </Col>
      </Row>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">Named settings</Typography.Text>
        <SettingsRows control={control} idPrefix={idPrefix} disabled={locked} />
      </Flex>
    </>
  );
}
