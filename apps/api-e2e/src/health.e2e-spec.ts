import { SERVER_START_BUDGET_MS, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';

describe('health endpoints', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  }, SERVER_START_BUDGET_MS);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers /healthz with 200 and status ok', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz with 200 while the database is reachable', async () => {
    const response = await fetch(`${server.baseUrl}/readyz`);
    expect(response.status).toBe(200);
  });

  it('exposes process and HTTP/GraphQL metrics in Prometheus text on /metrics', async () => {
    // One GraphQL request first, so request metrics have something to count.
    await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const samples = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(samples.some((line) => line.startsWith('process_cpu'))).toBe(true);
    expect(samples.some((line) => /^\w*(http|graphql)\w*[{ ]/.test(line))).toBe(true);
  });
});
