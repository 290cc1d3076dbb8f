import type { Page } from 'playwright-core';

const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** A random European VIN (first character W: no North-American check digit applies). */
export function randomVin(): string {
  return `W${Array.from({ length: 16 }, () => VIN_ALPHABET[Math.floor(Math.random() * VIN_ALPHABET.length)]).join('')}`;
}

/** Sends a GraphQL request with the page's session cookie; fails on any GraphQL error. */
export async function gql<T>(page: Page, baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return body.data;
}

/**
 * The JSON answer to the next GraphQL operation named `operationName` that the page sends. Call it
 * before the click that sends the operation, and await it after.
 *
 * Tests check a save by its answer rather than by its toast: a toast stays for 3 s, and on a busy
 * machine Playwright's polling can miss it.
 */
export async function nextAnswer<T>(page: Page, operationName: string): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await page.waitForResponse((candidate) => {
    if (!candidate.url().endsWith('/graphql') || candidate.request().method() !== 'POST') return false;
    try {
      return (candidate.request().postDataJSON() as { operationName?: string } | null)?.operationName === operationName;
    } catch {
      return false; // a multipart upload is not an operation this waits for
    }
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}
