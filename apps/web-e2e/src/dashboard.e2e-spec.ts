import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
const TECHNICIAN = 'tech@fleetfit-service.example';
const PHONE = { width: 390, height: 844 };
const chromiumPath = findChromium();
/** Two signed-in browsers and a job's whole run: more than the default on a busy 2-core machine. */
const FLOW_TIMEOUT_MS = 240_000;

/** The number a status card of the dashboard shows. */
async function statOf(page: Page, title: string): Promise<number> {
  const card = page
    .getByRole('list', { name: 'Jobs per status' })
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^${title}`) });
  return Number((await card.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));
}

/** Waits until `check` holds, reading the page again and again (the test's timeout bounds it). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('the live dashboard in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    "changes its numbers, the partner's progress bar and the feed while a technician in another browser starts and finishes a job — without a reload",
    async () => {
      const suffix = Date.now().toString(36);
      const title = `E2E dashboard ${suffix}`;
      const base = suite.server.baseUrl;

      await withPage(suite.browser, 'dashboard-principal', async (page) => {
        await openAndSignIn(page, base, PRINCIPAL_ADMIN);
        // the job: on a vehicle of its own, assigned to FleetFit, whose technician will run it
        const { createVehicle } = await gql<{ createVehicle: { vehicle: { id: string } } }>(
          page,
          base,
          `mutation($vin: String!) { createVehicle(input: { vin: $vin, make: "Aurora", model: "Orion", year: 2025 }) { ... on VehicleSuccess { vehicle { id } } } }`,
          { vin: randomVin() },
        );
        const { partners } = await gql<{ partners: { edges: { node: { id: string } }[] } }>(
          page,
          base,
          `{ partners(first: 1, filter: { search: "FFT3Q", role: SERVICE_PARTNER }) { edges { node { id } } } }`,
        );
        const { createJob } = await gql<{ createJob: { job: { id: string } } }>(
          page,
          base,
          `mutation($input: CreateJobInput!) { createJob(input: $input) { ... on JobSuccess { job { id } } } }`,
          {
            input: {
              kind: 'INSTALLATION',
              title,
              vehicleId: createVehicle.vehicle.id,
              servicePartnerId: partners.edges[0]?.node.id,
              assign: true,
              configuration: { firmware: '1.0' },
            },
          },
        );
        const jobId = createJob.job.id;

        // the home page is the dashboard
        await page.goto(base);
        await page.waitForURL(/\/dashboard$/);
        await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
        await page.locator('[data-live-status="live"]').waitFor();
        await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
        const fleetFit = page.getByRole('meter', { name: /^FleetFit Service/ });
        const finishedBefore = Number(await fleetFit.getAttribute('aria-valuenow'));
        const runningBefore = await statOf(page, 'Running');
        const succeededBefore = await statOf(page, 'Succeeded');
        const feed = page.getByRole('region', { name: 'Recent activity' });
        await feed.getByRole('link', { name: title }).first().waitFor();

        await withPage(
          suite.browser,
          'dashboard-technician',
          async (tech) => {
            await openAndSignIn(tech, base, TECHNICIAN);
            await tech.goto(`${base}/jobs/${jobId}`);
            await tech.getByRole('button', { name: 'Start', exact: true }).click();
            await tech.getByRole('button', { name: 'Succeed', exact: true }).waitFor();

            // the principal's dashboard, without a reload: one more running job, the start in the feed
            await until(async () => (await statOf(page, 'Running')) === runningBefore + 1);
            await feed
              .getByRole('listitem')
              .filter({ hasText: 'Start → Running' })
              .filter({ hasText: title })
              .first()
              .waitFor();

            await tech.getByRole('button', { name: 'Succeed', exact: true }).click();
            await tech.getByText('Succeeded', { exact: true }).first().waitFor();

            await until(async () => (await statOf(page, 'Succeeded')) === succeededBefore + 1);
            expect(await statOf(page, 'Running')).toBe(runningBefore);
            await until(
              async () => Number(await fleetFit.getAttribute('aria-valuenow')) === finishedBefore + 1,
            );
            const done = feed
              .getByRole('listitem')
              .filter({ hasText: 'Succeed → Succeeded' })
              .filter({ hasText: title })
              .first();
            await done.waitFor();
            expect(await done.getByText(TECHNICIAN).count()).toBe(1);
            expect(await done.getByRole('link', { name: title }).getAttribute('href')).toBe(`/jobs/${jobId}`);
            expect(
              await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
            ).toBe(true);

            // the technician's own dashboard: "My jobs today", fitting a phone's width
            await tech.goto(`${base}/dashboard`);
            await tech.getByRole('heading', { name: 'My jobs today' }).waitFor();
            expect(await statOf(tech, 'Succeeded today')).toBeGreaterThanOrEqual(1);
            expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
              PHONE.width,
            );
          },
          { viewport: PHONE },
        );

        // wall mode: full screen, no side menu
        await page.getByRole('button', { name: 'Wall mode' }).click();
        await page.getByRole('region', { name: 'Wall display' }).waitFor();
        expect(page.url()).toMatch(/\/dashboard\?wall=1$/);
      });

      await withPage(
        suite.browser,
        'dashboard-phone',
        async (page) => {
          await openAndSignIn(page, base, PRINCIPAL_ADMIN);
          await page.goto(`${base}/dashboard`);
          await page.getByRole('list', { name: 'Jobs per status' }).waitFor();
          await page.getByRole('meter', { name: /^FleetFit Service/ }).waitFor();
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            PHONE.width,
          );
        },
        { viewport: PHONE },
      );
    },
    FLOW_TIMEOUT_MS,
  );
});
