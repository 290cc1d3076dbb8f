/**
 * Live subscribers (part of `npm run bench`; alone: `npx nx run api:bench-subscriptions`).
 *
 * The API runs in a process of its own (src/testing/api-process.ts), the subscribers in another
 * (bench-subscribers.ts): N graphql-ws connections over real WebSockets, each with an API key of one of
 * several groups — some entitled to hear a change of principal A's job, some not (another principal's
 * staff, another partner). Then one job change at a time (updateJob through HTTP) and, for every
 * entitled subscriber, the time from the instant the server published the change (right after its
 * commit) to the instant the subscriber's process received it: p50/p95/p99/max over all rounds. Also
 * the server's CPU time per delivery (the round's CPU minus that of the same change with no subscriber,
 * ÷ entitled subscribers) and its memory per connection (RSS and heap after a full GC, before and after
 * connecting, ÷ connections). Subscribers that may not hear the change must receive nothing (checked).
 * Groups: principal A's staff 30% and the job's service partner 30% (entitled), principal B's staff 20%
 * and another service partner of A 20% (not); ten API keys per group.
 *
 * Then two instances sharing Redis: the change made through A, the subscribers on B; the latency is
 * from A's publication to the receipt on B (and the Redis hop alone: A's publication to B's dispatch).
 *
 * BENCH_SUBSCRIBERS (default 1000,10000), BENCH_SUBSCRIPTION_ROUNDS (default 20), BENCH_DATABASE_URL
 * (a PostgreSQL server to create a throw-away database on; an embedded one otherwise), BENCH_REDIS_URL
 * (default REDIS_URL or redis://127.0.0.1:6379; the two-instance part is skipped, loudly, without one).
 * BENCH_CPU_PROF_DIR: write a V8 CPU profile of the one-instance server there (open it in Chrome DevTools).
 * 10,000 sockets need `ulimit -n` above 10,000 for both processes (checked).
 */
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withPgClient } from '../src/db/embedded-postgres.js';
import { scopeToSystem } from '../src/common/db/tenant-filter.js';
import { makeOrganization } from '../src/modules/organization/organization.factory.js';
import { makeApiKey } from '../src/modules/api-key/api-key.factory.js';
import { makePartner } from '../src/modules/partner/partner.factory.js';
import { makeVehicle } from '../src/modules/vehicle/vehicle.factory.js';
import { Job } from '../src/modules/job/job.entity.js';
import { startApiProcess } from '../src/testing/api-process.js';
import type { ApiProcess, PublishedEvent } from '../src/testing/api-process.js';
import { redisAnswers } from '../src/testing/redis-probe.js';
import type { GeneratorAnswer, GeneratorRequest, OpenRequest, Receipt } from './bench-subscribers.js';
import { openMigratedOrm, startBenchServer, withDatabase } from './bench-database.js';

const SESSION_SECRET = 'bench-subscriptions-secret-0123456789';
const SIZES = (process.env['BENCH_SUBSCRIBERS'] ?? '1000,10000').split(',').map((s) => Number(s.trim()));
const ROUNDS = Number(process.env['BENCH_SUBSCRIPTION_ROUNDS'] ?? 20);
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** keys per group: connections share them, as the many tabs and systems of one organization would */
const KEYS_PER_GROUP = 10;

/**
 * What the subscribers listen to (a jobs list row's fields), and which change is the one measured: the
 * JOB_CHANGED event of principal A, published on its commit.
 */
const SUBSCRIPTION = 'subscription { jobChanged { change jobId job { id status title instructions scheduledFor } } }';
const TOPIC = 'JOB_CHANGED';
const isTheChange = (event: PublishedEvent, principalId: string) => event.topic === TOPIC && (event.payload as { principalId?: string }).principalId === principalId;

interface Group {
  name: string;
  entitled: boolean;
  /** share of the connections */
  share: number;
  tokens: string[];
}

