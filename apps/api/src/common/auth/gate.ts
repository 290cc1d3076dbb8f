import { HashingBusy } from '../errors/app-errors.js';

/**
 * Lets at most `running` calls run at once and at most `waiting` more wait (first come, first served);
 * a call beyond both is refused at once with `HashingBusy` instead of queuing unbounded work.
 */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  /** Calls running or waiting now. */
  get load(): number {
    return this.active + this.queue.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new HashingBusy();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      // hand the slot straight to the next caller, so a newcomer cannot overtake the queue
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
