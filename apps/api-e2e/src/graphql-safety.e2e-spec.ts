import { gql } from './support/graphql';
import { SERVER_START_BUDGET_MS, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';

/** A frame of a JavaScript stack trace ("at fn (/path/file.js:1:2)"), also inside HTML. */
const STACK_LINE = /\bat [^<\n]*?\(?(?:\/|file:|node:)[^\s)<]*:\d+:\d+/;

describe('GraphQL endpoint safety', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  }, SERVER_START_BUDGET_MS);

  afterAll(async () => {
    await server?.stop();
  });

  describe('CSRF prevention', () => {
    it('refuses a GET query without the apollo-require-preflight header', async () => {
      const response = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'application/json' },
      });
      const text = await response.text();

      expect(response.status).toBe(400);
      expect(text).toMatch(/CSRF|Cross-Site Request Forgery/i);
      expect(text).not.toContain('"__typename":"Query"');
    });

    it('answers the same GET query when the preflight header is sent', async () => {
      const response = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('refuses a POST with a simple (text/plain) content type', async () => {
      const response = await fetch(`${server.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', accept: 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const text = await response.text();

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(text).not.toContain('"__typename":"Query"');
    });
  });

  describe('error answers', () => {
    it('reports a non-existent field without a stack trace', async () => {
      const result = await gql(server.baseUrl, '{ fieldThatDoesNotExist }');

      expect(result.errors?.length).toBeGreaterThan(0);
      for (const error of result.errors ?? []) {
        expect(error.extensions ?? {}).not.toHaveProperty('stacktrace');
        expect(error.extensions ?? {}).not.toHaveProperty('exception');
      }
      expect(result.text).not.toMatch(STACK_LINE);
    });

    it('answers a malformed JSON body without a stack trace', async () => {
      const response = await fetch(`${server.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{"query": "{ __typename }"',
      });
      const text = await response.text();

      expect(response.status).toBe(400);
      expect(text).not.toMatch(STACK_LINE);
      expect(text).not.toMatch(/node_modules|\/dist\//);
    });
  });
});
