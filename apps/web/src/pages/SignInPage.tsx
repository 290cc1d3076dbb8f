import { Card, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ViewerDocument } from '@partner-hub/graphql-client';
import { SignInForm } from '../modules/auth/components/SignInForm';
import { returnPathFrom } from '../modules/auth/utils/redirect';
import { ACCOUNT_BLOCKED_NOTICE, useSignOutNotice } from '../modules/auth/utils/sign-out-notice';

/**
 * /sign-in: e-mail and password; afterwards back to the page the user came from. `?email=` fills
 * the e-mail field; why the app signed the user out (`?reason=blocked`, or the reason the API gave)
 * is shown above the form.
 */
export function SignInPage() {
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const signOutNotice = useSignOutNotice();
  const notice = signOutNotice ?? (searchParams.get('reason') === 'blocked' ? ACCOUNT_BLOCKED_NOTICE : null);
  const navigate = useNavigate();
  const returnTo = returnPathFrom(location.state);
  const { data, loading } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });

  if (data?.viewer) return <Navigate to={returnTo} replace />;

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={2} style={{ margin: '12px 0 4px' }}>
            Partner Hub
          </Typography.Title>
          <Typography.Text type="secondary">Sign in to your organization</Typography.Text>
        </Flex>
        {loading && !data ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : (
          <SignInForm
            defaultEmail={searchParams.get('email') ?? ''}
            notice={notice}
            onSignedIn={() => void navigate(returnTo, { replace: true })}
          />
        )}
      </Card>
    </Flex>
  );
}
