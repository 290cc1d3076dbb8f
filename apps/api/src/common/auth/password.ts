import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { HashingBusy } from '../errors/app-errors.js';
import { Gate } from './gate.js';

// OWASP-recommended scrypt cost (N=2^17, r=8, p=1) needs 128 MiB; maxmem leaves headroom.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * scrypt runs on libuv's 4 threads (shared with file and DNS work) and holds 128 MiB each: at most
 * two hashes run at once and a few more wait; beyond that a caller is refused at once (HashingBusy).
 */
const hashing = new Gate(2, 16);

/** Password hashes computed since start (exported as a metric; tests count them). */
export const passwordHashing = {
  completed: 0,
  refused: 0,
  /** hashes running or waiting now */
  get load(): number {
    return hashing.load;
  },
};

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  return hashing
    .run(
      () =>
        new Promise<Buffer>((resolve, reject) =>
          scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (err, key) => {
            passwordHashing.completed += 1;
            return err ? reject(err) : resolve(key);
          }),
        ),
    )
    .catch((error: unknown) => {
      if (error instanceof HashingBusy) passwordHashing.refused += 1;
      throw error;
    });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { ...PARAMS, N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password: verifying against it costs as much as a real one, so an unknown
 * e-mail answers as slowly as a wrong password. Made on first use, not at start-up.
 */
export function dummyPasswordHash(): Promise<string> {
  if (!dummyHash) {
    const made = hashPassword(randomBytes(16).toString('hex'));
    dummyHash = made;
    made.catch(() => {
      if (dummyHash === made) dummyHash = undefined; // refused while busy: make it on a later call
    });
  }
  return dummyHash;
}
