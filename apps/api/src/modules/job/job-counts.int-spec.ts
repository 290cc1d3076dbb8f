import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOB_KINDS, JOB_STATUSES } from '@partner-hub/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { jobCountDrift } from '../../testing/job-count-drift.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';

/**
 * The job counters (`job_count`, kept by triggers on `job`) against `count(*)`: after any mix of
 * inserts, updates of every counted column, soft and hard deletes, a batch deleted under its jobs,
 * COPY and TRUNCATE; under concurrent transitions with rollbacks; and as the jobs list's totalCount.
 * (Every other integration-test file also checks the counters when its app closes: test-app.ts.)
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
/** ids the generated operations pick from */
const pool = { principals: [] as string[], vehicles: new Map<string, string>(), partners: new Map<string, string[]>(), batches: new Map<string, string[]>() };

async function batchOf(em: EntityManager, organizationId: string): Promise<string> {
  const batch = em.create(ImportBatch, { organization: organizationId, kind: 'JOBS', status: 'SUCCEEDED', fileName: 'jobs.csv', createdByLabel: 'test', rowCount: 1, summary: {} } as never);
  await em.persistAndFlush(batch);
  return (batch as unknown as { id: string }).id;
}

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const otherService = makeOrganization(em, 'PARTNER', { name: 'Counted Service' });
  em.persist(em.create(Partner, { principal: world.principalA, organization: otherService, role: 'SERVICE_PARTNER', code: 'CNT1', status: 'ACCEPTED' }));
  await makeUser(em, world.service, { role: 'ADMIN', email: 'counts-sp-admin@world.example', password: WORLD_PASSWORD });
  for (const principal of [world.principalA, world.principalB]) pool.vehicles.set(principal.id, makeVehicle(em, principal).id);
  await em.flush();
  for (const principal of [world.principalA, world.principalB]) {
    pool.principals.push(principal.id);
    pool.partners.set(principal.id, (await em.find(Partner, { principal }, { filters: false })).map((p) => p.id));
    pool.batches.set(principal.id, [await batchOf(em, principal.id), await batchOf(em, principal.id)]);
  }
});
afterAll(async () => app?.close());

const sql = (text: string, params: unknown[] = []) => app.systemEm().getConnection().execute(text, params);

/** One change to the job table, written as SQL the way any code path (ORM, import, migration, psql) could. */
type Change =
  | { op: 'insert'; principal: number; rows: number; kind: number; status: number; partner: number; batch: number }
  | { op: 'update'; column: 'kind' | 'status' | 'service_partner_id' | 'import_batch_id' | 'deleted_at' | 'title'; pick: number; value: number }
  | { op: 'delete'; pick: number }
  | { op: 'deleteBatch'; principal: number }
  | { op: 'truncate' };

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), principal: fc.nat(1), rows: fc.integer({ min: 1, max: 40 }), kind: fc.nat(), status: fc.nat(), partner: fc.nat(), batch: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('update' as const), column: fc.constantFrom('kind', 'status', 'service_partner_id', 'import_batch_id', 'deleted_at', 'title'), pick: fc.integer({ min: 1, max: 4 }), value: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteBatch' as const), principal: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const) }) },
);

const nth = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

async function apply(c: Change): Promise<void> {
  switch (c.op) {
    case 'insert': {
      const principal = nth(pool.principals, c.principal);
      const partners = [null, ...(pool.partners.get(principal) ?? [])];
      const batches = [null, ...(pool.batches.get(principal) ?? [])];
      await sql(
        `insert into job (id, created_at, updated_at, principal_id, kind, status, vehicle_id, configuration, service_partner_id, import_batch_id)
         select gen_random_uuid(), now(), now(), ?, ?, ?, ?, '{"settings": {}}', ?, ? from generate_series(1, ?)`,
        [principal, nth(JOB_KINDS, c.kind), nth(JOB_STATUSES, c.status), pool.vehicles.get(principal), nth(partners, c.partner), nth(batches, c.batch), c.rows],
      );
      return;
    }
    case 'update': {
      // every job of one principal's share of the table, chosen by a hash of its id: updates touch many rows at once
      const values: Record<typeof c.column, string> = {
        kind: `(array['INSTALLATION', 'MAINTENANCE'])[1 + ${c.value % 2}]::job_kind`,
        status: `(array[${JOB_STATUSES.map((s) => `'${s}'`).join(', ')}])[1 + ${c.value % JOB_STATUSES.length}]::job_status`,
        service_partner_id: c.value % 3 === 0 ? 'null' : `(select id from partner p where p.principal_id = job.principal_id order by id offset ${c.value % 2} limit 1)`,
        import_batch_id: c.value % 3 === 0 ? 'null' : `(select id from import_batch b where b.organization_id = job.principal_id order by id offset ${c.value % 2} limit 1)`,
        deleted_at: c.value % 2 === 0 ? 'null' : 'now()',
        title: `'retitled ${c.value}'`,
      };
      await sql(`update job set ${c.column} = ${values[c.column]} where get_byte(uuid_send(id), 15) % ? = 0`, [c.pick]);
      return;
    }
    case 'delete':
      await sql('delete from job where get_byte(uuid_send(id), 14) % ? = 0', [c.pick]);
      return;
    case 'deleteBatch': {
      // the foreign key's "on delete set null" updates the batch's jobs: the counters follow
      const principal = nth(pool.principals, c.principal);
      const [oldest, ...rest] = pool.batches.get(principal) ?? [];
      await sql('delete from import_batch where id = ?', [oldest]);
      pool.batches.set(principal, [...rest, await batchOf(app.systemEm(), principal)]);
      return;
    }
    case 'truncate':
      await sql('truncate job cascade');
      return;
  }
}

