import type { ReactNode } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router';
import { ViewerDocument } from '@partner-hub/graphql-client';
import { ViewerContext } from '../../modules/auth/hooks/viewer-context';
import { SIGN_IN_PATH } from '../../modules/auth/utils/redirect';
import { describeError, graphQLErrorCode, graphQLErrorReason } from '../../modules/shared/utils/errors';

export type RequireViewerProps = { children: ReactNode };

/**
 * Renders its children only for a signed-in viewer; otherwise sends the user to sign in and remembers
 * the page. A Viewer query refused as UNAUTHENTICATED (an ended session, a blocked partner's) is a
 * signed-out user, not an unreachable server: it goes to sign in too, saying why when the API did.
 */
export function RequireViewer({ children }: RequireViewerProps) {
  const location = useLocation();
  const { data, error, loading, refetch } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });

  if (data?.viewer) {
    return <ViewerContext.Provider value={data.viewer}>{children}</ViewerContext.Provider>;
  }
  if (loading && !data) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description="Loading Partner Hub…" />
      </Flex>
    );
  }
  if (error && !data && graphQLErrorCode(error) !== 'UNAUTHENTICATED') {
    return (
      <Result
        status="error"
        title="Partner Hub could not reach its server"
        subTitle={describeError(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            Try again
          </Button>
        }
      />
    );
  }
  const blocked = graphQLErrorReason(error) === 'ACCOUNT_BLOCKED';
  return <Navigate to={blocked ? `${SIGN_IN_PATH}?reason=blocked` : SIGN_IN_PATH} replace state={{ from: location }} />;
}
