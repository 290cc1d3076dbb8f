import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { IRateLimiterOptions, RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { TooManyAttempts } from '../errors/app-errors.js';
import { Gate } from './gate.js';

/** Sign-in attempts allowed per e-mail+IP pair before it is locked for `LOCK_SECONDS` (a success clears them). */
const FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins allowed per IP address (against any accounts) per hour. */
const FAILURES_PER_IP = 50;
const LOCK_SECONDS = 15 * 60;
/** Password checks of one address: one runs, a few wait their turn, more are refused (HashingBusy). */
const CHECKS_RUNNING_PER_IP = 1;
const CHECKS_WAITING_PER_IP = 3;

/** A rejection of `consume` is the limiter saying no; anything else (a store error) is a fault. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new TooManyAttempts(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

/**
 * Throttles password guesses, per account+IP and per IP, with rate-limiter-flexible: each attempt is
 * counted (atomically) before its password is hashed and refunded when it succeeds, so parallel guesses
 * cannot slip past the limits. In-process by default; shared by every API instance through Redis when
 * REDIS_URL is set, falling back to in-process counts (`insuranceLimiter`) while Redis is unreachable.
 * One address has at most one password check running (see `Gate`), so a flood from it cannot take the
 * hashing slots other addresses need.
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;
  private readonly checksByIp = new Map<string, Gate>();

  constructor(redis?: Redis) {
    const account: IRateLimiterOptions = { keyPrefix: 'signin_fail_account', points: FAILURES_PER_ACCOUNT, duration: LOCK_SECONDS, blockDuration: LOCK_SECONDS };
    const ip: IRateLimiterOptions = { keyPrefix: 'signin_fail_ip', points: FAILURES_PER_IP, duration: 3600, blockDuration: LOCK_SECONDS };
    const limiter = (options: IRateLimiterOptions) =>
      redis
        ? new RateLimiterRedis({ storeClient: redis, ...options, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    this.byAccount = limiter(account);
    this.byIp = limiter(ip);
  }

  /**
   * Runs `check` (which hashes the password and returns what it matched, or null) as one counted attempt
   * of `email` from `ip`. Throws `TooManyAttempts` while the pair or the address is locked, `HashingBusy`
   * (uncounted) when too many checks are under way; a match refunds the attempt and clears the pair's count.
   */
  async attempt<T>(email: string, ip: string, check: () => Promise<T | null>): Promise<T | null> {
    const account = `${email}|${ip}`;
    // an exhausted address is refused before it can make per-account counters (keeps memory bounded)
    const address = await this.byIp.get(ip);
    if (address && address.consumedPoints >= FAILURES_PER_IP) throw new TooManyAttempts(address.msBeforeNext / 1000);
    await take(this.byAccount, account);
    try {
      await take(this.byIp, ip);
    } catch (error) {
      await this.byAccount.reward(account);
      throw error;
    }
    let matched: T | null;
    try {
      matched = await this.checkOneAtATime(ip, check);
    } catch (error) {
      // not a guess that was judged (busy, or a fault): it does not count
      await Promise.all([this.byAccount.reward(account), this.byIp.reward(ip)]);
      throw error;
    }
    if (matched !== null) await Promise.all([this.byAccount.delete(account), this.byIp.reward(ip)]);
    return matched;
  }

  private async checkOneAtATime<T>(ip: string, check: () => Promise<T | null>): Promise<T | null> {
    let gate = this.checksByIp.get(ip);
    if (!gate) this.checksByIp.set(ip, (gate = new Gate(CHECKS_RUNNING_PER_IP, CHECKS_WAITING_PER_IP)));
    try {
      return await gate.run(check);
    } finally {
      if (gate.load === 0) this.checksByIp.delete(ip);
    }
  }
}