/** The subscribers' process: one request at a time over IPC. */
function startGenerator(): { ask: (request: GeneratorRequest) => Promise<GeneratorAnswer>; stop: () => void } {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-subscribers.ts', import.meta.url)), [], {
    execArgv: ['--import', '@swc-node/register/esm-register', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    ask: (request) =>
      new Promise((resolve, reject) => {
        const exited = (code: number | null) => reject(new Error(`the subscribers' process exited (${code})`));
        child.once('exit', exited);
        child.once('message', (answer) => {
          child.off('exit', exited);
          resolve(answer as GeneratorAnswer);
        });
        child.send(request);
      }),
    stop: () => child.kill(),
  };
}

/** Principal A with its service partner and an ASSIGNED job, another principal and another partner; API keys of each. */
async function arrange(databaseUrl: string) {
  const orm = await openMigratedOrm(databaseUrl);
  try {
    const em = orm.em.fork();
    scopeToSystem(em);
    const principal = makeOrganization(em, 'PRINCIPAL', { name: 'Live Principal' });
    const other = makeOrganization(em, 'PRINCIPAL', { name: 'Other Principal' });
    const servicePartner = makePartner(em, principal, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const otherPartner = makePartner(em, principal, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const keys = (organization: typeof principal, name: string) =>
      Array.from({ length: KEYS_PER_GROUP }, (_, i) => makeApiKey(em, organization, { role: 'ADMIN', name: `${name} ${i}` }, SESSION_SECRET).token);
    const writer = makeApiKey(em, principal, { role: 'ADMIN', name: 'writer' }, SESSION_SECRET).token;
    const job = em.create(Job, { principal, kind: 'INSTALLATION', vehicle: makeVehicle(em, principal), configuration: { settings: {} }, status: 'ASSIGNED', servicePartner });
    // the job is assigned to servicePartner: A's staff and that partner hear it; B's staff and another partner of A do not
    const groups: Group[] = [
      { name: "principal A's staff", entitled: true, share: 0.3, tokens: keys(principal, 'principal') },
      { name: "the job's service partner", entitled: true, share: 0.3, tokens: keys(servicePartner.organization, 'service partner') },
      { name: "principal B's staff", entitled: false, share: 0.2, tokens: keys(other, 'other principal') },
      { name: 'another service partner of A', entitled: false, share: 0.2, tokens: keys(otherPartner.organization, 'other partner') },
    ];
    await em.flush();
    return { principalId: principal.id, jobId: job.id, writer, groups };
  } finally {
    await orm.close(true);
  }
}

type World = Awaited<ReturnType<typeof arrange>>;

/** `n` connections spread over the groups by share, interleaved. */
function connectionsFor(world: World, n: number): OpenRequest['connections'] {
  const out: OpenRequest['connections'] = [];
  for (const group of world.groups) {
    const count = Math.round(n * group.share);
    for (let i = 0; i < count; i++) out.push({ token: group.tokens[i % group.tokens.length]!, group: group.name });
  }
  return out.sort((a, b) => a.token.localeCompare(b.token));
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

let edits = 0;
/** One job change through `writerApi`; answers the instant `publisher` published it. */
async function change(world: World, writerApi: ApiProcess, publisher: ApiProcess): Promise<PublishedEvent> {
  const seen = publisher.published.length;
  edits += 1;
  const response = await fetch(`${writerApi.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.writer}` },
    body: JSON.stringify({ query: 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename } }', variables: { input: { id: world.jobId, instructions: `Ring ${edits} times` } } }),
  });
  const text = await response.text();
  if (!text.includes('JobSuccess')) throw new Error(`the change failed: ${text.slice(0, 300)}`);
  return publisher.waitForPublished((e) => publisher.published.indexOf(e) >= seen && isTheChange(e, world.principalId));
}

interface Measured {
  latencies: number[];
  cpuMs: number[];
  /** receipts by subscribers not entitled (must stay 0) */
  leaked: number;
  /** publication on the writing instance → dispatch on the subscribers' instance (two instances only) */
  hops: number[];
}

/** `rounds` changes, each awaited until every entitled subscriber received it. */
async function measure(world: World, generator: ReturnType<typeof startGenerator>, writerApi: ApiProcess, subscribersApi: ApiProcess, entitled: number, rounds: number): Promise<Measured> {
  const out: Measured = { latencies: [], cpuMs: [], leaked: 0, hops: [] };
  const entitledGroups = new Set(world.groups.filter((g) => g.entitled).map((g) => g.name));
  for (let round = 0; round < rounds; round++) {
    await generator.ask('reset');
    const cpuBefore = (await subscribersApi.usage()).cpuMs + (writerApi === subscribersApi ? 0 : (await writerApi.usage()).cpuMs);
    const seenOnSubscribersApi = subscribersApi.published.length;
    const published = await change(world, writerApi, writerApi);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await generator.ask('count');
      if ('count' in answer && answer.count >= entitled) break;
      if (Date.now() > deadline) throw new Error(`round ${round}: only ${'count' in answer ? answer.count : '?'} of ${entitled} entitled subscribers received the change`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cpuAfter = (await subscribersApi.usage()).cpuMs + (writerApi === subscribersApi ? 0 : (await writerApi.usage()).cpuMs);
    out.cpuMs.push(cpuAfter - cpuBefore);
    if (writerApi !== subscribersApi) {
      const dispatched = await subscribersApi.waitForPublished((e) => subscribersApi.published.indexOf(e) >= seenOnSubscribersApi && isTheChange(e, world.principalId));
      out.hops.push(dispatched.at - published.at);
    }
    // a late receipt by someone not entitled would show up here: the next round starts after collecting
    const answer = await generator.ask('collect');
    const receipts: Receipt[] = 'receipts' in answer ? answer.receipts : [];
    for (const receipt of receipts) {
      if (entitledGroups.has(receipt.group)) out.latencies.push(receipt.at - published.at);
      else out.leaked += 1;
    }
  }
  out.latencies.sort((a, b) => a - b);
  return out;
}

/** The server's CPU for one change with nobody listening (the mutation itself), median of `rounds`. */
async function baselineCpu(world: World, api: ApiProcess, rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = (await api.usage()).cpuMs;
    await change(world, api, api);
    samples.push((await api.usage()).cpuMs - before);
  }
  return percentile(samples.sort((a, b) => a - b), 0.5);
}

function openFilesLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    return NaN;
  }
}

