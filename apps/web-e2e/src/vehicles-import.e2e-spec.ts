import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, saveScreenshot, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';
import { randomVin } from './support/demo-data';

const chromiumPath = findChromium();

/** A European VIN (no check digit applies) no seed row has. */

async function chooseCsv(page: Page, name: string, content: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
}

/** How many vehicles with these VINs the signed-in user's principal has, asked through the API with the page's session. */
async function vehiclesWithVins(page: Page, vins: readonly string[]): Promise<number> {
  let found = 0;
  for (const vin of vins) {
    found += await page.evaluate(async (search) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($filter: VehicleFilter) { vehicles(filter: $filter, first: 5) { totalCount } }', variables: { filter: { search } } }),
      });
      const body = (await response.json()) as { data: { vehicles: { totalCount: number } } };
      return body.data.vehicles.totalCount;
    }, vin);
  }
  return found;
}

/** The figure next to a label of the counts table ("Vehicles" → "3"). */
const countOf = (page: Page, label: string) => page.locator('th', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]').innerText();

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('importing vehicles through the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it('shows the problems of a file with a bad row and imports nothing, then imports the fixed file and shows what it created', async () => {
    await withPage(suite.browser, 'vehicles-import', async (page) => {
      await openAndSignIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      await page.goto(`${suite.server.baseUrl}/vehicles/import`);

      const [a, b, c] = [randomVin(), randomVin(), randomVin()];
      const header = 'vin,make,model,year,license_plate,device_serial,device_model,firmware,owner_email,partner_id';
      const broken = [header, `${a},Aurora,Orion,2024,B-E2E 1,CB1,CloudBoxx 4,4.2.1,e2e-one@owners.example,BRL7K`, `${b},Aurora,Vega,2023,,,,,e2e-one@owners.example,HMB2X`, `${c},Aurora,Nova,1850,,,,,,ZZZZ9`].join('\n');
      await chooseCsv(page, 'fleet-broken.csv', `${broken}\n`);
      const problems = page.getByRole('region', { name: 'Problems' });
      await problems.getByText('The model year is a whole number from 1900 to next year.').waitFor();
      await problems.getByText('No partner with the Partner ID ZZZZ9 exists among your partners.').waitFor();
      await page.getByRole('button', { name: /Download problems as CSV/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Import \d+ vehicle/ }).isDisabled()).toBe(true);
      await saveScreenshot(page, 'vehicles-import-problems');
      expect(await vehiclesWithVins(page, [a, b, c])).toBe(0);

      await page.getByRole('button', { name: 'Choose another file' }).click();
      // the fixed file as a spreadsheet saves it: BOM, semicolons, CRLF, a quoted field
      const fixed = [
        header.replaceAll(',', ';'),
        `${a};Aurora;Orion;2024;B-E2E 1;CB1;CloudBoxx 4;4.2.1;e2e-one@owners.example;BRL7K`,
        `${b};Aurora;"Vega; Long Range";2023;;;;;E2E-One@owners.example;HMB2X`,
        `${c};Aurora;Nova;2022;;;;;e2e-two@owners.example;FFT3Q`,
      ].join('\r\n');
      await chooseCsv(page, 'fleet.csv', `\uFEFF${fixed}\r\n`);
      const toCreate = page.getByRole('region', { name: 'Vehicles to create' });
      await toCreate.getByText(a).waitFor();
      await toCreate.getByText('Aurora Vega; Long Range 2023').waitFor();
      expect(await countOf(page, 'New owners')).toBe('2');
      await page.getByRole('button', { name: 'Import 3 vehicle(s)' }).click();

      await page.getByText('Imported 3 vehicle(s)').waitFor({ timeout: 30_000 });
      expect([await countOf(page, 'Vehicles'), await countOf(page, 'New owners'), await countOf(page, 'Owner accesses'), await countOf(page, 'Assignments to partners')]).toEqual(['3', '2', '3', '3']);
      const link = page.getByRole('link', { name: 'Show the imported vehicles' });
      expect(await link.getAttribute('href')).toMatch(/^\/vehicles\?importBatchId=[0-9a-f-]{36}$/);
      const earlier = page.getByRole('region', { name: 'Earlier imports' });
      await earlier.getByText('fleet.csv').waitFor();
      await earlier.getByRole('link', { name: '3 vehicle(s)' }).waitFor();
      expect(await earlier.getByText('fleet-broken.csv').count()).toBe(0); // a dry run is not an import
      await saveScreenshot(page, 'vehicles-import-done');
      expect(await vehiclesWithVins(page, [a, b, c])).toBe(3);
    });
  });
});
