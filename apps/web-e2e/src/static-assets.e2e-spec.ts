import { get as httpGet } from 'node:http';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { openAndSignIn } from './support/sign-in';
import { browserSuite } from './support/suite';

const chromiumPath = findChromium();

/**
 * The sign-in page's JavaScript, gzip, as a browser downloads it on a first visit: at most 300 KB (issue 14.8;
 * ~420 KB before the route split, 378 KB before the sign-in page shed antd's Card/Typography/App, zod and graphql-ws).
 */
const SIGN_IN_JS_GZIP_CEILING = 300 * 1024;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
}

/** A plain HTTP GET that counts the bytes as sent (fetch() would decode them). */
function rawGet(url: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    }).on('error', reject);
  });
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('the web app as the server sends it', () => {
  const suite = browserSuite(chromiumPath as string);

  it('sends the sign-in page’s scripts precompressed (br, gzip), immutable, within the size ceiling, and no source maps', async () => {
    const scripts = new Set<string>();
    await withPage(suite.browser, 'sign-in-assets', async (page) => {
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.add(request.url());
      });
      await page.goto(`${suite.server.baseUrl}/sign-in`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    });
    expect(scripts.size).toBeGreaterThan(0);

    let gzipTotal = 0;
    for (const url of scripts) {
      const plain = await rawGet(url, 'identity');
      expect(plain.status, url).toBe(200);
      expect(plain.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      const gzip = await rawGet(url, 'gzip');
      gzipTotal += gzip.bytes;
      // the build compresses files of 1 KB and more (below that, compression saves next to nothing)
      if (plain.bytes < 1024) continue;
      const br = await rawGet(url, 'gzip, deflate, br');
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      expect(gzip.headers['content-encoding'], url).toBe('gzip');

      const map = await rawGet(`${url}.map`, 'identity');
      expect(map.status, `${url}.map`).toBe(404);
    }
    // eslint-disable-next-line no-console -- the measured figure, for the docs
    console.info(`sign-in page: ${scripts.size} scripts, ${(gzipTotal / 1024).toFixed(1)} KB gzip`);
    expect(gzipTotal).toBeLessThanOrEqual(SIGN_IN_JS_GZIP_CEILING);

    const html = await rawGet(`${suite.server.baseUrl}/partners`, 'br');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['cache-control']).toBe('no-cache');
  });

  it('asks for the page’s code and the page’s query while the Viewer query is still on its way (not one after the other)', async () => {
    await withPage(suite.browser, 'parallel-boot', async (page) => {
      await openAndSignIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      const events: string[] = [];
      const operation = (postData: string | null) =>
        /^\s*query (\w+)/.exec(JSON.parse(postData ?? '{}').query ?? '')?.[1];
      page.on('request', (request) => {
        if (/\/assets\/PartnersPage-[^/]+\.js$/.test(request.url())) events.push('page code requested');
        if (request.url().endsWith('/graphql') && request.method() === 'POST') {
          const name = operation(request.postData());
          if (name === 'Viewer') events.push('viewer requested');
          if (name === 'Partners') events.push('page query requested');
        }
      });
      page.on('requestfinished', (request) => {
        if (request.url().endsWith('/graphql') && operation(request.postData()) === 'Viewer')
          events.push('viewer answered');
      });

      // a fresh load of the partners list, as after a reload or a link from elsewhere
      await page.goto(`${suite.server.baseUrl}/partners`);
      await page.locator('tbody tr.ant-table-row').first().waitFor();

      expect(events).toContain('viewer requested');
      expect(events).toContain('viewer answered');
      expect(events.indexOf('page code requested'), events.join(', ')).toBeGreaterThanOrEqual(0);
      expect(events.indexOf('page code requested'), events.join(', ')).toBeLessThan(
        events.indexOf('viewer answered'),
      );
      expect(events.indexOf('page query requested'), events.join(', ')).toBeGreaterThanOrEqual(0);
      expect(events.indexOf('page query requested'), events.join(', ')).toBeLessThan(
        events.indexOf('viewer answered'),
      );
      // the page's useQuery joined the prefetched request instead of asking again
      expect(
        events.filter((event) => event === 'page query requested'),
        events.join(', '),
      ).toHaveLength(1);
    });
  });
});