describe('job counters', () => {
  it('equal count(*) after any sequence of inserts, updates, soft and hard deletes, batch deletions and truncates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        for (const c of changes) await apply(c);
        expect(await jobCountDrift(app.systemEm())).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('stay exact under concurrent transitions, some rolled back, without deadlocks', async () => {
    const principal = world.principalA.id;
    const partners = pool.partners.get(principal) ?? [];
    await sql(
      `insert into job (id, created_at, updated_at, principal_id, kind, status, vehicle_id, configuration, service_partner_id)
       select gen_random_uuid(), now(), now(), ?, 'INSTALLATION', 'ASSIGNED', ?, '{"settings": {}}', ? from generate_series(1, 60)`,
      [principal, pool.vehicles.get(principal), partners[0]],
    );
    const ids = ((await sql(`select id from job where status = 'ASSIGNED' and principal_id = ? order by id`, [principal])) as { id: string }[]).map((r) => r.id);
    const paths = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ASSIGNED', 'CANCELLED'];
    const worker = async (w: number) => {
      for (let i = 0; i < 12; i++) {
        const job = nth(ids, w * 7 + i * 5);
        const status = nth(paths, w + i);
        const em = app.systemEm();
        await em
          .transactional(async (tx) => {
            await tx.getConnection().execute('update job set status = ?, version = version + 1 where id = ?', [status, job], 'run', tx.getTransactionContext());
            if ((w + i) % 4 === 0) throw new Error('rolled back on purpose');
          })
          .catch((error: Error) => {
            if (error.message !== 'rolled back on purpose') throw error;
          });
      }
    };
    await Promise.all([0, 1, 2, 3, 4].map(worker));
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
  });

  it("answer the jobs list's totalCount for a tab, status, partner and batch from the counters, for principal staff and a partner's people", async () => {
    await sql('truncate job cascade');
    const principal = world.principalA.id;
    const service = (await app.systemEm().findOneOrFail(Partner, { organization: world.service }, { filters: false })).id;
    const [batch] = pool.batches.get(principal) ?? [];
    const insert = (n: number, kind: string, status: string, partner: string | null, importBatch: string | null = null) =>
      sql(
        `insert into job (id, created_at, updated_at, principal_id, kind, status, vehicle_id, configuration, service_partner_id, import_batch_id)
         select gen_random_uuid(), now(), now(), ?, ?, ?, ?, '{"settings": {}}', ?, ? from generate_series(1, ?)`,
        [principal, kind, status, pool.vehicles.get(principal), partner, importBatch, n],
      );
    await insert(7, 'INSTALLATION', 'PENDING', null, batch);
    await insert(5, 'INSTALLATION', 'ASSIGNED', service, batch);
    await insert(3, 'MAINTENANCE', 'RUNNING', service);
    await insert(4, 'MAINTENANCE', 'SUCCEEDED', nth(pool.partners.get(principal) ?? [], 0) === service ? nth(pool.partners.get(principal) ?? [], 1) : nth(pool.partners.get(principal) ?? [], 0));
    await sql(`update job set deleted_at = now() where id in (select id from job where status = 'PENDING' limit 2)`);

    const admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
    const partnerAdmin = await app.signIn('counts-sp-admin@world.example', WORLD_PASSWORD);
    const other = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    const TOTAL = `query($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }`;
    const total = async (token: string, filter: Record<string, unknown>) => {
      let count: number | undefined;
      const statements = await app.captureStatements(async () => {
        const { data, errors } = await app.gql(TOTAL, { filter }, { sessionToken: token });
        expect(errors).toBeUndefined();
        count = data?.['jobs'].totalCount;
      });
      expect(statements.some((s) => /from job_count/.test(s))).toBe(true);
      expect(statements.some((s) => /count\(/.test(s))).toBe(false);
      return count;
    };
    expect(await total(admin, {})).toBe(17);
    expect(await total(admin, { kind: 'INSTALLATION' })).toBe(10);
    expect(await total(admin, { kind: 'MAINTENANCE', status: 'RUNNING' })).toBe(3);
    expect(await total(admin, { servicePartnerId: service })).toBe(8);
    expect(await total(admin, { importBatchId: batch })).toBe(10);
    expect(await total(admin, { importBatchId: batch, status: 'PENDING' })).toBe(5);
    expect(await total(partnerAdmin, {})).toBe(8);
    expect(await total(partnerAdmin, { kind: 'MAINTENANCE' })).toBe(3);
    expect(await total(other, {})).toBe(0);
    // a filter the counters are not kept by is counted over the jobs, as before
    const { data } = await app.gql(TOTAL, { filter: { vehicleId: pool.vehicles.get(principal) } }, { sessionToken: admin });
    expect(data?.['jobs'].totalCount).toBe(17);
  });
});
