import { Repeater } from '@graphql-yoga/subscription';
import type { Logger } from 'pino';
import type { AppPubSub, TopicPayload } from '../../common/context/events.js';
import { readPrincipalSnapshot } from './dashboard.snapshot.js';
import type { PrincipalSnapshot, SqlRunner } from './dashboard.snapshot.js';
import { concerns, dashboardView, listedPartnersOf } from './dashboard.view.js';
import type { DashboardAudience } from './dashboard.view.js';
import type { Dashboard } from './dashboard.types.js';

/** At most one push per principal this often: changes meanwhile are coalesced into the next one. */
export const DASHBOARD_INTERVAL_MS = 1_000;
/** The first change waits this long for the rest of its burst (a bulk action publishes once per transaction, an import twice). */
const SETTLE_MS = 50;

interface Subscriber {
  audience: DashboardAudience;
  push(dashboard: Dashboard): void;
  /** a change it may see happened since its last push */
  due: boolean;
}

interface PrincipalState {
  subscribers: Set<Subscriber>;
  snapshot: PrincipalSnapshot | null;
  timer: NodeJS.Timeout | null;
  /** when the last push went out (or the last read failed) */
  lastRead: number;
  reading: boolean;
  /** a change came while reading: read once more after it */
  again: boolean;
}

/**
 * The live dashboards of one API instance (docs/dashboard.md): listens to `JOB_CHANGED` (from every
 * instance) and, at most once a second per principal, reads that principal's snapshot once and hands
 * every subscriber its own view cut out in memory — however many subscribers and changes there were.
 * A subscriber whose jobs the changes did not touch (another partner's) gets nothing.
 */
export class DashboardHub {
  private readonly principals = new Map<string, PrincipalState>();
  private stopListening: (() => void) | null = null;
  /** snapshot reads so far (tests and the benchmark check the coalescing with it) */
  reads = 0;
  private open = 0;

  constructor(
    private readonly pubSub: AppPubSub,
    private readonly db: SqlRunner,
    private readonly logger: Logger,
  ) {}

  /** Subscriptions open on this instance. */
  get subscriptions(): number {
    return this.open;
  }

  /** The pushes of one subscriber; they start with the next change (the client reads the `dashboard` query first). */
  subscribe(audience: DashboardAudience): AsyncIterable<Dashboard> {
    return new Repeater<Dashboard>(async (push, stop) => {
      const subscriber: Subscriber = { audience, due: false, push: (dashboard) => void push(dashboard) };
      this.add(subscriber);
      this.open += 1;
      await stop;
      this.open -= 1;
      this.remove(subscriber);
    });
  }

  private add(subscriber: Subscriber): void {
    if (!this.stopListening) this.listen();
    for (const principalId of subscriber.audience.principalIds)
      this.stateOf(principalId).subscribers.add(subscriber);
  }

  private stateOf(principalId: string): PrincipalState {
    let state = this.principals.get(principalId);
    if (!state)
      this.principals.set(
        principalId,
        (state = {
          subscribers: new Set(),
          snapshot: null,
          timer: null,
          lastRead: 0,
          reading: false,
          again: false,
        }),
      );
    return state;
  }

  private remove(subscriber: Subscriber): void {
    for (const principalId of subscriber.audience.principalIds) {
      const state = this.principals.get(principalId);
      state?.subscribers.delete(subscriber);
      if (state && state.subscribers.size === 0) {
        if (state.timer) clearTimeout(state.timer);
        this.principals.delete(principalId);
      }
    }
    if (this.principals.size === 0 && this.stopListening) {
      this.stopListening();
      this.stopListening = null;
    }
  }

  private listen(): void {
    const stops = [
      this.pubSub.listen('JOB_CHANGED', (change: TopicPayload<'JOB_CHANGED'>) =>
        // an import names no partners per job: every subscriber of the principal re-reads
        this.changed(change.principalId, change.change === 'IMPORTED' ? null : change.servicePartnerIds),
      ),
      // a running import's own progress is shown to principal staff only
      this.pubSub.listen('IMPORT_BATCH_PROGRESS', ({ organizationId }) =>
        this.changed(organizationId, [], (s) => s.audience.partnerIds === null),
      ),
      // what other instances published while Redis was away never came: everyone re-reads
      this.pubSub.onResumed(() => {
        for (const principalId of [...this.principals.keys()]) this.changed(principalId, null);
      }),
    ];
    this.stopListening = () => stops.forEach((stop) => stop());
  }

  private changed(
    principalId: string,
    servicePartnerIds: readonly string[] | null,
    also: (s: Subscriber) => boolean = () => false,
  ): void {
    const state = this.principals.get(principalId);
    if (!state) return;
    let any = false;
    for (const subscriber of state.subscribers) {
      if (also(subscriber) || concerns(subscriber.audience, principalId, servicePartnerIds)) {
        subscriber.due = true;
        any = true;
      }
    }
    if (any) this.schedule(principalId, state);
  }

  private schedule(principalId: string, state: PrincipalState): void {
    if (state.reading) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    const delay = Math.max(SETTLE_MS, state.lastRead + DASHBOARD_INTERVAL_MS - Date.now());
    state.timer = setTimeout(() => void this.tick(principalId, state), delay);
    state.timer.unref();
  }

  private async tick(principalId: string, state: PrincipalState): Promise<void> {
    state.timer = null;
    state.reading = true;
    state.again = false;
    try {
      const subscribers = [...state.subscribers];
      state.snapshot = await this.read(principalId, subscribers);
      // the next push comes a full interval after this one, however long the read took
      state.lastRead = Date.now();
      for (const subscriber of subscribers) {
        if (!subscriber.due || !state.subscribers.has(subscriber)) continue;
        const snapshots = new Map<string, PrincipalSnapshot>();
        // a partner working for several principals: their latest snapshots (read now if none is kept)
        for (const id of subscriber.audience.principalIds) {
          const other = id === principalId ? state : this.principals.get(id);
          if (other && !other.snapshot) other.snapshot = await this.read(id, [...other.subscribers]);
          if (other?.snapshot) snapshots.set(id, other.snapshot);
        }
        subscriber.due = false;
        subscriber.push(dashboardView(subscriber.audience, snapshots));
      }
    } catch (err) {
      this.logger.error({ err, principalId }, 'could not read the dashboard snapshot');
      state.lastRead = Date.now();
      state.again = true;
    } finally {
      state.reading = false;
      if (state.again && this.principals.get(principalId) === state) this.schedule(principalId, state);
    }
  }

  private read(principalId: string, subscribers: Subscriber[]): Promise<PrincipalSnapshot> {
    this.reads += 1;
    const partners = new Set(subscribers.flatMap((s) => listedPartnersOf(s.audience)));
    return readPrincipalSnapshot(this.db, principalId, [...partners]);
  }
}

const hubs = new WeakMap<AppPubSub, DashboardHub>();

/** The hub of an instance's event bus (one per app; made by its first dashboard subscriber). */
export function dashboardHubOf(pubSub: AppPubSub, db: SqlRunner, logger: Logger): DashboardHub {
  let hub = hubs.get(pubSub);
  if (!hub) hubs.set(pubSub, (hub = new DashboardHub(pubSub, db, logger)));
  return hub;
}
