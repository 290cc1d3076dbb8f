import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { SIGN_IN_PATH } from '../../auth/utils/redirect';
import { UNUSABLE_INVITATION } from '../utils/invitation-states';
import type { UnusableInvitationState } from '../utils/invitation-states';

export type UnusableInvitationProps = { state: UnusableInvitationState };

/** A link that cannot be used (any more), explained in one sentence with the way forward. */
export function UnusableInvitation({ state }: UnusableInvitationProps) {
  const { title, text, status } = UNUSABLE_INVITATION[state];
  return (
    <Result
      status={status}
      title={title}
      subTitle={text}
      extra={
        <Link to={SIGN_IN_PATH}>
          <Button type={state === 'USED' ? 'primary' : 'default'}>Go to sign-in</Button>
        </Link>
      }
    />
  );
}