async function connect(generator: ReturnType<typeof startGenerator>, api: ApiProcess, world: World, n: number): Promise<{ connected: number; seconds: number }> {
  const started = performance.now();
  const answer = await generator.ask({ open: { url: api.url, query: SUBSCRIPTION, connections: connectionsFor(world, n), concurrency: 40 } });
  if (!('opened' in answer) || answer.opened.refused.length > 0) throw new Error(`connections refused: ${JSON.stringify(answer)}`);
  return { connected: answer.opened.open, seconds: (performance.now() - started) / 1000 };
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |\n`;

export async function benchSubscriptions(): Promise<void> {
  const limit = openFilesLimit();
  const server = await startBenchServer({ prefix: 'ph-bench-subs-' });
  const name = `bench_subscriptions_${process.pid}`;
  const adminUrl = withDatabase(server.url, 'postgres');
  await withPgClient(adminUrl, (client) => client.query(`create database ${name}`));
  const databaseUrl = withDatabase(server.url, name);
  const stops: (() => Promise<unknown> | void)[] = [];
  try {
    const world = await arrange(databaseUrl);
    const entitledShare = world.groups.filter((g) => g.entitled).reduce((sum, g) => sum + g.share, 0);
    process.stdout.write(
      `\nLive subscribers: ${SUBSCRIPTION}; groups ${world.groups.map((g) => `${g.name} ${g.share * 100}%${g.entitled ? ' (entitled)' : ''}`).join(', ')}; ` +
        `${ROUNDS} job changes per size; ulimit -n ${limit}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`,
    );
    process.stdout.write(row(['instances', 'subscribers (entitled)', 'connect time', 'first', 'p50', 'p95', 'p99', 'max', 'server CPU / delivery', 'server RSS / connection', 'server heap / connection']));
    process.stdout.write(row(Array.from({ length: 11 }, () => '---')));

    const profile = process.env['BENCH_CPU_PROF_DIR'];
    const one = await startApiProcess({ databaseUrl, sessionSecret: SESSION_SECRET, exposeGc: true, nodeOptions: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [] });
    stops.push(() => one.stop());
    const baseline = await baselineCpu(world, one, 10);
    let singleP50 = NaN;
    for (const n of SIZES) {
      if (n + 200 > limit) {
        process.stdout.write(`(skipped ${n.toLocaleString('en')} subscribers: ulimit -n is ${limit}; raise it above ${n + 200})\n`);
        continue;
      }
      const generator = startGenerator();
      stops.push(() => generator.stop());
      const before = await one.usage(true);
      const { connected, seconds } = await connect(generator, one, world, n);
      const after = await one.usage(true);
      const entitled = Math.round(n * entitledShare);
      await measure(world, generator, one, one, entitled, 2); // warm up, and every subscription is in place
      const run = await measure(world, generator, one, one, entitled, n >= 10_000 ? Math.max(3, Math.ceil(ROUNDS / 2)) : ROUNDS);
      if (run.leaked > 0) throw new Error(`${run.leaked} receipts by subscribers not entitled to the change`);
      const cpu = percentile([...run.cpuMs].sort((a, b) => a - b), 0.5);
      if (n === SIZES[0]) singleP50 = percentile(run.latencies, 0.5);
      process.stdout.write(
        row([
          1,
          `${connected.toLocaleString('en')} (${entitled.toLocaleString('en')})`,
          `${seconds.toFixed(1)} s`,
          `${ms(run.latencies[0] ?? NaN)} ms`,
          `${ms(percentile(run.latencies, 0.5))} ms`,
          `${ms(percentile(run.latencies, 0.95))} ms`,
          `${ms(percentile(run.latencies, 0.99))} ms`,
          `${ms(run.latencies.at(-1) ?? NaN)} ms`,
          `${((cpu - baseline) / entitled).toFixed(3)} ms`,
          `${kib((after.rss - before.rss) / connected)} KiB`,
          `${kib((after.heapUsed - before.heapUsed) / connected)} KiB`,
        ]),
      );
      await generator.ask('close');
      generator.stop();
    }
    await one.stop();

    if (!(await redisAnswers(REDIS_URL))) {
      process.stdout.write(`\n⚠ two instances SKIPPED: no Redis answers at ${REDIS_URL} (set BENCH_REDIS_URL)\n`);
      return;
    }
    const n = SIZES[0]!;
    const [a, b] = await Promise.all([
      startApiProcess({ databaseUrl, sessionSecret: SESSION_SECRET, redisUrl: REDIS_URL }),
      startApiProcess({ databaseUrl, sessionSecret: SESSION_SECRET, redisUrl: REDIS_URL, exposeGc: true }),
    ]);
    stops.push(() => a.stop(), () => b.stop());
    const generator = startGenerator();
    stops.push(() => generator.stop());
    const { connected, seconds } = await connect(generator, b, world, n);
    const entitled = Math.round(n * entitledShare);
    await measure(world, generator, a, b, entitled, 2);
    const run = await measure(world, generator, a, b, entitled, ROUNDS);
    if (run.leaked > 0) throw new Error(`${run.leaked} receipts by subscribers not entitled to the change`);
    const hops = run.hops.sort((x, y) => x - y);
    process.stdout.write(
      row([
        '2 (Redis): change on A, subscribers on B',
        `${connected.toLocaleString('en')} (${entitled.toLocaleString('en')})`,
        `${seconds.toFixed(1)} s`,
        `${ms(run.latencies[0] ?? NaN)} ms`,
        `${ms(percentile(run.latencies, 0.5))} ms`,
        `${ms(percentile(run.latencies, 0.95))} ms`,
        `${ms(percentile(run.latencies, 0.99))} ms`,
        `${ms(run.latencies.at(-1) ?? NaN)} ms`,
        '',
        '',
        '',
      ]),
    );
    process.stdout.write(
      `\nadded by B (two instances through Redis): the hop from A's publication to B's dispatch p50 ${ms(percentile(hops, 0.5))} ms, ` +
        `p95 ${ms(percentile(hops, 0.95))} ms, max ${ms(hops.at(-1) ?? NaN)} ms (B then delivers as one instance does; p50 ${ms(percentile(run.latencies, 0.5) - singleP50)} ms ` +
        `against the one-instance run above, measured at another moment of the machine's load)\n`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    await withPgClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSubscriptions();
