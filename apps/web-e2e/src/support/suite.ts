/**
 * The server and browser of one browser-test file: the built web app served by a real API with
 * its own embedded database, and headless Chromium — started before the file's tests and stopped
 * after them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SERVER_START_BUDGET_MS, startServer, workspaceRoot } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';
import { launchChromium } from './browser';

export interface BrowserSuite {
  /** set once the suite's `beforeAll` has run */
  server: RunningServer;
  /** set once the suite's `beforeAll` has run */
  browser: Browser;
}

/** Registers the `beforeAll`/`afterAll` of a `describe` block; read the fields inside its tests. */
export function browserSuite(chromiumPath: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    const webIndex = path.join(workspaceRoot(), 'apps/web/dist/index.html');
    if (!existsSync(webIndex)) throw new Error(`${webIndex} does not exist: build the web app first (npx nx run web:build).`);
    [suite.server, suite.browser] = await Promise.all([startServer(), launchChromium(chromiumPath)]);
  }, SERVER_START_BUDGET_MS);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
