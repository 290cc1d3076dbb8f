import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Divider, Flex, Form, Input, Modal, Row, Segmented, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import dayjs from 'dayjs';
import { useFieldArray, useForm } from 'react-hook-form';
import type { Control, Resolver } from 'react-hook-form';
import { JOB_KINDS } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import { CreateJobDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { describeError } from '../../shared/utils/errors';
import { JOB_SERVER_FIELDS, emptyJobValues, jobFormSchema, toCreateJobInput } from '../forms/job-form';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { ServicePartnerSelect } from './ServicePartnerSelect';
import { VehiclePicker } from './VehiclePicker';

/** Refreshes the jobs lists once a job was created (not after a refusal). */
export function refetchJobsOnCreate(result: { data?: { createJob: { __typename: string } } | null }): string[] {
  return result.data?.createJob.__typename === 'JobSuccess' ? ['Jobs'] : [];
}

export type CreateJobDialogProps = {
  open: boolean;
  /** the kind preselected (the open tab's) */
  kind?: JobKind;
  onClose: () => void;
  /** called with the new job's id (to open its page) */
  onCreated: (id: string) => void;
};

type TextFieldName =
  | 'title'
  | 'configuration.deviceSerial'
  | 'configuration.deviceModel'
  | 'configuration.firmware'
  | 'configuration.installationVariant'
  | 'configuration.centralLockConnectionType'
  | 'configuration.fuelType';

function TextField({ control, name, label, id }: { control: Control<JobFormValues, unknown, JobFormOutput>; name: TextFieldName; label: string; id: string }) {
  return (
    <FormField
      control={control}
      name={name}
      label={label}
      id={id}
      render={(field, aria) => (
        <Input {...aria} ref={field.ref} name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" />
      )}
    />
  );
}

/** The named settings as name/value rows the user adds and removes. */
function SettingsRows({ control }: { control: Control<JobFormValues, unknown, JobFormOutput> }) {
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
              id={`new-job-setting-${index}-name`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
            />
          </Col>
          <Col xs={20} sm={12}>
            <FormField
              control={control}
              name={`configuration.settings.${index}.value`}
              label={`Setting ${index + 1} value`}
              id={`new-job-setting-${index}-value`}
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
            />
          </Col>
          <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
            <Button aria-label={`Remove setting ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(index)} />
          </Col>
        </Row>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => append({ name: '', value: '' })}>
        Add setting
      </Button>
    </>
  );
}

/**
 * "New job": kind, vehicle, texts, the telematics configuration with named settings, the planned
 * day and the service partner (accepted service partners only). "Save" keeps the job PENDING;
 * "Save & Assign" needs a service partner and assigns it at once. The rules come from
 * libs/domain; the server's field errors land on the fields they name.
 */
export function CreateJobDialog({ open, kind = 'INSTALLATION', onClose, onCreated }: CreateJobDialogProps) {
  const { message } = AntApp.useApp();
  const [createJob] = useMutation(CreateJobDocument, { refetchQueries: refetchJobsOnCreate });
  const [formError, setFormError] = useState<FormLevelError | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { isSubmitting },
  } = useForm<JobFormValues, unknown, JobFormOutput>({
    resolver: zodResolver(jobFormSchema) as Resolver<JobFormValues, unknown, JobFormOutput>,
    defaultValues: emptyJobValues(kind),
  });

  const handleClose = () => {
    reset(emptyJobValues(kind));
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { data } = await createJob({ variables: { input: toCreateJobInput(values) } });
      const result = data?.createJob;
      if (result?.__typename === 'JobSuccess') {
        void message.success(values.assign ? 'The job was created and assigned.' : 'The job was saved.');
        reset(emptyJobValues(kind));
        onCreated(result.job.id);
        return;
      }
      if (result) setFormError(applyErrorResult(result, setError, JOB_SERVER_FIELDS));
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  });

  const submit = (assign: boolean) => {
    setValue('assign', assign);
    void handleCreate();
  };

  return (
    <Modal
      open={open}
      title="New job"
      onCancel={handleClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={handleClose}>
          Cancel
        </Button>,
        <Button key="save" loading={isSubmitting} onClick={() => submit(false)}>
          Save
        </Button>,
        <Button key="assign" type="primary" loading={isSubmitting} onClick={() => submit(true)}>
          Save &amp; Assign
        </Button>,
      ]}
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => submit(false)} aria-label="New job">
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="kind"
          label="Kind"
          id="new-job-kind"
          render={(field) => (
            <Segmented<JobKind>
              id="new-job-kind"
              value={field.value}
              onChange={field.onChange}
              options={JOB_KINDS.map((value) => ({ value, label: JOB_KIND_LABELS[value] }))}
            />
          )}
        />
        <FormField
          control={control}
          name="vehicleId"
          label="Vehicle"
          id="new-job-vehicle"
          render={(field, aria) => (
            <VehiclePicker {...aria} ref={field.ref} value={field.value || null} onChange={(id) => field.onChange(id ?? '')} onBlur={field.onBlur} />
          )}
        />
        <TextField control={control} name="title" label="Title" id="new-job-title" />
        <FormField
          control={control}
          name="description"
          label="Description"
          id="new-job-description"
          render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} />}
        />
        <FormField
          control={control}
          name="instructions"
          label="Instructions for the technician"
          id="new-job-instructions"
          render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} />}
        />
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <FormField
              control={control}
              name="scheduledFor"
              label="Scheduled for"
              id="new-job-scheduled"
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
          <Col xs={24} sm={12}>
            <FormField
              control={control}
              name="servicePartnerId"
              label="Service partner"
              id="new-job-partner"
              extra="Accepted service partners; needed for Save & Assign."
              render={(field, aria) => (
                <ServicePartnerSelect {...aria} acceptedOnly ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} style={{ width: '100%' }} />
              )}
            />
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>Configuration</Typography.Text>
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.deviceSerial" label="Device serial" id="new-job-device-serial" />
          </Col>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.deviceModel" label="Device model" id="new-job-device-model" />
          </Col>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.firmware" label="Firmware" id="new-job-firmware" />
          </Col>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.installationVariant" label="Installation variant" id="new-job-installation-variant" />
          </Col>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.centralLockConnectionType" label="Central lock connection" id="new-job-central-lock" />
          </Col>
          <Col xs={24} sm={8}>
            <TextField control={control} name="configuration.fuelType" label="Fuel type" id="new-job-fuel-type" />
          </Col>
        </Row>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">Named settings</Typography.Text>
          <SettingsRows control={control} />
        </Flex>
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
