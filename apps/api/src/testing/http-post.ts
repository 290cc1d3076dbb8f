import { request } from 'node:http';

/**
 * POSTs a GraphQL operation over a fresh HTTP connection from `localAddress` (any 127.x.y.z works on
 * Linux loopback, so a test can be another client address) and measures the time to the full answer.
 * Rejects after `timeoutMs` so a test fails instead of hanging.
 */
export function postGraphql(
  baseUrl: string,
  body: { query: string; variables?: Record<string, unknown> },
  options: { localAddress?: string; timeoutMs?: number } = {},
): Promise<{ status: number; json: { data?: Record<string, any> | null; errors?: unknown[] }; ms: number }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary result shapes
  const started = performance.now();
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/graphql`,
      {
        method: 'POST',
        agent: false,
        localAddress: options.localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')), ms: performance.now() - started });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
