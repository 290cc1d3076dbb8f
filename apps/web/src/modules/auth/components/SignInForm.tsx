import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { signInSchema, SignInValues } from '@partner-hub/domain';
import { SignInDocument, ViewerDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { useCountdown } from '../hooks/useCountdown';
import { clearSignOutNotice } from '../utils/sign-out-notice';

export type SignInFormProps = {
  /** Called once the session exists and the viewer has been fetched again. */
  onSignedIn: () => void;
  /** Fills the e-mail field, e.g. from the link on the invitation page's success screen. */
  defaultEmail?: string;
  /** Why the user was signed out (e.g. a blocked organization); the form's own error replaces it, so one sentence is never shown twice. */
  notice?: string | null;
};

type SignInOutput = z.output<typeof signInSchema>;
type SignInResolver = Resolver<SignInValues, unknown, SignInOutput>;

let loadingRules: Promise<SignInResolver> | undefined;

/**
 * The domain's sign-in rules (a zod schema) load with the first keystroke or click in the form, not with the page:
 * zod alone would be a twelfth of the sign-in page's first download (issue 14.8 keeps that under 300 KB gzip).
 */
function loadSignInRules(): Promise<SignInResolver> {
  loadingRules ??= import('./sign-in-rules').then((module) => module.signInRules);
  // a failed download is tried again at the next keystroke or submit
  loadingRules.catch(() => (loadingRules = undefined));
  return loadingRules;
}

/** Checks the form with the domain's rules; if they cannot be downloaded, the server (which applies the same rules) answers. */
const signInResolver: SignInResolver = async (values, context, options) => {
  const rules = await loadSignInRules().catch(() => null);
  return rules ? rules(values, context, options) : { values: values as SignInOutput, errors: {} };
};

const preloadSignInRules = () => void loadSignInRules().catch(() => undefined);

/** E-mail and password sign-in; server ErrorResults land on the fields they name or above the form. */
export function SignInForm({ onSignedIn, defaultEmail = '', notice = null }: SignInFormProps) {
  const client = useApolloClient();
  const [signIn] = useMutation(SignInDocument);
  // Set while the last answer was TooManyAttemptsError: the form then shows a countdown.
  const [throttled, setThrottled] = useState(false);
  const [retryInSeconds, startRetryCountdown] = useCountdown();
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<SignInValues, unknown, SignInOutput>({
    resolver: signInResolver,
    defaultValues: { email: defaultEmail, password: '' },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['email', 'password'] });

  const handleSignIn = handleSubmit((values) => {
    setThrottled(false);
    return submit(
      'SignInSuccess',
      async () => (await signIn({ variables: { input: values } })).data?.signIn,
      {
        onSuccess: async () => {
          await client.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
          clearSignOutNotice();
          onSignedIn();
        },
        onRefusal: (refusal) => {
          if (refusal.__typename === 'TooManyAttemptsError') {
            setThrottled(true);
            startRetryCountdown(refusal.retryAfterSeconds);
          }
          return refusal;
        },
      },
    );
  });

  const blocked = retryInSeconds > 0;

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      onFinish={() => void handleSignIn()}
      onKeyDown={preloadSignInRules}
      onPointerDown={preloadSignInRules}
      aria-label="Sign in"
    >
      {notice && !formError ? (
        <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />
      ) : null}
      {formError && throttled ? (
        <ErrorResultAlert
          title={formError.message}
          error={blocked ? `Try again in ${retryInSeconds} seconds.` : 'You can try again now.'}
        />
      ) : (
        <ErrorResultAlert error={formError} />
      )}
      <FormField
        control={control}
        name="email"
        label="E-mail"
        id="sign-in-email"
        render={(field, aria) => (
          <Input
            {...field}
            {...aria}
            type="email"
            autoComplete="username"
            autoFocus={!defaultEmail}
            size="large"
          />
        )}
      />
      <FormField
        control={control}
        name="password"
        label="Password"
        id="sign-in-password"
        render={(field, aria) => (
          <Input.Password
            {...field}
            {...aria}
            autoComplete="current-password"
            autoFocus={!!defaultEmail}
            size="large"
          />
        )}
      />
      <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting} disabled={blocked}>
        Sign in
      </Button>
    </Form>
  );
}
