/**
 * Finding and launching Debian's Chromium for the browser tests (playwright-core drives it;
 * no browser is ever downloaded). See STACK.md, "Browser tests".
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const SKIP_MESSAGE =
  `⚠ BROWSER TESTS SKIPPED: no Chromium at CHROME_PATH or ${DEFAULT_CHROMIUM} — install Debian's chromium ` +
  `(apt-get install -y chromium) or set CHROME_PATH; REQUIRE_BROWSER=1 makes this an error.`;

/** CHROME_PATH when it names an existing file, else /usr/bin/chromium when present, else undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROME_PATH, DEFAULT_CHROMIUM].filter((candidate): candidate is string => !!candidate);
  return candidates.find((candidate) => existsSync(candidate));
}

/** Whether a missing browser must fail the run (CI) instead of skipping the browser tests. */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REQUIRE_BROWSER === '1';
}

/** Headless Chromium with the flags that work in containers without a GPU or a sandbox. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

let screenshotDir: Promise<string> | undefined;

/** Saves a full-page screenshot under `<tmp>/ph-web-e2e-screenshots/` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  screenshotDir ??= (async () => {
    const dir = path.join(os.tmpdir(), 'ph-web-e2e-screenshots');
    await mkdir(dir, { recursive: true });
    return dir;
  })();
  const file = path.join(await screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs `fn` with a page in a fresh browser context (own cookies; a desktop window unless `options.viewport` names
 * another, e.g. a phone's). On failure the error is
 * re-thrown with the URL, a screenshot path and the page's errors; the context is closed always.
 */
export async function withPage(
  browser: Browser,
  name: string,
  fn: (page: Page) => Promise<void>,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<void> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  // how long an action waits for its element: generous, as a busy machine renders slowly (15 s was not enough)
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
  });
  try {
    await fn(page);
  } catch (error) {
    const screenshot = await saveScreenshot(page, name).catch((screenshotError: Error) => `(failed: ${screenshotError.message})`);
    const details = [`URL: ${page.url()}`, `Screenshot: ${screenshot}`, ...pageErrors.slice(-10)].join('\n');
    if (error instanceof Error) {
      error.message = `${error.message}\n${details}`;
      throw error;
    }
    throw new Error(`${String(error)}\n${details}`);
  } finally {
    await context.close();
  }
}

/**
 * Clicks `target` until `done()` holds. On a loaded machine a click can land while antd is still opening or
 * re-rendering what it hit (a confirm dialog's zoom, a search's options replaced by the server's answer) and be
 * lost — CI saw a confirm dialog's button and a search option clicked without effect. Use it only on controls
 * that ignore a repeated click once one took (antd's confirm button while its action runs, an option already
 * chosen), and check the outcome afterwards as usual.
 */
export async function clickUntil(target: Locator, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await done()) return;
    if (await target.isVisible()) await target.click({ timeout: 15_000 }).catch(() => undefined);
    try {
      await expect.poll(done, { timeout: 10_000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}
