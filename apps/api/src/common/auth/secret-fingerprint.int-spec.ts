import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { checkSessionSecret } from './secret-fingerprint.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  const world = await buildWorld(app.systemEm());
  await app.signIn(world.users.adminA.email, WORLD_PASSWORD); // one open session
});
afterAll(async () => app?.close());

/** A logger whose JSON lines are kept for the assertions. */
function capturingLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('SESSION_SECRET against the database', () => {
  it('records the first secret silently, says nothing while it stays, and logs an error naming what is lost and the fix when it changes', async () => {
    const { logger, lines } = capturingLogger();
    const first = 'the-first-secret-0123456789';
    expect(await checkSessionSecret(app.orm.em.fork(), first, false, logger)).toBe('recorded');
    expect(await checkSessionSecret(app.orm.em.fork(), first, false, logger)).toBe('same');
    expect(lines).toEqual([]);

    expect(await checkSessionSecret(app.orm.em.fork(), 'a-generated-secret-9876543210', true, logger)).toBe('changed');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.level).toBe(50); // error
    expect(line?.msg).toMatch(/^SESSION_SECRET differs from the one this database was last used with \(SESSION_SECRET is not set, so a generated secret/);
    expect(line?.msg).toMatch(/1 open sessions, 0 API keys and 0 open invitation links no longer work/);
    expect(line?.msg).toMatch(/start again with SESSION_SECRET set to the earlier secret/);
    expect(line).toMatchObject({ sessions: 1, apiKeys: 0, invitations: 0 });

    // the new secret is the database's now: the next start with it is quiet
    expect(await checkSessionSecret(app.orm.em.fork(), 'a-generated-secret-9876543210', true, logger)).toBe('same');
    expect(lines).toHaveLength(1);
  });
});
