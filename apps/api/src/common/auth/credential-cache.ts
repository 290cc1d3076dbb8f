import type { Viewer } from './viewer.js';

/** What a credential resolved to, and what its next use must still check or write. */
export interface CachedCredential {
  kind: 'API_KEY' | 'SESSION';
  viewer: Viewer;
  /** when the key or session expires (a key without expiry: null) */
  expiresAt: Date | null;
  /** a session's hard limit on sliding */
  absoluteExpiresAt: Date | null;
  /** the key's last-used or the session's last-seen time as last written (ms) */
  touchedAt: number;
}

interface Entry {
  credential: CachedCredential;
  /** until when (ms) the entry answers */
  until: number;
}

/**
 * Who a credential acts as, remembered for a few seconds by one API instance, so a request does not
 * pay a statement to authenticate (issue 12). Keyed by the token's hash; only valid identities are
 * kept (a refusal is looked up every time).
 *
 * It never outlives a withdrawal: every change that revokes, blocks, deactivates or alters an
 * identity records `credentialsChanged` in its transaction, whose `CREDENTIALS_CHANGED` event
 * empties this cache — on the instance that made the change synchronously at its commit (before the
 * change's answer is sent), on the others as the event arrives through Redis. While the Redis link is
 * down an instance would not hear the others' changes: the cache is then emptied and not used.
 * Expiry is checked on every use; a lookup that started before a change is not stored after it.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  /** bumped by every {@link clear}: a lookup made under an older generation is not stored */
  private generation = 0;

  constructor(
    private readonly options: {
      /** how long an entry answers (ms) */
      ttlMs: number;
      /** at most this many entries (the oldest go first) */
      max: number;
      /** whether this instance hears every instance's credential changes now (the Redis link is up) */
      hearsAllChanges: () => boolean;
    },
  ) {}

  /** The credential of this token hash, if remembered, not expired, and the cache usable. */
  get(tokenHash: string, now: number): CachedCredential | undefined {
    if (!this.usable()) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= now || (entry.credential.expiresAt && entry.credential.expiresAt.getTime() <= now)) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.credential;
  }

  /** The generation to hand back to {@link set} with the result of a lookup started now. */
  mark(): number {
    return this.generation;
  }

  /** Remembers a credential looked up under `generation` (nothing if a change came meanwhile). */
  set(tokenHash: string, credential: CachedCredential, generation: number, now: number): void {
    if (generation !== this.generation || !this.usable()) return;
    if (!this.entries.has(tokenHash) && this.entries.size >= this.options.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { credential, until: now + this.options.ttlMs });
  }

  /** Forgets every credential (a credential change, here or on another instance). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** How many credentials are remembered (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private usable(): boolean {
    if (this.options.hearsAllChanges()) return true;
    if (this.entries.size > 0) this.clear();
    return false;
  }
}
