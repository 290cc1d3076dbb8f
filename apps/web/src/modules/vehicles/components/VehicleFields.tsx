import { Col, Input, Row } from 'antd';
import type { Control, FieldValues, Path } from 'react-hook-form';
import { FormField } from '../../shared/forms/FormField';
import type { VehicleDetailsFormValues } from '../forms/vehicle-form';

type DetailName = keyof VehicleDetailsFormValues;

const LABELS: Record<DetailName, { label: string; extra?: string }> = {
  make: { label: 'Make' },
  model: { label: 'Model' },
  year: { label: 'Year' },
  plate: { label: 'Plate', extra: 'Stored in upper case.' },
  deviceSerial: { label: 'Device serial' },
  deviceModel: { label: 'Device model' },
  firmware: { label: 'Firmware' },
};

export type VehicleFieldsProps<TValues extends FieldValues, TOutput> = {
  control: Control<TValues, unknown, TOutput>;
  /** prefix of the inputs' ids, unique on the page */
  idPrefix: string;
  readOnly?: boolean;
};

/** The inputs of a vehicle's details (everything but its VIN): what it is, its plate and its telematics unit. */
export function VehicleDetailFields<TValues extends VehicleDetailsFormValues, TOutput>({
  control,
  idPrefix,
  readOnly,
}: VehicleFieldsProps<TValues, TOutput>) {
  const text = (name: DetailName) => (
    <FormField
      control={control}
      name={name as Path<TValues>}
      label={LABELS[name].label}
      extra={LABELS[name].extra}
      id={`${idPrefix}-${name}`}
      render={(field, aria) => (
        <Input
          {...aria}
          ref={field.ref}
          name={field.name}
          value={String(field.value ?? '')}
          onChange={field.onChange}
          onBlur={field.onBlur}
          disabled={readOnly}
          inputMode={name === 'year' ? 'numeric' : undefined}
          autoComplete="off"
        />
      )}
    />
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        {text('make')}
      </Col>
      <Col xs={24} md={12}>
        {text('model')}
      </Col>
      <Col xs={24} md={12}>
        {text('year')}
      </Col>
      <Col xs={24} md={12}>
        {text('plate')}
      </Col>
      <Col xs={24} md={8}>
        {text('deviceSerial')}
      </Col>
      <Col xs={24} md={8}>
        {text('deviceModel')}
      </Col>
      <Col xs={24} md={8}>
        {text('firmware')}
      </Col>
    </Row>
  );
}
