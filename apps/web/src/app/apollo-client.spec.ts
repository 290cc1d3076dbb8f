import { afterEach, describe, expect, it, vi } from 'vitest';
import { PartnerDetailsDocument, ViewerDocument } from '@partner-hub/graphql-client';
import { clearSignOutNotice, getSignOutNotice } from '../modules/auth/utils/sign-out-notice';
import { createApolloClient } from './apollo-client';

const BLOCKED_MESSAGE =
  "Your organization's access to Partner Hub is blocked. Ask the company you work for to unblock it.";

function answerWith(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

function newClient() {
  return createApolloClient({ protocol: 'http:', host: 'localhost' });
}

describe('createApolloClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSignOutNotice();
  });

  it('signs the viewer out and keeps the reason when the API reports a blocked organization', async () => {
    answerWith({
      data: null,
      errors: [
        { message: BLOCKED_MESSAGE, extensions: { code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BLOCKED' } },
      ],
    });
    const client = newClient();
    await expect(client.query({ query: PartnerDetailsDocument, variables: { id: 'p1' } })).rejects.toThrow();
    expect(getSignOutNotice()).toBe(BLOCKED_MESSAGE);
    expect(client.readQuery({ query: ViewerDocument })).toEqual({ viewer: null });
  });

  it('signs the viewer out without a notice when the session merely ended', async () => {
    answerWith({
      data: null,
      errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const client = newClient();
    await expect(client.query({ query: PartnerDetailsDocument, variables: { id: 'p1' } })).rejects.toThrow();
    expect(getSignOutNotice()).toBeNull();
    expect(client.readQuery({ query: ViewerDocument })).toEqual({ viewer: null });
  });
});
