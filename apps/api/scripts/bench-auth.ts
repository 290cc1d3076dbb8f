/**
 * `npx nx run api:bench-auth`: the CPU one authentication costs in this process (what every request
 * pays before its operation runs), for an API key, a principal user's session and a partner user's
 * session, 2,000 authentications each after a warm-up, no touch write due. Runs against a throw-away
 * embedded PostgreSQL (or BENCH_DATABASE_URL). `AUTH_RUNS` changes the count.
 */
import { performance } from 'node:perf_hooks';
import { scopeToSystem } from '../src/common/db/tenant-filter.js';
import { hashToken, newToken } from '../src/common/auth/tokens.js';
import { loadEnv } from '../src/config/env.js';
import { makeOrganization } from '../src/modules/organization/organization.factory.js';
import { makeUser } from '../src/modules/user/user.factory.js';
import { makeApiKey } from '../src/modules/api-key/api-key.factory.js';
import { Partner } from '../src/modules/partner/partner.entity.js';
import { Session } from '../src/modules/auth/session.entity.js';
import type { User } from '../src/modules/user/user.entity.js';
import { authenticate } from '../src/modules/auth/authenticate.js';
import type { Credentials } from '../src/modules/auth/authenticate.js';
import { openBenchDatabase } from './bench-database.js';

const RUNS = Number(process.env['AUTH_RUNS'] ?? 2_000);

const env = loadEnv({ NODE_ENV: 'test', SESSION_SECRET: 'bench-session-secret-0123456789', LOG_LEVEL: 'silent' });
const database = await openBenchDatabase('ph-bench-auth-');
const { orm } = database;
try {
  const em = orm.em.fork();
  scopeToSystem(em);
  const principal = makeOrganization(em, 'PRINCIPAL', { name: 'Bench Principal' });
  const dealer = makeOrganization(em, 'PARTNER', { name: 'Bench Dealer' });
  em.persist(em.create(Partner, { principal, organization: dealer, role: 'DEALER', code: 'BENCH', status: 'ACCEPTED' }));
  const key = makeApiKey(em, principal, { role: 'MANAGER' }, env.SESSION_SECRET).token;
  const sessionOf = (user: User) => {
    const token = newToken();
    const expiresAt = new Date(Date.now() + 86_400_000);
    em.persist(em.create(Session, { user, tokenHash: hashToken(env.SESSION_SECRET, token), expiresAt, absoluteExpiresAt: expiresAt }));
    return token;
  };
  const principalSession = sessionOf(await makeUser(em, principal, { role: 'ADMIN', email: `bench-admin-${Date.now()}@bench.example` }));
  const partnerSession = sessionOf(await makeUser(em, dealer, { role: 'STAFF', email: `bench-staff-${Date.now()}@bench.example` }));
  await em.flush();

  const cases: [string, Credentials][] = [
    ['API key (principal)', { bearerToken: key, sessionToken: null }],
    ['session of a principal user', { bearerToken: null, sessionToken: principalSession }],
    ['session of a partner user', { bearerToken: null, sessionToken: partnerSession }],
  ];
  // warm up every path before measuring any (and let the key write its last-used time)
  for (const [, credentials] of cases) for (let i = 0; i < 200; i++) await authenticate(orm.em.fork(), env, credentials);
  for (const [label, credentials] of cases) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < RUNS; i++) await authenticate(orm.em.fork(), env, credentials);
    const used = process.cpuUsage(cpu);
    const perCall = (used.user + used.system) / RUNS;
    const wall = (performance.now() - start) / RUNS;
    process.stdout.write(`${label.padEnd(30)} ${perCall.toFixed(0).padStart(5)} µs CPU   ${wall.toFixed(2)} ms wall   per authentication (${RUNS} runs)\n`);
  }
} finally {
  await database.close();
}
