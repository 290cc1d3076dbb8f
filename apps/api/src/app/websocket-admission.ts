import type { IncomingMessage } from 'node:http';

/**
 * Bounds the WebSocket connections nobody has signed in on: each costs memory for as long as it is
 * open, and only a valid credential (checked when graphql-ws's `connection_init` arrives) makes one
 * worth holding. A socket counts as unauthenticated from its upgrade until it presents a valid
 * credential, and again never after; beyond the limits per address or overall, a new upgrade is
 * refused with 429 before the socket exists. Signed-in connections are not limited here.
 */
export const WEBSOCKET_LIMITS = { unauthenticatedPerAddress: 50, unauthenticatedOverall: 2_000 };

export class WebSocketAdmission {
  private readonly perAddress = new Map<string, number>();
  /** the address of each upgrade request still counted as unauthenticated */
  private readonly counted = new WeakMap<IncomingMessage, string>();
  private overall = 0;

  constructor(private readonly limits = WEBSOCKET_LIMITS) {}

  /** Whether an upgrade may open one more unauthenticated socket; counts it when it may. */
  admit(request: IncomingMessage): boolean {
    const address = request.socket.remoteAddress ?? 'unknown';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (fromAddress >= this.limits.unauthenticatedPerAddress || this.overall >= this.limits.unauthenticatedOverall) return false;
    this.perAddress.set(address, fromAddress + 1);
    this.overall += 1;
    this.counted.set(request, address);
    return true;
  }

  /** The socket of this upgrade presented a valid credential, or closed: it no longer counts. */
  release(request: IncomingMessage): void {
    const address = this.counted.get(request);
    if (address === undefined) return;
    this.counted.delete(request);
    this.overall -= 1;
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left === 0) this.perAddress.delete(address);
    else this.perAddress.set(address, left);
  }

  /** Unauthenticated sockets open now (for metrics and tests). */
  get unauthenticated(): number {
    return this.overall;
  }
}
