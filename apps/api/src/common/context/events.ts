import type { PubSub } from '@graphql-yoga/subscription';

/**
 * Topics and their payloads. Payloads are small and id-only: each subscriber loads the object
 * through its own scoped EntityManager, so it sees only what it may see.
 */
export interface Topics {
  [key: string]: [unknown];
  AUDIT_EVENT_RECORDED: [{ id: string; organizationId: string }];
  /** a running import batch made progress or ended */
  IMPORT_BATCH_PROGRESS: [{ id: string; organizationId: string }];
  /**
   * What the identities of these organizations may do changed (a key revoked, a user deactivated or
   * signed out, a partner blocked…): every instance re-checks their open connections (app/live-identity.ts).
   * Published after the commit and before the transaction's audit events.
   */
  CREDENTIALS_CHANGED: [{ organizationIds: string[] }];
  /**
   * Jobs of one principal changed and the change committed (DESIGN.md §5): created, edited, moved
   * through the lifecycle, configuration overridden, deleted — or many at once (bulk action, import).
   * Id-first: subscribers load what they may see. `jobIds` is empty for an import (a batch can hold
   * 100,000 jobs; `importBatchId` names it). `servicePartnerIds` are the partners the jobs were or now
   * are assigned to, so a partner's subscriptions can skip what is not theirs without a read.
   */
  JOB_CHANGED: [JobChangedPayload];
}

export type JobChangeKind = 'CREATED' | 'UPDATED' | 'TRANSITIONED' | 'CONFIGURATION_OVERRIDDEN' | 'DELETED' | 'IMPORTED';

/** See `Topics.JOB_CHANGED`. */
export interface JobChangedPayload {
  principalId: string;
  change: JobChangeKind;
  jobIds: string[];
  servicePartnerIds: string[];
  /**
   * The jobs this change took from a service partner (unassigned, declined, reassigned elsewhere), by
   * job id: that partner's people hear that the job left their view, and nobody else does.
   */
  formerServicePartnerIdByJob: Record<string, string>;
  importBatchId: string | null;
}

/** The payload of one topic. */
export type TopicPayload<K extends keyof Topics> = Topics[K][0];

/** The events of this instance, shared with the other instances when Redis is set (app/pubsub.ts makes it). */
export interface AppPubSub extends PubSub<Topics> {
  /**
   * Calls `handler` for every event of `topic` (from any instance) synchronously as it arrives, in
   * publication order with every other topic — so it runs before a later event reaches any subscriber.
   * Returns the function that stops listening.
   */
  listen<K extends keyof Topics & string>(topic: K, handler: (payload: Topics[K][0]) => void): () => void;
  /**
   * Calls `handler` when events from other instances flow again after Redis was unreachable: what they
   * published meanwhile never arrived here, so whoever depends on a topic re-checks. Returns the function
   * that stops it.
   */
  onResumed(handler: () => void): () => void;
}
