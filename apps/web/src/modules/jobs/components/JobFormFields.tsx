import type { ReactNode } from 'react';
import { Col, DatePicker, Input, Row } from 'antd';
import dayjs from 'dayjs';
import type { Control } from 'react-hook-form';
import { FormField } from '../../shared/forms/FormField';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';
import { JobConfigurationFields, configurationControl } from './JobConfigurationFields';

type JobControl = Control<JobFormValues, unknown, JobFormOutput>;

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
      <FormField
        control={control}
        name="title"
        label="Title"
        id={`${idPrefix}-title`}
        render={(field, aria) => (
          <Input {...aria} ref={field.ref} name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" disabled={locked} />
        )}
      />
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
      <JobConfigurationFields control={configurationControl(control)} idPrefix={idPrefix} disabled={locked} />
    </>
  );
}
