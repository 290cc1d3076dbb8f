import type { ReactNode } from 'react';
import { Form } from 'antd';
import { useController } from 'react-hook-form';
import type { Control, ControllerRenderProps, FieldPath, FieldValues } from 'react-hook-form';

/** What a field's input needs to be labelled and to announce its error. */
export type FieldAriaProps = {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  status?: 'error';
};

export type FormFieldProps<
  TFieldValues extends FieldValues,
  TName extends FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
> = {
  control: Control<TFieldValues, unknown, TTransformedValues>;
  name: TName;
  /** Visible label; also the input's accessible name (label[for] → input id). */
  label: ReactNode;
  /** The input's id; must be unique on the page. */
  id: string;
  /** Help shown under the input while it has no error. */
  extra?: ReactNode;
  required?: boolean;
  render: (field: ControllerRenderProps<TFieldValues, TName>, aria: FieldAriaProps) => ReactNode;
};

/**
 * One react-hook-form field laid out as an antd Form.Item: label, input, and the field's error
 * (from the schema resolver or mapped from a server ErrorResult).
 */
export function FormField<
  TFieldValues extends FieldValues,
  TName extends FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
>({ control, name, label, id, extra, required, render }: FormFieldProps<TFieldValues, TName, TTransformedValues>) {
  const { field, fieldState } = useController({ control, name });
  const errorMessage = fieldState.error?.message;
  const helpId = `${id}-help`;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      validateStatus={errorMessage ? 'error' : undefined}
      help={errorMessage ? <span id={helpId}>{errorMessage}</span> : undefined}
      extra={extra}
    >
      {render(field, {
        id,
        'aria-invalid': Boolean(errorMessage),
        'aria-describedby': errorMessage ? helpId : undefined,
        status: errorMessage ? 'error' : undefined,
      })}
    </Form.Item>
  );
}
