import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { TooManyAttempts } from '../errors/app-errors.js';

/** Failed sign-ins allowed per e-mail+IP pair before it is locked for `LOCK_SECONDS`. */
const FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins allowed per IP address (against any accounts) per hour. */
const FAILURES_PER_IP = 50;
const LOCK_SECONDS = 15 * 60;

/**
 * Throttles repeated failed sign-ins, per account+IP and per IP, with rate-limiter-flexible.
 * In-process by default; shared by every API instance through Redis when REDIS_URL is set.
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;

  constructor(redis?: Redis) {
    const account = { keyPrefix: 'signin_fail_account', points: FAILURES_PER_ACCOUNT, duration: LOCK_SECONDS, blockDuration: LOCK_SECONDS };
    const ip = { keyPrefix: 'signin_fail_ip', points: FAILURES_PER_IP, duration: 3600, blockDuration: LOCK_SECONDS };
    this.byAccount = redis ? new RateLimiterRedis({ storeClient: redis, ...account }) : new RateLimiterMemory(account);
    this.byIp = redis ? new RateLimiterRedis({ storeClient: redis, ...ip }) : new RateLimiterMemory(ip);
  }

  /** Throws `TooManyAttempts` while the account+IP pair or the IP is locked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(`${email}|${ip}`), this.byIp.get(ip)]);
    const locked = [
      account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account : null,
      address && address.consumedPoints >= FAILURES_PER_IP ? address : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    if (locked.length > 0) throw new TooManyAttempts(Math.max(...locked.map((r) => r.msBeforeNext)) / 1000);
  }

  /** Counts a failure; rate-limiter-flexible rejects once the limit is passed, which we only need as a count. */
  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.allSettled([this.byAccount.consume(`${email}|${ip}`), this.byIp.consume(ip)]);
  }

  /** A successful sign-in clears the account's failures (not the IP's). */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.byAccount.delete(`${email}|${ip}`);
  }
}
