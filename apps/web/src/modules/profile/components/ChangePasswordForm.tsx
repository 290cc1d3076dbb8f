import { useMemo } from 'react';
import { App as AntApp, Button, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { changePasswordSchema, checkPassword } from '@partner-hub/domain';
import type { PasswordPolicy } from '@partner-hub/domain';
import { ChangePasswordDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';

export type ChangePasswordFormProps = {
  /** The organization's policy; the form checks it early, the API decides. */
  passwordPolicy: PasswordPolicy;
};

const POLICY_HINT: Record<PasswordPolicy, string> = {
  SIMPLE: 'At least 8 characters.',
  COMPLEX: 'At least 12 characters with lower and upper case letters, a digit and a symbol.',
};

/** Changes the signed-in user's own password. */
export function ChangePasswordForm({ passwordPolicy }: ChangePasswordFormProps) {
  const { message } = AntApp.useApp();
  const [changePassword] = useMutation(ChangePasswordDocument);
  const schema = useMemo(
    () =>
      changePasswordSchema
        .extend({
          newPassword: changePasswordSchema.shape.newPassword.superRefine((password, ctx) => {
            const problem = password ? checkPassword(password, passwordPolicy) : null;
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
          confirmPassword: z.string().min(1, 'Repeat the new password.'),
        })
        .refine((values) => values.confirmPassword === values.newPassword, {
          path: ['confirmPassword'],
          message: 'The two new passwords differ.',
          // Report the mismatch even while another field still has an error.
          when: (payload) => typeof payload.value === 'object' && payload.value !== null,
        }),
    [passwordPolicy],
  );
  type Values = z.input<typeof schema>;
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['currentPassword', 'newPassword'] });

  const handleChangePassword = handleSubmit(({ currentPassword, newPassword }) =>
    submit(
      'ChangePasswordSuccess',
      async () => (await changePassword({ variables: { input: { currentPassword, newPassword } } })).data?.changePassword,
      {
        onSuccess: () => {
          reset();
          void message.success('Your password was changed.');
        },
        // A wrong current password comes back as InvalidCredentialsError: it belongs to that field.
        onRefusal: (refusal) =>
          refusal.__typename === 'InvalidCredentialsError' && !refusal.field ? { ...refusal, field: 'currentPassword' } : refusal,
      },
    ),
  );

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      onFinish={() => void handleChangePassword()}
      style={{ maxWidth: 420 }}
      aria-label="Change password"
    >
      <ErrorResultAlert error={formError} />
      <FormField
        control={control}
        name="currentPassword"
        label="Current password"
        id="change-password-current"
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="current-password" />}
      />
      <FormField
        control={control}
        name="newPassword"
        label="New password"
        id="change-password-new"
        extra={POLICY_HINT[passwordPolicy]}
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
      />
      <FormField
        control={control}
        name="confirmPassword"
        label="Repeat the new password"
        id="change-password-confirm"
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
      />
      <Button type="primary" htmlType="submit" loading={isSubmitting}>
        Change password
      </Button>
    </Form>
  );
}
