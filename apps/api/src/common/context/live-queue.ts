/**
 * One subscriber's stream of values pushed by a callback (an event listener): the cheapest async
 * iterator that does the job — a pull that finds a value waiting resolves at once, a pull that waits is
 * one promise, a push is a function call. Live subscriptions fan one event out to thousands of these,
 * so each layer of promises per subscriber costs (docs/benchmarks.md "Live subscribers").
 *
 * Values wait while the consumer is busy (graphql-ws pulls the next once the last one is written to its
 * socket), up to `limit`: a consumer that far behind is failed — its client sees an error and
 * subscribes again (refetching what it shows) rather than hearing a stale backlog late.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly pulls: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  private failure: unknown = null;
  private closed = false;

  /** `onEnd` runs once, when the stream ends (returned by its consumer, or failed): stop listening there. */
  constructor(
    private readonly onEnd: () => void,
    private readonly limit = 1024,
  ) {}

  /** Whether the stream has ended (further pushes are dropped). */
  get ended(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    const pull = this.pulls.shift();
    if (pull) pull.resolve({ value, done: false });
    else if (this.buffer.length < this.limit) this.buffer.push(value);
    else this.fail(new Error(`More than ${this.limit} live values waited for a subscriber; subscribe again`));
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null; // reported once; the stream is over after it
      return Promise.reject(failure);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.pulls.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private fail(error: unknown): void {
    this.buffer.length = 0;
    this.failure = error;
    this.end();
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    this.onEnd();
    const pulls = this.pulls.splice(0);
    const failure = this.failure;
    if (failure !== null && pulls.length > 0) this.failure = null;
    for (const pull of pulls) {
      if (failure !== null) pull.reject(failure);
      else pull.resolve({ value: undefined, done: true });
    }
  }
}
