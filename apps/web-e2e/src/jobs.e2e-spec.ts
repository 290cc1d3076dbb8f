import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
const TECHNICIAN = 'tech@fleetfit-service.example';
const PHONE = { width: 390, height: 844 };
const chromiumPath = findChromium();
/** Three sign-ins and a dialog with pickers: more than the default 60 s on a busy 2-core machine. */
const FLOW_TIMEOUT_MS = 240_000;

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('a job from a template to success in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    'the principal creates a job from a template with Save & Assign; the technician starts and succeeds it on a phone and then loses the vehicle',
    async () => {
      const suffix = Date.now().toString(36);
      const title = `E2E install ${suffix}`;
      const templateName = `E2E template ${suffix}`;
      const vin = randomVin();
      let vehicleId = '';
      let jobPath = '';

      await withPage(suite.browser, 'principal-creates-job', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        // a vehicle of its own, so no other test or demo assignment decides what the technician sees
        const { createVehicle } = await gql<{ createVehicle: { vehicle?: { id: string } } }>(
          page,
          suite.server.baseUrl,
          `mutation($vin: String!) { createVehicle(input: { vin: $vin, make: "Aurora", model: "Orion", year: 2025 }) {
            __typename ... on VehicleSuccess { vehicle { id } } ... on ErrorResult { message } } }`,
          { vin },
        );
        if (!createVehicle.vehicle) throw new Error(`createVehicle: ${JSON.stringify(createVehicle)}`);
        vehicleId = createVehicle.vehicle.id;

        // the template: the title, the device model and the default service partner (FleetFit)
        const { partners } = await gql<{ partners: { edges: { node: { id: string } }[] } }>(
          page,
          suite.server.baseUrl,
          `{ partners(first: 1, filter: { search: "FFT3Q", role: SERVICE_PARTNER }) { edges { node { id } } } }`,
        );
        const { createJobTemplate } = await gql<{ createJobTemplate: { jobTemplate?: { id: string } } }>(
          page,
          suite.server.baseUrl,
          `mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) {
            __typename ... on JobTemplateSuccess { jobTemplate { id } } ... on ErrorResult { message } } }`,
          {
            input: {
              name: templateName,
              kind: 'INSTALLATION',
              title,
              configuration: { deviceModel: `T3-${suffix}`, settings: [{ name: 'odometer_source', value: 'can' }] },
              defaultServicePartnerId: partners.edges[0]?.node.id,
            },
          },
        );
        if (!createJobTemplate.jobTemplate) throw new Error(`createJobTemplate: ${JSON.stringify(createJobTemplate)}`);

        // Templates tab → "Create new job": the New job dialog starts filled from the template
        await page.goto(`${suite.server.baseUrl}/jobs`);
        await page.getByRole('tab', { name: 'Templates' }).click();
        await page.getByRole('searchbox', { name: 'Search templates' }).fill(templateName);
        await page.getByRole('searchbox', { name: 'Search templates' }).press('Enter');
        await page.getByRole('button', { name: `Actions for ${templateName}` }).click();
        await page.getByRole('menuitem', { name: 'Create new job' }).click();
        const dialog = page.getByRole('dialog', { name: 'New job' });
        await dialog.getByText(templateName).waitFor();
        expect(await dialog.getByLabel('Title').inputValue()).toBe(title);
        expect(await dialog.getByLabel('Device model').inputValue()).toBe(`T3-${suffix}`);
        await dialog.getByText('FleetFit Service (FFT3Q)').waitFor();
        await dialog.getByRole('combobox', { name: 'Vehicle' }).click();
        await dialog.getByRole('combobox', { name: 'Vehicle' }).fill(vin);
        await page.getByTitle(`${vin} · Aurora Orion`).click();
        await dialog.getByLabel('Device serial').fill(`TU-${suffix}`);
        await dialog.getByRole('button', { name: 'Save & Assign' }).click();

        await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
        jobPath = new URL(page.url()).pathname;
        await page.getByRole('heading', { name: title }).waitFor();
        await page.getByText('Assigned', { exact: true }).first().waitFor();
      });

      await withPage(
        suite.browser,
        'technician-works-on-phone',
        async (page) => {
          await openAndSignIn(page, suite.server.baseUrl, TECHNICIAN);
          // a technician's home is its jobs
          await page.waitForURL(/\/jobs$/);
          await page.getByRole('link', { name: title }).click();
          await page.waitForURL(new RegExp(`${jobPath}$`));
          await page.getByText(vin).waitFor();
          await page.getByText(`TU-${suffix}`).waitFor();
          // the configuration the template filled in
          await page.getByText(`T3-${suffix}`).waitFor();

          await page.getByRole('button', { name: 'Start', exact: true }).click();
          await page.getByRole('button', { name: 'Succeed', exact: true }).waitFor();
          // one column on a phone: the actions fit the screen's width
          const box = await page.getByRole('button', { name: 'Succeed', exact: true }).boundingBox();
          expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
          await page.getByRole('button', { name: 'Succeed', exact: true }).click();
          await page.getByText('Your access to this vehicle has ended').waitFor();
          await page.getByText('Succeeded', { exact: true }).first().waitFor();

          await page.goto(`${suite.server.baseUrl}/vehicles/${vehicleId}`);
          await page.getByText('Vehicle not found').waitFor();
        },
        { viewport: PHONE },
      );

      await withPage(suite.browser, 'principal-sees-success', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);
        await page.goto(`${suite.server.baseUrl}/jobs?status=SUCCEEDED`);
        const row = page.locator('tr', { has: page.getByRole('link', { name: title }) });
        await row.getByText('Succeeded', { exact: true }).waitFor();
        expect(await row.getByRole('link', { name: vin }).count()).toBe(1);
      });
    },
    FLOW_TIMEOUT_MS,
  );
});
