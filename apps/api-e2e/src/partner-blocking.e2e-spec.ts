import type { Client } from 'graphql-ws';
import { SIGN_IN, gql, gqlData, signIn } from './support/graphql';
import { SERVER_START_BUDGET_MS, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';
import { wsClient, wsExecute } from './support/ws';

const PARTNERS = /* GraphQL */ `
  query Partners($filter: PartnerFilter) {
    partners(first: 50, filter: $filter) {
      edges {
        node {
          id
          partnerId
        }
      }
    }
  }
`;

const SETTINGS = /* GraphQL */ `
  mutation UpdatePartnerSettings($input: UpdatePartnerSettingsInput!) {
    updatePartnerSettings(input: $input) {
      __typename
    }
  }
`;

const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      ... on CreateApiKeySuccess {
        secret
      }
    }
  }
`;

const ORGANIZATION = 'query Organization { viewer { organization { name } } }';

type PartnersData = { partners: { edges: Array<{ node: { id: string; partnerId: string } }> } };

/**
 * Blocking a partner (DESIGN.md §1 settings, §3) against the running server: its session cookie,
 * its API key over HTTP and an already open graphql-ws connection are all refused on their very
 * next operation, with a reason the sign-in page can show; lifting the block lets them back.
 */
describe('blocking a partner', () => {
  let server: RunningServer;
  let principal: string;
  let dealer: string;
  let dealerKey: string;
  let berlinId: string;
  let client: Client | undefined;

  const block = (blocked: boolean) =>
    gqlData<{ updatePartnerSettings: { __typename: string } }>(server.baseUrl, SETTINGS, {
      cookie: principal,
      variables: { input: { id: berlinId, allowJobOverride: false, blocked, usersBlocked: false, passwordPolicy: 'SIMPLE' } },
    });

  beforeAll(async () => {
    server = await startServer();
    principal = await signIn(server.baseUrl, 'admin@aurora-motors.example');
    dealer = await signIn(server.baseUrl, 'admin@berlin-autohaus.example');
    const key = await gqlData<{ createApiKey: { secret?: string } }>(server.baseUrl, CREATE_API_KEY, {
      cookie: dealer,
      variables: { input: { name: 'dealer system', role: 'ADMIN' } },
    });
    if (!key.createApiKey.secret) throw new Error('the dealer could not create an API key');
    dealerKey = key.createApiKey.secret;
    const found = await gqlData<PartnersData>(server.baseUrl, PARTNERS, { cookie: principal, variables: { filter: { search: 'BRL7K' } } });
    berlinId = found.partners.edges[0]?.node.id ?? '';
  }, SERVER_START_BUDGET_MS);

  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
  });

  it('shows the dealer its own subtree only', async () => {
    const own = await gqlData<PartnersData>(server.baseUrl, PARTNERS, { cookie: dealer });
    const codes = own.partners.edges.map((edge) => edge.node.partnerId).sort();
    expect(codes).toEqual(['BRL7K', 'FLK8C', 'PTS4M', 'SPN3H', 'WRD6T']);
  });

  it('refuses its session, its key and its open WebSocket on the next operation, and lets them back when lifted', async () => {
    client = wsClient(server.wsUrl, { authorization: `Bearer ${dealerKey}` });
    expect((await wsExecute(client, ORGANIZATION)).errors).toBeUndefined();

    expect((await block(true)).updatePartnerSettings.__typename).toBe('PartnerSuccess');

    for (const credentials of [{ cookie: dealer }, { bearer: dealerKey }]) {
      const refused = await gql(server.baseUrl, PARTNERS, credentials);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BLOCKED' });
      expect(refused.errors?.[0]?.message).toMatch(/blocked/);
    }
    const overSocket = await wsExecute(client, ORGANIZATION);
    expect(overSocket.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BLOCKED' });

    const signInAgain = await gql<{ signIn: { __typename: string; message?: string } }>(server.baseUrl, SIGN_IN, {
      variables: { input: { email: 'staff@berlin-autohaus.example', password: 'partnerhub-demo' } },
    });
    expect(signInAgain.data?.signIn.__typename).toBe('AccountBlockedError');
    // the principal and other partners go on working
    expect((await gql(server.baseUrl, PARTNERS, { cookie: principal })).errors).toBeUndefined();

    await block(false);
    expect((await gql(server.baseUrl, PARTNERS, { cookie: dealer })).errors).toBeUndefined();
    expect((await wsExecute(client, ORGANIZATION)).errors).toBeUndefined();
  });
});
