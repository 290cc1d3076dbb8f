import { Card, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ViewerDocument } from '@partner-hub/graphql-client';
import { SignInForm } from '../modules/auth/components/SignInForm';
import { returnPathFrom } from '../modules/auth/utils/redirect';

/** /sign-in: e-mail and password; afterwards back to the page the user came from. */
export function SignInPage() {
  const location = useLocation();
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
          <SignInForm onSignedIn={() => void navigate(returnTo, { replace: true })} />
        )}
      </Card>
    </Flex>
  );
}
