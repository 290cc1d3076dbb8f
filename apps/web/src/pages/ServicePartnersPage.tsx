import { useState } from 'react';
import { Button } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../modules/auth/hooks/viewer-context';
import { InviteServicePartnerDialog } from '../modules/partners/components/InviteServicePartnerDialog';
import { PartnerList } from '../modules/partners/components/PartnerList';

/** /service-partners — "Manage service partners": the partners list fixed to service partners, with invitations. */
export function ServicePartnersPage() {
  const canWrite = useCan('partners:write');
  const [inviting, setInviting] = useState(false);
  return (
    <>
      <PageHeader
        title="Service partners"
        subtitle="Installer companies and service teams that carry out jobs: invite them, see who has joined."
        extra={
          canWrite ? (
            <Button type="primary" icon={<MailOutlined />} onClick={() => setInviting(true)}>
              Invite service partner
            </Button>
          ) : null
        }
      />
      <PartnerList fixedRole="SERVICE_PARTNER" noun="service partners" />
      {canWrite ? <InviteServicePartnerDialog open={inviting} onClose={() => setInviting(false)} /> : null}
    </>
  );
}
