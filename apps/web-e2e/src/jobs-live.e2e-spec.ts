import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
const TECHNICIAN = 'tech@fleetfit-service.example';
const chromiumPath = findChromium();
/** Two signed-in browsers on a busy 2-core machine. */
const FLOW_TIMEOUT_MS = 240_000;

/** A job on a new vehicle of the principal's, assigned to FleetFit (whose technician runs it). */
async function assignedJob(page: Page, baseUrl: string, title: string): Promise<string> {
  const { createVehicle } = await gql<{ createVehicle: { vehicle: { id: string } } }>(
    page,
    baseUrl,
    `mutation($vin: String!) { createVehicle(input: { vin: $vin, make: "Aurora", model: "Orion", year: 2025 }) { ... on VehicleSuccess { vehicle { id } } } }`,
    { vin: randomVin() },
  );
  const { partners } = await gql<{ partners: { edges: { node: { id: string } }[] } }>(page, baseUrl, `{ partners(first: 1, filter: { search: "FFT3Q", role: SERVICE_PARTNER }) { edges { node { id } } } }`);
  const { createJob } = await gql<{ createJob: { job: { id: string } } }>(
    page,
    baseUrl,
    `mutation($input: CreateJobInput!) { createJob(input: $input) { ... on JobSuccess { job { id } } } }`,
    { input: { kind: 'INSTALLATION', title, vehicleId: createVehicle.vehicle.id, servicePartnerId: partners.edges[0]?.node.id, assign: true, configuration: { firmware: '1.0' } } },
  );
  return createJob.job.id;
}

const row = (page: Page, title: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('the live jobs list in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    'shows the new status in place when a technician in another browser starts a job, and announces a job created meanwhile — without a reload',
    async () => {
      const suffix = Date.now().toString(36);
      const title = `E2E live ${suffix}`;
      const base = suite.server.baseUrl;

      await withPage(suite.browser, 'live-list-principal', async (page) => {
        await openAndSignIn(page, base, PRINCIPAL_ADMIN);
        const jobId = await assignedJob(page, base, title);
        await page.goto(`${base}/jobs`);
        await row(page, title).getByText('Assigned').waitFor();
        await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
        const titlesBefore = await page.getByRole('row').locator('a[href^="/jobs/"]').allTextContents();

        await withPage(suite.browser, 'live-list-technician', async (tech) => {
          await openAndSignIn(tech, base, TECHNICIAN);
          await tech.goto(`${base}/jobs/${jobId}`);
          await tech.getByRole('button', { name: 'Start', exact: true }).click();
          await tech.getByRole('button', { name: 'Succeed', exact: true }).waitFor();
        });

        // the principal's list, without a reload: the row reads Running where it was
        await row(page, title).getByText('Running').waitFor();
        expect(await page.getByRole('row').locator('a[href^="/jobs/"]').allTextContents()).toEqual(titlesBefore);

        // a job created by someone else is announced, not slipped in above the rows
        const other = `E2E live new ${suffix}`;
        await withPage(suite.browser, 'live-list-colleague', async (colleague) => {
          await openAndSignIn(colleague, base, PRINCIPAL_ADMIN);
          await assignedJob(colleague, base, other);
        });
        const notice = page.getByRole('status').filter({ hasText: '1 new job' });
        await notice.waitFor();
        expect(await page.getByRole('link', { name: other, exact: true }).count()).toBe(0);
        await notice.getByRole('button', { name: 'Show' }).click();
        await page.getByRole('link', { name: other, exact: true }).waitFor();
        expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      });
    },
    FLOW_TIMEOUT_MS,
  );
});
