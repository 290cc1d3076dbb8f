import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, webAssetsRouter } from './web-assets.js';

// A web build as Vite writes it (see apps/web/vite.config.ts): hashed assets with .br/.gz beside them, hidden maps.
const SCRIPT = `console.log(${JSON.stringify('partner hub '.repeat(200))});`;
const INDEX_HTML = '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>';

let dist: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'ph-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  const files: Record<string, string> = { 'assets/index-AbC123.js': SCRIPT, 'index.html': INDEX_HTML };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dist, name), text);
    writeFileSync(join(dist, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${name}.gz`), gzipSync(text));
  }
  writeFileSync(join(dist, 'assets/index-AbC123.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

  const app = express();
  app.use(webAssetsRouter(dist));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

/** A plain HTTP GET that keeps the body's bytes as sent (fetch() would decode them). */
function get(path: string, acceptEncoding: string): Promise<{ response: { status: number; headers: Map<string, string> }; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Map(Object.entries(res.headers).map(([name, value]) => [name, String(value)]));
        resolve({ response: { status: res.statusCode ?? 0, headers }, body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

describe('the web app’s static files', () => {
  it('sends the brotli variant to a browser that accepts it, immutable for a hashed asset', async () => {
    const { response, body } = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(body.length).toBeLessThan(SCRIPT.length / 5);
  });

  it('sends gzip where brotli is not accepted, and the plain file where neither is', async () => {
    const gzip = await get('/assets/index-AbC123.js', 'gzip');
    expect(gzip.response.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.response.headers.get('cache-control')).toBe(IMMUTABLE);

    const plain = await get('/assets/index-AbC123.js', 'identity');
    expect(plain.response.headers.get('content-encoding')).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers every client-side route with index.html, compressed and revalidated on each visit', async () => {
    for (const path of ['/', '/partners/123/vehicles', '/sign-in?email=a%40b.example']) {
      const { response } = await get(path, 'br');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('cache-control')).toBe(REVALIDATE);
    }
    const favicon = await get('/favicon.svg', 'br');
    expect(favicon.response.headers.get('cache-control')).toBe(REVALIDATE);
  });

  it('never serves a source map, and answers 404 for a hashed asset that is not there', async () => {
    const map = await get('/assets/index-AbC123.js.map', 'identity');
    expect(map.response.status).toBe(404);
    expect(map.body.toString()).not.toContain('secret');
    const stale = await get('/assets/index-OldHash.js', 'br');
    expect(stale.response.status).toBe(404);
    expect(stale.response.headers.get('content-type') ?? '').not.toMatch(/html/);
  });
});
