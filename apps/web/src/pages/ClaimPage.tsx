import { App as AntApp, Card, Flex, Typography } from 'antd';
import { Navigate, useParams } from 'react-router';
import { ClaimInvitation } from '../modules/claim/components/ClaimInvitation';
import { SIGN_IN_PATH } from '../modules/auth/utils/redirect';

/** /claim/:token — the public page an invitation e-mail links to (no sign-in needed). */
export function ClaimPage() {
  const { token } = useParams();
  if (!token) return <Navigate to={SIGN_IN_PATH} replace />;
  return (
    <AntApp>
      <Flex
        align="center"
        justify="center"
        style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}
      >
        <Card style={{ width: '100%', maxWidth: 560 }}>
          <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <Typography.Text strong style={{ fontSize: 18 }}>
              Partner Hub
            </Typography.Text>
          </Flex>
          <ClaimInvitation token={token} />
        </Card>
      </Flex>
    </AntApp>
  );
}
