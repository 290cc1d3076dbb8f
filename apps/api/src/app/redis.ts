import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/** Reconnect for ever, at most this far apart, so Redis is used again soon after it returns. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * The connections to Redis (REDIS_URL), which serves fan-out between instances and shared sign-in
 * throttling only — never something a request waits on. Every client fails fast while Redis is
 * unreachable (no offline queue, one retry per command) and reconnects by itself; whoever uses a
 * client falls back to this instance alone meanwhile (pubsub.ts, sign-in-throttle.ts). The outage is
 * logged once when it starts and once when it ends (not per command or reconnect attempt), and shown
 * by `up` (in /readyz and the `redis_up` metric).
 */
export class RedisLink {
  private readonly clients: Redis[] = [];
  /** what was last logged: null until the first connection or failure */
  private reported: boolean | null = null;
  private lastError: string | null = null;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** A new client, watched for the link's state. Commands on it reject at once while Redis is unreachable. */
  client(role: string, options: RedisOptions = {}): Redis {
    const client = new Redis(this.url, {
      connectionName: `partner-hub:${role}`,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
      ...options,
    });
    // without an 'error' listener ioredis reports every failed reconnect itself; the link logs the outage once
    client.on('error', (error: Error) => {
      this.lastError = error.message;
      this.update(true);
    });
    client.on('ready', () => this.update(false));
    client.on('close', () => this.update(true));
    client.on('end', () => this.update(true));
    this.clients.push(client);
    return client;
  }

  /** Every client is connected. */
  get up(): boolean {
    return this.clients.length > 0 && this.clients.every((client) => client.status === 'ready');
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.clients.map((client) => (client.status === 'ready' ? client.quit() : Promise.resolve(client.disconnect()))));
  }

  private update(fault: boolean): void {
    if (this.closing) return;
    const up = this.up;
    if (up && this.reported !== true) {
      if (this.reported === false) this.logger.info('Redis is reachable again: events are shared between instances and sign-in throttling is shared again');
      this.reported = true;
    } else if (!up && fault && this.reported !== false) {
      this.reported = false;
      this.logger.warn(
        { reason: this.lastError },
        'Redis is unreachable: events reach this instance only and sign-in throttling counts per instance until it returns',
      );
    }
  }
}
