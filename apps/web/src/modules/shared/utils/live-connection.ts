import { useSyncExternalStore } from 'react';

/** The state of the app's graphql-ws connection, as the live/offline indicator shows it. */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'offline';

type Listener = () => void;

/**
 * What the graphql-ws client tells of its connection (apollo-client.ts hands it `handlers`): whether it
 * is up, and how many times it has connected — a page following live data reads its numbers again each
 * time that grows past its first connection, so what happened while it was away is never missing.
 */
export class LiveConnection {
  private status: LiveStatus = 'idle';
  private connections = 0;
  private readonly listeners = new Set<Listener>();
  private snapshot = { status: this.status, connections: this.connections };

  readonly handlers = {
    connecting: () => this.set(this.connections === 0 ? 'connecting' : 'offline'),
    connected: () => {
      this.connections += 1;
      this.set('live');
    },
    closed: () => this.set(this.status === 'idle' ? 'idle' : 'offline'),
  };

  /** The current state; the same object until it changes (for useSyncExternalStore). */
  current(): { status: LiveStatus; connections: number } {
    return this.snapshot;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(status: LiveStatus): void {
    this.status = status;
    this.snapshot = { status, connections: this.connections };
    for (const listener of this.listeners) listener();
  }
}

/** The connection of the app's Apollo client (one per page load). */
export const liveConnection = new LiveConnection();

/** The live connection's state, re-rendering on each change. */
export function useLiveConnection(connection: LiveConnection = liveConnection): { status: LiveStatus; connections: number } {
  return useSyncExternalStore(connection.subscribe, () => connection.current());
}
