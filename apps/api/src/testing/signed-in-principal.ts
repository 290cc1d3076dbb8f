import { makeOrganization } from '../modules/organization/organization.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import type { TestApp } from './test-app.js';
import { WORLD_PASSWORD } from './world.js';

let seq = 0;

/**
 * A principal of its own with a signed-in MANAGER, so a test starts from empty lists: the
 * organization `<name> <n>`, the manager `<emailPrefix><n>.<time>@import.example`.
 */
export async function signedInPrincipal(app: TestApp, name: string, emailPrefix: string) {
  const em = app.systemEm();
  seq += 1;
  const organization = makeOrganization(em, 'PRINCIPAL', { name: `${name} ${seq}` });
  const manager = await makeUser(em, organization, { role: 'MANAGER', email: `${emailPrefix}${seq}.${Date.now().toString(36)}@import.example`, password: WORLD_PASSWORD });
  await em.flush();
  return { organization, token: await app.signIn(manager.email, WORLD_PASSWORD) };
}
