import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { GRAPHQL_BODY_LIMIT_BYTES, startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { QUERY_SHAPE_LIMITS } from './query-shape.js';

let app: TestApp;
let server: RunningServer;

beforeAll(async () => {
  app = await createTestApp();
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

interface Answer {
  status: number;
  errors: { message: string; extensions: { code: string } }[];
}

async function post(body: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { errors?: Answer['errors'] };
  return { status: response.status, errors: json.errors ?? [] };
}

const query = (text: string) => post(JSON.stringify({ query: text }));

/** `{ ...F0 }` and a chain of `count` fragments, each spreading the next. */
function fragmentChain(count: number): string {
  let text = '{ ...F0 }\n';
  for (let i = 0; i < count; i++) text += `fragment F${i} on Query { ${i + 1 < count ? `...F${i + 1}` : '__typename'} }\n`;
  return text;
}

const nested = (levels: number) => `{${'a{'.repeat(levels)}b${'}'.repeat(levels)}}`;

describe('the shape of a query', () => {
  it('refuses a chain of 10,000 fragments before validation, with a clear parse error', async () => {
    const answer = await query(fragmentChain(10_000));
    expect(answer.status).toBe(400);
    expect(answer.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(answer.errors[0]!.message).toBe(`The query defines more than ${QUERY_SHAPE_LIMITS.maxFragments} fragments.`);
  });

  it('refuses a query of more tokens than the limit', async () => {
    const answer = await query(`{ ${'__typename '.repeat(QUERY_SHAPE_LIMITS.maxTokens)}}`);
    expect(answer.status).toBe(400);
    expect(answer.errors[0]!.message).toContain(`more than ${QUERY_SHAPE_LIMITS.maxTokens.toLocaleString('en')} tokens`);
  });

  it('refuses a chain of fragments under the token limit but past the fragment limit, without a crash', async () => {
    const answer = await query(fragmentChain(Math.floor(QUERY_SHAPE_LIMITS.maxTokens / 8) - 10)); // 8 tokens a fragment
    expect(answer.status).toBe(400);
    expect(answer.errors[0]).toMatchObject({ message: `The query defines more than ${QUERY_SHAPE_LIMITS.maxFragments} fragments.`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('validates the longest chain of fragments it takes like any other query', async () => {
    const answer = await query(fragmentChain(QUERY_SHAPE_LIMITS.maxFragments));
    expect(answer.status).toBe(400);
    expect(answer.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED'); // deeper than the depth limit of 10
  });

  it('refuses a query nested 5,000 levels deep without leaking a stack overflow', async () => {
    const answer = await query(nested(5_000));
    expect(answer.status).toBe(400);
    expect(answer.errors[0]).toMatchObject({ message: `The query is nested more than ${QUERY_SHAPE_LIMITS.maxNesting} levels deep.`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(JSON.stringify(answer)).not.toContain('call stack');
  });

  it('refuses the same over the WebSocket', async () => {
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<readonly { message: string }[]>((resolve, reject) => {
        client.subscribe({ query: nested(5_000) }, { next: () => undefined, error: (error) => (Array.isArray(error) ? resolve(error) : reject(error)), complete: () => reject(new Error('completed without an error')) });
      });
      expect(errors[0]?.message).toContain('nested more than');
    } finally {
      await client.dispose();
    }
  });

  it('answers a subscription sent over HTTP with a clear "use the WebSocket" error', async () => {
    const answer = await query('subscription { auditEventRecorded { id } }');
    expect(answer.status).toBe(400);
    expect(answer.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(answer.errors[0]!.message).toContain('WebSocket');
  });

  it('refuses a JSON body over the limit with 413, and takes one under it', async () => {
    const padding = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });
    expect((await post(padding(GRAPHQL_BODY_LIMIT_BYTES + 1))).status).toBe(413);
    expect((await post(padding(GRAPHQL_BODY_LIMIT_BYTES - 1024))).status).toBe(200);
  });
});
