import type { Page } from 'playwright-core';

/** Every demo user's password (see the README). */
export const DEMO_PASSWORD = 'partnerhub-demo';

/**
 * Signs in through the sign-in form on the current page (keeping an e-mail the page already
 * filled in) and waits for the app shell.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const emailField = page.getByLabel('E-mail', { exact: true });
  await emailField.waitFor();
  if ((await emailField.inputValue()) !== email) await emailField.fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('banner').waitFor();
}

/** Opens the sign-in page of `baseUrl` and signs in. */
export async function openAndSignIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await signIn(page, email, password);
}
