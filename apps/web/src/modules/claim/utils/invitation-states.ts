import type { InvitationState } from '@partner-hub/graphql-client';

export type UnusableInvitationState = Exclude<InvitationState, 'OPEN'>;

/** What the claim page says for a link that cannot be used; the sentences match the API's InvitationUnusable messages. */
export const UNUSABLE_INVITATION: Record<
  UnusableInvitationState,
  { title: string; text: string; status: 'warning' | 'info' | 'error' }
> = {
  UNKNOWN: {
    title: 'This link is not valid',
    text: 'This invitation link is not valid. Check that you opened the whole link from the e-mail.',
    status: 'error',
  },
  EXPIRED: {
    title: 'This invitation has expired',
    text: 'This invitation has expired. Ask the company that invited you to send a new one.',
    status: 'warning',
  },
  USED: {
    title: 'This invitation has already been used',
    text: 'This invitation has already been used. Sign in instead.',
    status: 'info',
  },
  REVOKED: {
    title: 'This invitation was withdrawn',
    text: 'This invitation was withdrawn or replaced by a newer one. Use the link of the latest e-mail, or ask for a new one.',
    status: 'warning',
  },
  DECLINED: {
    title: 'This invitation was declined',
    text: 'This invitation was declined.',
    status: 'info',
  },
};
