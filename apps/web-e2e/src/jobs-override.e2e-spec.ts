import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
/** FleetFit Service (FFT3Q) of the demo seed: allowJobOverride on, one technician */
const TECHNICIAN = 'tech@fleetfit-service.example';
const PARTNER_CODE = 'FFT3Q';
const PHONE = { width: 390, height: 844 };
const chromiumPath = findChromium();
const FLOW_TIMEOUT_MS = 240_000;

type PartnerSettings = { id: string; allowJobOverride: boolean; blocked: boolean; usersBlocked: boolean; organization: { passwordPolicy: string } };

/** The principal sets the service partner's allowJobOverride (the partner settings the principal owns). */
async function setAllowJobOverride(page: Page, baseUrl: string, partner: PartnerSettings, allow: boolean): Promise<void> {
  const { id, blocked, usersBlocked, organization } = partner;
  const { updatePartnerSettings } = await gql<{ updatePartnerSettings: { __typename: string } }>(
    page,
    baseUrl,
    `mutation($input: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $input) { __typename } }`,
    { input: { id, blocked, usersBlocked, passwordPolicy: organization.passwordPolicy, allowJobOverride: allow } },
  );
  expect(updatePartnerSettings.__typename).not.toMatch(/Error$/);
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('the technician’s configuration override in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    'on a phone the running technician changes the firmware and sees it in the history; once the partner may not override, no edit control',
    async () => {
      const suffix = Date.now().toString(36);
      const title = `E2E override ${suffix}`;
      let jobPath = '';
      let partner: PartnerSettings | null = null;

      await withPage(suite.browser, 'principal-assigns-job', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        const { partners } = await gql<{ partners: { edges: { node: PartnerSettings }[] } }>(
          page,
          suite.server.baseUrl,
          `query($search: String) { partners(first: 5, filter: { search: $search }) { edges { node { id allowJobOverride blocked usersBlocked organization { passwordPolicy } } } } }`,
          { search: PARTNER_CODE },
        );
        partner = partners.edges[0]?.node ?? null;
        if (!partner) throw new Error(`no partner ${PARTNER_CODE} in the demo seed`);
        expect(partner.allowJobOverride).toBe(true);
        const { createVehicle } = await gql<{ createVehicle: { vehicle?: { id: string } } }>(
          page,
          suite.server.baseUrl,
          `mutation($vin: String!) { createVehicle(input: { vin: $vin, make: "Aurora", model: "Orion", year: 2025 }) { __typename ... on VehicleSuccess { vehicle { id } } } }`,
          { vin: randomVin() },
        );
        const { createJob } = await gql<{ createJob: { job?: { id: string } } }>(
          page,
          suite.server.baseUrl,
          `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } ... on ErrorResult { message } } }`,
          { input: { kind: 'INSTALLATION', vehicleId: createVehicle.vehicle?.id, title, servicePartnerId: partner.id, assign: true, configuration: { firmware: '5.0.2', deviceModel: 'CloudBoxx 4' } } },
        );
        if (!createJob.job) throw new Error(`createJob: ${JSON.stringify(createJob)}`);
        jobPath = `/jobs/${createJob.job.id}`;
      });

      await withPage(
        suite.browser,
        'technician-overrides-on-phone',
        async (page) => {
          await openAndSignIn(page, suite.server.baseUrl, TECHNICIAN);
          await page.goto(`${suite.server.baseUrl}${jobPath}`);
          await page.getByRole('heading', { name: title }).waitFor();
          await page.getByRole('button', { name: 'Start', exact: true }).click();
          await page.getByRole('button', { name: 'Succeed', exact: true }).waitFor();

          const edit = page.getByRole('button', { name: /Edit configuration/ });
          await edit.click();
          const form = page.getByRole('form', { name: 'Edit configuration' });
          await form.getByLabel('Firmware').fill('5.1.0');
          // the form fits the phone's width
          const save = form.getByRole('button', { name: 'Save configuration' });
          const box = await save.boundingBox();
          expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
          await save.click();
          await form.waitFor({ state: 'detached' });
          await page.getByText('CONFIGURATION_CHANGED').waitFor();
          const change = page.getByText('Firmware:', { exact: false });
          await change.waitFor();
          expect(await change.textContent()).toContain('5.0.2');
          expect(await change.textContent()).toContain('5.1.0');
        },
        { viewport: PHONE },
      );

      await withPage(suite.browser, 'principal-disallows-overrides', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        await setAllowJobOverride(page, suite.server.baseUrl, partner as unknown as PartnerSettings, false);
      });

      try {
        await withPage(
          suite.browser,
          'technician-sees-read-only',
          async (page) => {
            await openAndSignIn(page, suite.server.baseUrl, TECHNICIAN);
            await page.goto(`${suite.server.baseUrl}${jobPath}`);
            await page.getByRole('heading', { name: title }).waitFor();
            await page.getByText('Your organization may not change a job\'s predefined configuration', { exact: false }).waitFor();
            await page.getByText('5.1.0', { exact: true }).first().waitFor();
            expect(await page.getByRole('button', { name: /Edit configuration/ }).count()).toBe(0);
          },
          { viewport: PHONE },
        );
      } finally {
        await withPage(suite.browser, 'principal-restores-overrides', async (page) => {
          await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
          await setAllowJobOverride(page, suite.server.baseUrl, partner as unknown as PartnerSettings, true);
        });
      }
    },
    FLOW_TIMEOUT_MS,
  );
});
