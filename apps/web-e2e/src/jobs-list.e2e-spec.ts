import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, nextAnswer, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
const chromiumPath = findChromium();
const FLOW_TIMEOUT_MS = 180_000;

/** A job of the principal's on its own new vehicle, through the API (the list is what this file tests). */
async function createJob(page: Page, baseUrl: string, title: string, servicePartnerId: string | null = null): Promise<string> {
  const { createVehicle } = await gql<{ createVehicle: { vehicle: { id: string } } }>(
    page,
    baseUrl,
    `mutation($vin: String!) { createVehicle(input: { vin: $vin, make: "Aurora", model: "Orion", year: 2025 }) { ... on VehicleSuccess { vehicle { id } } } }`,
    { vin: randomVin() },
  );
  const { createJob: created } = await gql<{ createJob: { job: { id: string } } }>(
    page,
    baseUrl,
    `mutation($input: CreateJobInput!) { createJob(input: $input) { ... on JobSuccess { job { id } } } }`,
    { input: { kind: 'INSTALLATION', vehicleId: createVehicle.vehicle.id, title, servicePartnerId, assign: servicePartnerId !== null, configuration: { firmware: '5.0.2' } } },
  );
  return created.job.id;
}

const row = (page: Page, title: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('the jobs list: bulk actions and columns', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    'cancels several selected jobs after a confirmation that counts them and names the refused one and why',
    async () => {
      const suffix = Date.now().toString(36);
      const titles = ['A', 'B', 'C'].map((letter) => `E2E bulk ${suffix} ${letter}`);
      await withPage(suite.browser, 'bulk-cancel', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        const ids: string[] = [];
        for (const title of titles) ids.push(await createJob(page, suite.server.baseUrl, title));
        // one of them is cancelled already: the bulk cancel must refuse it and say why
        await gql(page, suite.server.baseUrl, `mutation($id: ID!) { transitionJob(input: { id: $id, action: CANCEL, reason: "set up" }) { __typename } }`, { id: ids[2] });

        await page.goto(`${suite.server.baseUrl}/jobs`);
        for (const title of titles) await page.getByRole('checkbox', { name: `Select ${title}` }).check();
        const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
        await bar.getByText('3 selected').waitFor();
        await bar.getByRole('button', { name: 'Cancel jobs…' }).click();

        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Why are the jobs cancelled?').fill('The customer sold the fleet');
        await dialog.getByRole('button', { name: 'Review' }).click();
        const confirmation = dialog.getByRole('region', { name: 'Confirmation' });
        await confirmation.getByText('2 jobs will be cancelled; 1 will be refused:').waitFor();
        await confirmation.getByText('A cancelled job cannot be cancelled. (1)').waitFor();
        expect(await confirmation.getByText(titles[2] as string).count()).toBe(1);

        const done = nextAnswer<{ bulkJobAction: { __typename: string } }>(page, 'BulkJobAction');
        await dialog.getByRole('button', { name: 'Cancel 2 jobs' }).click();
        expect((await done).errors).toBeUndefined();
        await bar.waitFor({ state: 'detached' });
        for (const title of titles) await row(page, title).getByText('Cancelled').waitFor();
      });
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'edits an assigned job: only schedule and instructions are open, and the change is saved',
    async () => {
      const title = `E2E edit ${Date.now().toString(36)}`;
      await withPage(suite.browser, 'edit-assigned', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        const { partners } = await gql<{ partners: { edges: { node: { id: string } }[] } }>(
          page,
          suite.server.baseUrl,
          `{ partners(first: 1, filter: { role: SERVICE_PARTNER, status: ACCEPTED }) { edges { node { id } } } }`,
        );
        const jobId = await createJob(page, suite.server.baseUrl, title, partners.edges[0]?.node.id ?? null);

        await page.goto(`${suite.server.baseUrl}/jobs`);
        await row(page, title).getByRole('button', { name: `Actions for ${title}` }).click();
        await page.getByRole('menuitem', { name: 'Edit…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('This job is assigned: only its schedule and instructions can change.').waitFor();
        expect(await dialog.getByLabel('Title').isDisabled()).toBe(true);
        expect(await dialog.getByLabel('Firmware').isDisabled()).toBe(true);
        await dialog.getByLabel('Instructions for the technician').fill('Ring at gate 2');
        const saved = nextAnswer<{ updateJob: { __typename: string } }>(page, 'UpdateJob');
        await dialog.getByRole('button', { name: 'Save changes' }).click();
        expect((await saved).data?.updateJob.__typename).toBe('JobSuccess');

        const { job } = await gql<{ job: { instructions: string; status: string; events: { type: string }[] } }>(
          page,
          suite.server.baseUrl,
          `query($id: ID!) { job(id: $id) { instructions status events { type } } }`,
          { id: jobId },
        );
        expect(job).toEqual({ instructions: 'Ring at gate 2', status: 'ASSIGNED', events: [{ type: 'CREATED' }, { type: 'ASSIGN' }, { type: 'EDITED' }] });
      });
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'hides a column under the gear, and it stays hidden after a reload',
    async () => {
      await withPage(suite.browser, 'columns', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        await page.goto(`${suite.server.baseUrl}/jobs`);
        const header = page.getByRole('columnheader', { name: 'Vehicle', exact: true });
        await header.waitFor();
        await page.getByRole('button', { name: 'Choose columns' }).click();
        const saved = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('SetMyPreference'));
        await page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'Vehicle' }).uncheck();
        await header.waitFor({ state: 'detached' });
        expect((await saved).ok()).toBe(true);

        await page.reload();
        await page.getByRole('columnheader', { name: 'Status', exact: true }).waitFor();
        expect(await page.getByRole('columnheader', { name: 'Vehicle', exact: true }).count()).toBe(0);
      });
    },
    FLOW_TIMEOUT_MS,
  );
});
