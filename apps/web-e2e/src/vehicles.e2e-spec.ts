import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { gql, randomVin } from './support/demo-data';

const PRINCIPAL_ADMIN = 'admin@aurora-motors.example';
const VEHICLE_COUNT = 30;
const chromiumPath = findChromium();
/** Two people, thirty vehicles and a dialog with pages: more than the default 60 s on a busy 2-core machine. */
const FLOW_TIMEOUT_MS = 240_000;

/** The VINs of the rows of the table inside `scope`, in order. */
async function shownVins(scope: ReturnType<Page['locator']>): Promise<string[]> {
  return scope.locator('tbody tr.ant-table-row td a[href^="/vehicles/"]').allInnerTexts();
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('assigning vehicles in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it(
    'assigns vehicles picked on two pages of "Add vehicles"; the partner then sees exactly those and nothing else',
    async () => {
      const suffix = Date.now().toString(36);
      // a make no demo vehicle has, so the dialog's make filter shows exactly the vehicles of this test
      const make = `E2E-${suffix}`;
      const partnerName = `Vehicles Test ${suffix}`;
      const adminEmail = `admin-${suffix}@vehicles-test.example`;
      const adminPassword = 'vehicles-test-2026';
      let partnerId = '';
      const created: { id: string; vin: string }[] = [];
      const picked: string[] = [];

      await withPage(suite.browser, 'principal-assigns', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, PRINCIPAL_ADMIN);

        // The data through the API: a fresh sub-partner of a demo dealer with an admin login, and 30 vehicles.
        const { partners } = await gql<{ partners: { edges: { node: { id: string; name: string } }[] } }>(
          page,
          suite.server.baseUrl,
          'query($search: String) { partners(first: 5, filter: { search: $search }) { edges { node { id name } } } }',
          { search: 'Berlin Autohaus' },
        );
        const berlin = partners.edges
          .map((edge) => edge.node)
          .find((node) => node.name === 'Berlin Autohaus');
        if (!berlin) throw new Error('the demo dealer Berlin Autohaus is missing');
        const { createPartner } = await gql<{
          createPartner: { __typename: string; partner?: { id: string } };
        }>(
          page,
          suite.server.baseUrl,
          `mutation($input: CreatePartnerInput!) {
            createPartner(input: $input) { __typename ... on PartnerSuccess { partner { id } } ... on ErrorResult { message } }
          }`,
          {
            input: {
              role: 'DEALER',
              parentId: berlin.id,
              profile: { name: partnerName, email: `office-${suffix}@vehicles-test.example` },
            },
          },
        );
        if (!createPartner.partner) throw new Error(`createPartner: ${JSON.stringify(createPartner)}`);
        partnerId = createPartner.partner.id;
        const { createPartnerAdmin } = await gql<{ createPartnerAdmin: { __typename: string } }>(
          page,
          suite.server.baseUrl,
          `mutation($input: CreatePartnerAdminInput!) {
            createPartnerAdmin(input: $input) { __typename ... on ErrorResult { message } }
          }`,
          { input: { partnerId, email: adminEmail, name: 'Vera Vehicles', password: adminPassword } },
        );
        expect(createPartnerAdmin.__typename).toBe('PartnerSuccess');

        const vins = Array.from({ length: VEHICLE_COUNT }, randomVin);
        const mutation = `mutation {
          ${vins
            .map(
              (
                vin,
                i,
              ) => `v${i}: createVehicle(input: { vin: "${vin}", make: "${make}", model: "Testa", year: 2025 }) {
                __typename ... on VehicleSuccess { vehicle { id vin } } ... on ErrorResult { message }
              }`,
            )
            .join('\n')}
        }`;
        const results = await gql<
          Record<string, { __typename: string; vehicle?: { id: string; vin: string } }>
        >(page, suite.server.baseUrl, mutation);
        for (const result of Object.values(results)) {
          if (!result.vehicle) throw new Error(`createVehicle: ${JSON.stringify(result)}`);
          created.push(result.vehicle);
        }
        expect(created).toHaveLength(VEHICLE_COUNT);

        // The partner's page → Vehicles tab → "Add vehicles".
        await page.goto(`${suite.server.baseUrl}/partners/${partnerId}`);
        await page.getByRole('heading', { name: new RegExp(partnerName) }).waitFor();
        await page.getByRole('tab', { name: 'Vehicles' }).click();
        await page.waitForURL(new RegExp(`/partners/${partnerId}/vehicles$`));
        await page.getByText('No vehicles assigned').waitFor();
        await page.getByRole('button', { name: 'Add vehicles' }).click();
        const dialog = page.getByRole('dialog');
        const makeFilter = dialog.getByLabel('Filter vehicles to add by make');
        await makeFilter.waitFor();
        await makeFilter.fill(make);
        await makeFilter.press('Enter');
        await dialog.getByText(`Page 1 of 3 · ${VEHICLE_COUNT} matching`).waitFor();

        // Three rows on page 1 …
        const page1 = await shownVins(dialog);
        expect(page1).toHaveLength(10);
        for (const vin of page1.slice(0, 3)) {
          await dialog.getByRole('checkbox', { name: `Select ${vin}` }).check();
          picked.push(vin);
        }
        await dialog.getByText('3 vehicles selected').waitFor();

        // … and two on page 2; the picks of page 1 are kept.
        await dialog.getByRole('button', { name: 'Next page' }).click();
        await dialog.getByText(`Page 2 of 3 · ${VEHICLE_COUNT} matching`).waitFor();
        await dialog.locator(`a:text-is("${page1[0]}")`).waitFor({ state: 'detached' });
        const page2 = await shownVins(dialog);
        expect(page2).toHaveLength(10);
        expect(page2.some((vin) => page1.includes(vin))).toBe(false);
        for (const vin of [page2[4], page2[7]] as string[]) {
          await dialog.getByRole('checkbox', { name: `Select ${vin}` }).check();
          picked.push(vin);
        }
        await dialog.getByText('5 vehicles selected').waitFor();
        await dialog.getByText('5 to assign').waitFor();

        await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
        await page.getByText(`5 vehicles assigned to ${partnerName}.`).waitFor();
        await dialog.waitFor({ state: 'hidden', timeout: 45_000 });

        // The tab lists them.
        await page.getByText('Showing 5 of 5').waitFor();
        const tab = page.getByRole('tabpanel');
        expect((await shownVins(tab)).sort()).toEqual([...picked].sort());
      });

      // The partner's admin sees exactly those vehicles, and another vehicle looks like a missing one.
      await withPage(suite.browser, 'partner-sees-its-vehicles', async (page) => {
        await openAndSignIn(page, suite.server.baseUrl, adminEmail, adminPassword);
        await page.getByRole('banner').getByText(partnerName, { exact: true }).waitFor();
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('menuitem')
          .filter({ has: page.getByText('Vehicles', { exact: true }) })
          .click();
        await page.waitForURL(/\/vehicles$/);
        await page.getByText('Showing 5 of 5').waitFor();
        expect((await shownVins(page.locator('main'))).sort()).toEqual([...picked].sort());

        const other = created.find((vehicle) => !picked.includes(vehicle.vin));
        if (!other) throw new Error('every vehicle was picked');
        await page.goto(`${suite.server.baseUrl}/vehicles/${other.id}`);
        await page.getByText('Vehicle not found').waitFor();
        expect(await page.getByText(other.vin).count()).toBe(0);

        const mine = created.find((vehicle) => vehicle.vin === picked[0]);
        await page.goto(`${suite.server.baseUrl}/vehicles/${mine?.id}/access`);
        await page
          .getByText(`You see this vehicle because it is assigned to ${partnerName}`, { exact: false })
          .waitFor();
      });
    },
    FLOW_TIMEOUT_MS,
  );
});
