import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import { startSmtp } from '../../testing/smtp-server.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { OutboxEmail } from './outbox-email.entity.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await createTestApp({ smtpUrl: smtp.url });
  world = await buildWorld(app.systemEm());
  admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { __typename } }`;

describe('e-mail through SMTP_URL', () => {
  it('delivers the welcome e-mail of a new user to the SMTP server, not the outbox', async () => {
    const r = await app.gql(CREATE, { input: { email: 'smtp.hire@world.example', name: 'Smtp Hire', role: 'VIEWER', password: 'long-enough-pw' } }, { sessionToken: admin });
    expect(r.data?.['createUser'].__typename).toBe('CreateUserSuccess');
    const message = smtp.received.find((m) => m.to.includes('smtp.hire@world.example'));
    expect(message?.data).toContain(`Subject: Your Partner Hub account at ${world.principalA.name}`);
    expect(message?.data).toContain('/sign-in');
    expect(await app.systemEm().count(OutboxEmail, { to: 'smtp.hire@world.example' })).toBe(0);
    const info = await app.gql(`{ appInfo { mailOutboxEnabled } }`);
    expect(info.data?.['appInfo'].mailOutboxEnabled).toBe(false);
  });

  it('sends nothing when the user cannot be created', async () => {
    const before = smtp.received.length;
    const r = await app.gql(CREATE, { input: { email: world.users.adminB.email, name: 'Dup', role: 'VIEWER', password: 'long-enough-pw' } }, { sessionToken: admin });
    expect(r.data?.['createUser'].__typename).toBe('EmailTakenError');
    expect(smtp.received.length).toBe(before);
  });
});
