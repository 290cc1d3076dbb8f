import { Alert, Flex } from 'antd';
import type { ViewerFieldsFragment } from '@partner-hub/graphql-client';

export type CutPartnershipsAlertProps = { cutPartnerships: ViewerFieldsFragment['cutPartnerships'] };

/**
 * Why some of a partner's data is missing: for each principal that has blocked the viewer's
 * organization (while another principal has not, so the viewer is still signed in), a warning that
 * its vehicles, jobs and sub-partners are hidden — instead of lists that are silently empty.
 */
export function CutPartnershipsAlert({ cutPartnerships }: CutPartnershipsAlertProps) {
  if (cutPartnerships.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {cutPartnerships.map((cut) => (
        <Alert
          key={cut.principalName}
          type="warning"
          showIcon
          title={
            cut.blocked
              ? `${cut.principalName} has blocked your organization`
              : `${cut.principalName} has blocked the users of your organization`
          }
          description={`Its vehicles, jobs and sub-partners are hidden until ${cut.principalName} lifts the block; what you do for other principals is not affected.`}
        />
      ))}
    </Flex>
  );
}
