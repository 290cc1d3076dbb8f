/**
 * Runs once before the browser tests: says loudly when they will be skipped for want of a
 * Chromium, and fails the run instead when REQUIRE_BROWSER=1 (as in CI).
 */
import { SKIP_MESSAGE, browserRequired, findChromium } from './browser';

export default function setup(): void {
  if (findChromium()) return;
  if (browserRequired()) {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium was found. ${SKIP_MESSAGE}`);
  }
  // eslint-disable-next-line no-console -- the one loud line that says browser tests did not run
  console.warn(`\n${SKIP_MESSAGE}\n`);
}
