import { Flex, Spin, theme } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ViewerDocument } from '@partner-hub/graphql-client';
import { SignInForm } from '../modules/auth/components/SignInForm';
import { returnPathFrom } from '../modules/auth/utils/redirect';
import { ACCOUNT_BLOCKED_NOTICE, useSignOutNotice } from '../modules/auth/utils/sign-out-notice';

/**
 * /sign-in: e-mail and password; afterwards back to the page the user came from. `?email=` fills
 * the e-mail field; why the app signed the user out (`?reason=blocked`, or the reason the API gave)
 * is shown above the form. The card is drawn with the theme's tokens rather than antd's Card and Typography:
 * those bring tabs, menus, tooltips and skeletons into the first download, which this page does not need.
 */
export function SignInPage() {
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const signOutNotice = useSignOutNotice();
  const notice = signOutNotice ?? (searchParams.get('reason') === 'blocked' ? ACCOUNT_BLOCKED_NOTICE : null);
  const navigate = useNavigate();
  const returnTo = returnPathFrom(location.state);
  const { data, loading } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });
  const { token } = theme.useToken();

  if (data?.viewer) return <Navigate to={returnTo} replace />;

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          padding: token.paddingLG,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          fontFamily: token.fontFamily,
        }}
      >
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1
            style={{
              margin: '12px 0 4px',
              fontSize: token.fontSizeHeading2,
              fontWeight: token.fontWeightStrong,
              lineHeight: token.lineHeightHeading2,
              color: token.colorTextHeading,
            }}
          >
            Partner Hub
          </h1>
          <span style={{ color: token.colorTextSecondary, fontSize: token.fontSize }}>
            Sign in to your organization
          </span>
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
      </main>
    </Flex>
  );
}
