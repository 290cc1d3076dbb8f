import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { SCOPE_ROLES, buildScopeWorld } from '../../testing/scope-world.js';
import type { ScopeWorld } from '../../testing/scope-world.js';

/**
 * A job's history follows the rules of the fields it describes (issue 15, leak 3): whoever gets
 * `configuration: null` (a service partner once its grant ended) finds no configuration value in
 * `events { changes }` either — neither a CONFIGURATION_CHANGED event's nor an EDITED event's
 * `configuration.*` entries —, and whoever gets `vehicle: null` finds nothing of the vehicle. The
 * other changes (title, schedule) stay. Checked for every role and every job it may open.
 */

let app: TestApp;
let w: ScopeWorld;

beforeAll(async () => {
  app = await createTestApp();
  w = await buildScopeWorld(app);
});
afterAll(async () => {
  await w?.close();
  await app?.close();
});

const JOB = `query($id: ID!) { job(id: $id) { id title vehicle { id vin } configuration { deviceSerial firmware settings { name value } } events { type changes } } }`;

describe.each(SCOPE_ROLES)('job history as %s', (role) => {
  it('carries a configuration or vehicle value only where the job\'s own field shows it', async () => {
    for (const [name, job] of Object.entries(w.jobs)) {
      const { data } = await w.gql(role, JOB, { id: job.id });
      if (!data?.['job']) continue;
      const answer = data['job'];
      const events = JSON.stringify(answer.events);
      const vehicle = Object.values(w.vehicles).find((v) => v.id === job.vehicle.id)!;
      if (answer.configuration === null) {
        // every configuration value this job ever had, old and new
        expect(events, `${role} on ${name}`).not.toMatch(/-secret/);
        for (const event of answer.events) {
          for (const key of Object.keys(event.changes ?? {})) expect(key, `${role} on ${name}`).not.toMatch(/^(configuration\.|deviceSerial|deviceModel|firmware|installationVariant|centralLockConnectionType|fuelType|setting\.)/);
        }
      } else {
        expect(events).toContain(w.secret(`${name.slice(1).toLowerCase()}-serial-old`));
      }
      if (answer.vehicle === null) expect(JSON.stringify(answer), `${role} on ${name}`).not.toContain(vehicle.vin);
      // what is not the configuration's stays in the history
      expect(answer.events.find((e: { type: string }) => e.type === 'EDITED').changes.title.to).toBe(answer.title);
    }
  });
});

it('a technician whose grant ended still reads the rest of the job, and its colleague with a running grant reads everything', async () => {
  const ended = await w.gql('technician', JOB, { id: w.jobs.jEnded.id });
  expect(ended.data?.['job']).toMatchObject({ vehicle: null, configuration: null, title: 'Job ended' });
  expect(ended.data?.['job'].events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'EDITED', 'CONFIGURATION_CHANGED']);
  const running = await w.gql('technician', JOB, { id: w.jobs.jGrant.id });
  expect(running.data?.['job'].events[2].changes.deviceSerial).toEqual({ from: w.secret('grant-serial-old'), to: w.secret('grant-serial-new') });
});
