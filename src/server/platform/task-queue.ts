/**
 * Runs at most `limit` of the given tasks at once in this process; the rest wait their turn, first come first
 * served. For requests whose work is seconds of database time (the live indicators of a date whose standing must be
 * computed): a few such requests must not take every pooled connection and both CPUs from the requests that answer
 * in milliseconds.
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks running and waiting (for tests and logs). */
  get size(): number {
    return this.running + this.waiting.length;
  }
}
