/**
 * Runs once before the browser tests: says loudly when they will be skipped for want of a
 * Chromium, and fails the run instead when REQUIRE_BROWSER=1 (as in CI). When they run, it
 * prepares the data dir every test file's server starts from (initdb, migrations and seed once).
 */
import { prepareTemplateDataDir } from '@partner-hub/e2e-support';
import { SKIP_MESSAGE, browserRequired, findChromium } from './browser';

export default async function setup(): Promise<(() => void) | undefined> {
  if (findChromium()) return prepareTemplateDataDir();
  if (browserRequired()) {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium was found. ${SKIP_MESSAGE}`);
  }
  // eslint-disable-next-line no-console -- the one loud line that says browser tests did not run
  console.warn(`\n${SKIP_MESSAGE}\n`);
  return undefined;
}
