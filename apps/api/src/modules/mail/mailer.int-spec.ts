import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { OutboxEmail } from './outbox-email.entity.js';

interface Received {
  to: string[];
  data: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

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
