import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, saveScreenshot, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn } from './support/sign-in';

const chromiumPath = findChromium();

async function chooseCsv(page: Page, name: string, content: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('importing partners through the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it('shows the problems of a bad file, then imports a good one (BOM, semicolons, a parent on a later row)', async () => {
    await withPage(suite.browser, 'partners-import', async (page) => {
      await openAndSignIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      await page.goto(`${suite.server.baseUrl}/partners/import`);

      await chooseCsv(page, 'broken.csv', 'partner_id,name,role,iin\nEE2E1,Broken One,DEALER,123\nEE2E2,Broken Two,WIZARD,\n');
      const problems = page.getByRole('region', { name: 'Problems' });
      await problems.getByText('The IIN has 12 digits.').waitFor();
      await problems.getByText(/Unknown role "WIZARD"/).waitFor();
      await page.getByRole('button', { name: /Download problems as CSV/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Import \d+ partner/ }).isDisabled()).toBe(true);
      await saveScreenshot(page, 'partners-import-problems');

      await page.getByRole('button', { name: 'Choose another file' }).click();
      const good = '\uFEFFpartner_id;name;role;parent_partner_id;address\r\nEE2E3;Child Motors;dealer;EE2E4;"Hafen 1; Kiel"\r\nEE2E4;Parent Motors;OEM;;\r\n';
      await chooseCsv(page, 'good.csv', good);
      const toCreate = page.getByRole('region', { name: 'Partners to create' });
      await toCreate.getByText('Child Motors').waitFor();
      await toCreate.getByText('in this file').waitFor();
      await page.getByRole('button', { name: 'Import 2 partner(s)' }).click();

      await page.getByText('Imported 2 partner(s)').waitFor({ timeout: 30_000 });
      const link = page.getByRole('link', { name: 'Show the imported partners' });
      expect(await link.getAttribute('href')).toMatch(/^\/partners\?importBatchId=[0-9a-f-]{36}$/);
      const earlier = page.getByRole('region', { name: 'Earlier imports' });
      await earlier.getByText('good.csv').waitFor();
      expect(await earlier.getByText('broken.csv').count()).toBe(0); // a dry run is not an import
      await saveScreenshot(page, 'partners-import-done');
      await link.click();
      await page.waitForURL(/\/partners\?importBatchId=/);
    });
  });
});
