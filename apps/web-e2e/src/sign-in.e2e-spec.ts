import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';

const DEMO_PASSWORD = 'partnerhub-demo';
const chromiumPath = findChromium();

/** Fills the sign-in form by its labels and submits it. */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('signing in through the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it('sends a visitor to /sign-in and, after signing in, shows the organization and the navigation', async () => {
    await withPage(suite.browser, 'admin-sign-in', async (page) => {
      await page.goto(suite.server.baseUrl);
      await page.waitForURL(/\/sign-in(\?|$)/);

      await submitSignIn(page, 'admin@aurora-motors.example', DEMO_PASSWORD);

      const header = page.getByRole('banner');
      await header.getByText('Aurora Motors', { exact: true }).waitFor();
      expect(new URL(page.url()).pathname).not.toBe('/sign-in');
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const section of ['Partners', 'Owners', 'Vehicles', 'Jobs', 'Dashboard', 'Pricing', 'Settings']) {
        // by its label text: "Partners" is also part of the accessible name of "Service partners"
        await nav.getByRole('menuitem').filter({ has: page.getByText(section, { exact: true }) }).waitFor();
      }

      // The admin may manage users: Settings offers the Users tab.
      await nav.getByRole('menuitem', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Users' }).waitFor();
    });
  });

  it('shows an error and stays on the sign-in page when the password is wrong', async () => {
    await withPage(suite.browser, 'wrong-password', async (page) => {
      await page.goto(`${suite.server.baseUrl}/sign-in`);

      await submitSignIn(page, 'admin@aurora-motors.example', 'not-the-password');

      const alert = page.getByRole('alert').filter({ hasText: /\S/ }).first();
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/password/i);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByRole('banner').count()).toBe(0);
    });
  });

  it('does not offer Settings → Users to a technician', async () => {
    await withPage(suite.browser, 'technician-settings', async (page) => {
      await page.goto(`${suite.server.baseUrl}/sign-in`);

      await submitSignIn(page, 'tech@fleetfit-service.example', DEMO_PASSWORD);

      await page.getByRole('banner').getByText('FleetFit Service', { exact: true }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('menuitem', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Profile' }).waitFor();
      expect(await page.getByRole('tab', { name: 'Users' }).count()).toBe(0);
      expect(await nav.getByRole('menuitem', { name: 'Partners' }).count()).toBe(0);
    });
  });
});
