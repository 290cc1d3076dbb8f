import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickUntil, findChromium, withPage } from './support/browser';
import { browserSuite } from './support/suite';
import { openAndSignIn as signIn } from './support/sign-in';
import { nextAnswer, randomVin } from './support/demo-data';

const chromiumPath = findChromium();


/** One GraphQL operation from inside the signed-in page (the session cookie goes along); fails on errors. */
async function api<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown[] };
    },
    { query, variables },
  );
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return body.data as T;
}

// Skipped (with one loud line from global-setup.ts) when no Chromium is installed.
describe.skipIf(!chromiumPath)('owners in the browser', () => {
  const suite = browserSuite(chromiumPath as string);

  it("lets the principal annotate, equip and contact an owner, and shows a partner the owner without the annotation", async () => {
    const tag = Date.now().toString(36);
    const email = `olga.${tag}@owners.example`;
    const secrets = [`CRM-${tag}`, `Hidden Name ${tag}`, `Private note ${tag}`];
    const vin = randomVin();
    let ownerUrl = '';

    await withPage(suite.browser, 'owners-principal', async (page) => {
      await signIn(page, suite.server.baseUrl, 'admin@aurora-motors.example');
      const created = await api<{ createVehicle: { __typename: string; vehicle: { id: string } } }>(
        page,
        `mutation($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename ... on VehicleSuccess { vehicle { id } } } }`,
        { input: { vin, make: 'Aurora', model: 'Orion', plate: `B-OW ${tag.slice(-3)}` } },
      );
      expect(created.createVehicle.__typename).toBe('VehicleSuccess');

      // a new owner through the "New owner" dialog
      await page.getByRole('navigation', { name: 'Main' }).getByRole('menuitem', { name: 'Owners' }).click();
      await page.getByRole('button', { name: 'New owner' }).click();
      const dialog = page.getByRole('dialog', { name: 'New owner' });
      await dialog.getByLabel('E-mail').fill(email);
      await dialog.getByLabel('Name').fill('Olga Owner');
      await dialog.getByLabel('Phone').fill('+49 30 555 0101');
      // playwright waits for the button to be stable, so the modal's opening animation cannot swallow the click
      await dialog.getByRole('button', { name: 'Add owner' }).click();
      await page.waitForURL(/\/owners\/[0-9a-f-]{36}$/);
      ownerUrl = page.url();

      // the private annotation
      const card = page.getByRole('region', { name: 'Private annotation' });
      await card.getByText("Private — only your organization's staff see this.").waitFor();
      await card.getByLabel('Your user id for this person').fill(secrets[0] as string);
      await card.getByLabel('Display name').fill(secrets[1] as string);
      await card.getByLabel('Description').fill(secrets[2] as string);
      const annotated = nextAnswer<{ updateOwnerAnnotation: { __typename: string } }>(page, 'UpdateOwnerAnnotation');
      await card.getByRole('button', { name: 'Save annotation' }).click();
      expect((await annotated).data?.updateOwnerAnnotation.__typename).toBe('OwnerSuccess');

      // access to the vehicle made above, found by its VIN
      await page.getByRole('button', { name: 'Add vehicle access' }).click();
      const access = page.getByRole('dialog', { name: 'Add vehicle access' });
      const vehicleField = access.getByRole('combobox', { name: 'Vehicle' });
      await vehicleField.fill(vin);
      // the search's answer replaces the options shown while typing: pick until the field holds the vehicle
      const vehicleChosen = async () => (await access.locator('.ant-select-content-has-value').count()) > 0 && (await vehicleField.inputValue()) === '';
      await clickUntil(page.locator('.ant-select-item-option').filter({ hasText: vin }), vehicleChosen);
      await access.getByRole('radio', { name: 'Owner of the vehicle' }).check();
      const accessAdded = nextAnswer<{ addOwnerVehicleAccess: { __typename: string } }>(page, 'AddOwnerVehicleAccess');
      await access.getByRole('button', { name: /Add access$/ }).click();
      expect((await accessAdded).data?.addOwnerVehicleAccess.__typename).toBe('OwnerSuccess');
      const vehicleLink = page.getByRole('link', { name: vin, exact: true });
      expect(await vehicleLink.getAttribute('href')).toBe(`/vehicles/${created.createVehicle.vehicle.id}`);

      // a message to the owner, which lands in the development mailbox (no SMTP_URL) and in its history
      await page.getByRole('button', { name: 'Contact' }).click();
      const contact = page.getByRole('dialog', { name: 'Contact Olga Owner' });
      await contact.getByLabel('Subject').fill(`Your Orion ${tag}`);
      await contact.getByLabel('Message').fill('Your vehicle is ready for pick-up.');
      const sent = nextAnswer<{ contactOwner: { __typename: string } }>(page, 'ContactOwner');
      await contact.getByRole('button', { name: 'Send' }).click();
      expect((await sent).data?.contactOwner.__typename).toBe('OwnerSuccess');
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('cell', { name: 'Contacted by e-mail' }).waitFor();
      await page.goto(`${suite.server.baseUrl}/mailbox`);
      const mail = page.locator('tbody tr.ant-table-row', { hasText: `Your Orion ${tag}` });
      await mail.waitFor();
      expect(await mail.innerText()).toContain(email);

      // the principal assigns the vehicle to Berlin Autohaus (BRL7K)
      const berlin = await api<{ partners: { edges: { node: { id: string; partnerId: string } }[] } }>(
        page,
        `query { partners(filter: { search: "BRL7K" }) { edges { node { id partnerId } } } }`,
        {},
      );
      const berlinId = berlin.partners.edges.find((e) => e.node.partnerId === 'BRL7K')?.node.id;
      expect(berlinId).toBeTruthy();
      const assigned = await api<{ assignVehicles: { __typename: string } }>(
        page,
        `mutation($input: VehicleAssignmentInput!) { assignVehicles(input: $input) { __typename } }`,
        { input: { partnerId: berlinId, vehicleIds: [created.createVehicle.vehicle.id] } },
      );
      expect(assigned.assignVehicles.__typename).toBe('VehicleAssignmentSuccess');
    });

    await withPage(suite.browser, 'owners-partner', async (page) => {
      // every GraphQL answer the partner's browser receives, to search for the annotation
      const answers: Promise<string>[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/graphql')) answers.push(response.text().catch(() => ''));
      });
      await signIn(page, suite.server.baseUrl, 'admin@berlin-autohaus.example');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('menuitem', { name: 'Owners' }).click();
      await page.getByLabel('Search owners').fill(email);
      await page.getByLabel('Search owners').press('Enter');
      const row = page.locator('tbody tr.ant-table-row', { hasText: email });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('Olga Owner');
      expect(text).toContain('+49 30 555 0101');
      expect(text).toContain(vin);
      expect(await page.getByRole('columnheader', { name: /Display name/ }).count()).toBe(0);

      await row.getByRole('link', { name: 'Olga Owner' }).click();
      await page.waitForURL(ownerUrl);
      await page.getByRole('link', { name: vin, exact: true }).waitFor();
      expect(await page.getByRole('region', { name: 'Private annotation' }).count()).toBe(0);

      const seen = [await page.content(), ...(await Promise.all(answers))].join('\n');
      for (const secret of secrets) expect(seen).not.toContain(secret);
      expect(seen).toContain(email);
    });
  });
});
