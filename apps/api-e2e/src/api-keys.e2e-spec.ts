import type { Client } from 'graphql-ws';
import { VIEWER, createUser, gql, gqlData, signIn, uniqueEmail } from './support/graphql';
import type { ViewerData } from './support/graphql';
import { SERVER_START_BUDGET_MS, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';
import { wsClient, wsExecute, wsSubscribe } from './support/ws';

const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeySuccess {
        secret
        apiKey {
          id
          name
          role
          prefix
          active
        }
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const REVOKE_API_KEY = /* GraphQL */ `
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      __typename
      ... on RevokeApiKeySuccess {
        apiKey {
          id
          active
          revokedAt
        }
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const API_KEYS = /* GraphQL */ `
  query ApiKeys {
    apiKeys {
      id
    }
  }
`;

const ON_AUDIT_EVENT = /* GraphQL */ `
  subscription OnAuditEventRecorded {
    auditEventRecorded {
      id
      action
      objectType
      objectId
      actorLabel
    }
  }
`;

interface CreateApiKeyData {
  createApiKey: {
    __typename: string;
    secret?: string;
    apiKey?: { id: string; name: string; role: string; prefix: string; active: boolean };
  };
}

interface AuditEventData {
  auditEventRecorded: { id: string; action: string; objectType: string; objectId: string; actorLabel: string };
}

describe('API keys', () => {
  let server: RunningServer;
  let adminCookie: string;
  let keyId: string;
  let secret: string;
  let client: Client | undefined;

  beforeAll(async () => {
    server = await startServer();
    adminCookie = await signIn(server.baseUrl, 'admin@aurora-motors.example');
    const data = await gqlData<CreateApiKeyData>(server.baseUrl, CREATE_API_KEY, {
      cookie: adminCookie,
      variables: { input: { name: 'e2e key', role: 'ADMIN' } },
    });
    if (data.createApiKey.__typename !== 'CreateApiKeySuccess' || !data.createApiKey.secret || !data.createApiKey.apiKey) {
      throw new Error(`createApiKey did not succeed: ${JSON.stringify(data)}`);
    }
    secret = data.createApiKey.secret;
    keyId = data.createApiKey.apiKey.id;
  }, SERVER_START_BUDGET_MS);

  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
  });

  it('returns a ph_ secret and an active key from createApiKey', async () => {
    expect(secret).toMatch(/^ph_\S{16,}$/);
    const keys = await gqlData<{ apiKeys: Array<{ id: string; active: boolean; prefix: string }> }>(
      server.baseUrl,
      'query ApiKeys { apiKeys { id active prefix } }',
      { cookie: adminCookie },
    );
    const key = keys.apiKeys.find((candidate) => candidate.id === keyId);
    expect(key?.active).toBe(true);
    // Only the prefix is ever shown again, never the secret.
    expect(secret.startsWith(key?.prefix ?? '\u0000')).toBe(true);
    expect(JSON.stringify(keys)).not.toContain(secret);
  });

  it('authenticates an HTTP request with Authorization: Bearer <secret>', async () => {
    const data = await gqlData<ViewerData>(server.baseUrl, VIEWER, { bearer: secret });

    expect(data.viewer).toMatchObject({
      role: 'ADMIN',
      apiKey: { id: keyId, name: 'e2e key' },
      organization: { name: 'Aurora Motors' },
    });
  });

  it('authenticates a graphql-ws connection with connectionParams.authorization', async () => {
    client = wsClient(server.wsUrl, { authorization: `Bearer ${secret}` });

    const result = await wsExecute<ViewerData>(client, VIEWER);

    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toMatchObject({ apiKey: { id: keyId }, organization: { name: 'Aurora Motors' } });
  });

  it('delivers auditEventRecorded over graphql-ws when the admin creates a user over HTTP', async () => {
    client ??= wsClient(server.wsUrl, { authorization: `Bearer ${secret}` });
    const subscription = wsSubscribe<AuditEventData>(client, ON_AUDIT_EVENT);
    try {
      // The server registers the subscription a moment after the subscribe message; a user
      // created before that would go unseen, so create another until one event arrives.
      const createdIds: string[] = [];
      let event;
      for (let attempt = 0; attempt < 5 && !event; attempt++) {
        const user = await createUser(server.baseUrl, { cookie: adminCookie }, {
          email: uniqueEmail('live-audit'),
          name: 'Live Audit',
          role: 'VIEWER',
        });
        createdIds.push(user.id);
        event = await subscription.waitFor(
          (result) => createdIds.includes(result.data?.auditEventRecorded.objectId ?? ''),
          2_000,
        );
      }

      expect(event).toBeDefined();
      expect(event?.errors).toBeUndefined();
      expect(event?.data?.auditEventRecorded.objectType).toMatch(/user/i);
      expect(event?.data?.auditEventRecorded.action).toMatch(/user|create/i);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('refuses the key at once after revokeApiKey (UNAUTHENTICATED)', async () => {
    const before = await gql<{ apiKeys: Array<{ id: string }> }>(server.baseUrl, API_KEYS, { bearer: secret });
    expect(before.errors).toBeUndefined();
    expect(before.data?.apiKeys.map((key) => key.id)).toContain(keyId);

    const revoked = await gqlData<{ revokeApiKey: { __typename: string; apiKey?: { active: boolean; revokedAt: string | null } } }>(
      server.baseUrl,
      REVOKE_API_KEY,
      { cookie: adminCookie, variables: { input: { id: keyId } } },
    );
    expect(revoked.revokeApiKey).toMatchObject({ __typename: 'RevokeApiKeySuccess', apiKey: { active: false } });
    expect(revoked.revokeApiKey.apiKey?.revokedAt).toBeTruthy();

    const after = await gql(server.baseUrl, API_KEYS, { bearer: secret });
    expect(after.data?.apiKeys ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The public viewer query no longer sees an identity behind the key either.
    const viewer = await gql<ViewerData>(server.baseUrl, VIEWER, { bearer: secret });
    expect(viewer.data?.viewer ?? null).toBeNull();
  });
});
