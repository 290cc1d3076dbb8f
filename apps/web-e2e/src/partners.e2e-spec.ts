import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn as signIn } from './support/sign-in';

const chromiumPath = findChromium();

/** The partner names of the table's rows, in order. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('partners in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it('lists the demo partners, sorts on the server and keeps search and order in the URL', async () => {
    await withPage(suite.browser, 'partners-list', async (page) => {
      await signIn(page, suite.server.baseUrl, 'manager@aurora-motors.example');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav
        .getByRole('menuitem')
        .filter({ has: page.getByText('Partners', { exact: true }) })
        .click();
      await page.getByRole('link', { name: 'Berlin Autohaus' }).first().waitFor();
      const ascending = await rowNames(page);
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));

      await page.getByRole('columnheader', { name: 'Name' }).click();
      await page.waitForURL(/sort=NAME&dir=DESC/);
      await page.waitForFunction(
        (last) => document.querySelector('tbody tr.ant-table-row td:nth-child(2)')?.textContent === last,
        ascending.at(-1),
      );
      expect(await rowNames(page)).toEqual([...ascending].reverse());

      await page.getByLabel('Search partners').fill('HMB2X');
      await page.getByLabel('Search partners').press('Enter');
      await page.waitForURL(/q=HMB2X/);
      await page.getByText('Showing 1 of 1').waitFor();
      expect(await rowNames(page)).toEqual(['Hamburg Cars']);

      await page.reload();
      await page.getByText('Showing 1 of 1').waitFor();
      expect(await page.getByLabel('Search partners').inputValue()).toBe('HMB2X');
    });
  });

  it('expands the sub-partner tree level by level', async () => {
    await withPage(suite.browser, 'partners-tree', async (page) => {
      await signIn(page, suite.server.baseUrl, 'viewer@aurora-motors.example');
      await page.goto(`${suite.server.baseUrl}/partners?view=tree`);
      const berlin = page.locator('.ant-tree-treenode', {
        has: page.getByRole('link', { name: 'Berlin Autohaus', exact: true }),
      });
      await berlin.waitFor();
      expect(await page.getByRole('link', { name: 'Potsdam Autohaus' }).count()).toBe(0);
      await berlin.locator('.ant-tree-switcher').click();
      await page.getByRole('link', { name: 'Potsdam Autohaus' }).waitFor();
      // A viewer may look but not add.
      expect(await page.getByRole('button', { name: 'Add partner' }).count()).toBe(0);
    });
  });

  it('adds a sub-partner from a link with the parent preset and opens its page', async () => {
    await withPage(suite.browser, 'partners-add', async (page) => {
      await signIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      await page.goto(`${suite.server.baseUrl}/partners?new=1&parent=BRL7K&role=SERVICE_PARTNER`);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Berlin Autohaus (BRL7K)', { exact: false }).waitFor();

      await dialog.getByLabel('Name', { exact: true }).fill('Spree Service');
      await dialog.getByLabel('KPP').fill('1234');
      await dialog.getByRole('button', { name: 'Add partner' }).click();
      await dialog.getByText('The KPP has 9 digits.').waitFor();

      await dialog.getByLabel('KPP').fill('123456789');
      await dialog.getByLabel('Partner ID (optional)').fill('HMB2X');
      await dialog.getByRole('button', { name: 'Add partner' }).click();
      await dialog.getByText('The Partner ID HMB2X is already used by another partner.').waitFor();

      await dialog.getByLabel('Partner ID (optional)').fill('');
      await dialog.getByRole('button', { name: 'Add partner' }).click();
      await page.waitForURL(/\/partners\/[0-9a-f-]{36}$/);

      await page.goto(`${suite.server.baseUrl}/partners?q=Spree`);
      const row = page.locator('tbody tr.ant-table-row', { hasText: 'Spree Service' });
      await row.waitFor();
      expect(await row.innerText()).toContain('Berlin Autohaus');
      expect(await row.innerText()).toContain('Service partner');
    });
  });

  it('invites a service partner, whose invitation lands in the development mailbox', async () => {
    await withPage(suite.browser, 'partners-invite', async (page) => {
      await signIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('menuitem', { name: 'Service partners' })
        .click();
      await page.getByRole('button', { name: 'Invite service partner' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Company name').fill('Rapid Install GmbH');
      await dialog.getByLabel('E-mail').fill('owner@rapid-install.example');
      await dialog.getByRole('switch').click();
      await dialog.getByRole('button', { name: 'Send invitation' }).click();

      const row = page.locator('tbody tr.ant-table-row', { hasText: 'Rapid Install GmbH' });
      await row.getByText('Invitation sent').waitFor();
      await row.getByText('Job override allowed').waitFor();

      await page.goto(`${suite.server.baseUrl}/mailbox`);
      await page.getByRole('cell', { name: 'owner@rapid-install.example' }).first().waitFor();
    });
  });
});
