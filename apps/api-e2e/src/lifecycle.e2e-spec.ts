import { existsSync } from 'node:fs';
import path from 'node:path';
import { STRONG_PASSWORD, createUser, gqlData, signIn, uniqueEmail } from './support/graphql';
import { SERVER_START_BUDGET_MS, postmastersOf, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';

const USERS = /* GraphQL */ `
  query Users {
    users(first: 100) {
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          email
        }
      }
    }
  }
`;

interface UsersData {
  users: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { id: string; email: string } }> };
}

describe('server lifecycle', () => {
  let first: RunningServer | undefined;
  let second: RunningServer | undefined;

  afterAll(async () => {
    // Only reached with servers still running when a test failed half-way.
    await second?.stop().catch(() => undefined);
    await first?.stop().catch(() => undefined);
  });

  it('shuts down on SIGTERM with exit code 0, stops the embedded PostgreSQL, and keeps the data for a restart', async () => {
    first = await startServer();
    const { dataDir } = first;
    const postmasters = postmastersOf(dataDir);
    expect(postmasters).toHaveLength(1);
    expect(existsSync(path.join(postmasters[0]?.pgdata ?? dataDir, 'postmaster.pid'))).toBe(true);

    const admin = await signIn(first.baseUrl, 'admin@aurora-motors.example');
    const email = uniqueEmail('restart');
    const created = await createUser(first.baseUrl, { cookie: admin }, { email, name: 'Survives Restart', role: 'MANAGER' });
    const before = await gqlData<UsersData>(first.baseUrl, USERS, { cookie: admin });
    expect(before.users.edges.map((edge) => edge.node.email)).toContain(email);
    expect(before.users.pageInfo.hasNextPage).toBe(false);

    const exit = await first.stop({ keepDataDir: true });

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(postmastersOf(dataDir)).toEqual([]);
    // PostgreSQL removes its lock file only on a clean shutdown.
    expect(existsSync(path.join(postmasters[0]?.pgdata ?? dataDir, 'postmaster.pid'))).toBe(false);

    // Restart on the same DATA_DIR: the created user is still there and the demo is not seeded twice.
    second = await startServer({ dataDir });
    const adminAgain = await signIn(second.baseUrl, 'admin@aurora-motors.example');
    const after = await gqlData<UsersData>(second.baseUrl, USERS, { cookie: adminAgain });

    // Aurora Motors has a handful of users, all on this one page.
    expect(after.users.edges).toHaveLength(before.users.edges.length);
    expect(after.users.edges.find((edge) => edge.node.email === email)?.node.id).toBe(created.id);
    const demoAdmins = after.users.edges.filter((edge) => edge.node.email === 'admin@aurora-motors.example');
    expect(demoAdmins).toHaveLength(1);
    // The user created before the restart can still sign in with its password.
    await expect(signIn(second.baseUrl, email, STRONG_PASSWORD)).resolves.toMatch(/^ph_session=/);

    const secondExit = await second.stop();
    expect(secondExit.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
    first = undefined;
    second = undefined;
  }, 2 * SERVER_START_BUDGET_MS);
});
