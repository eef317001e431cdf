import type { Sequelize } from "sequelize";

/**
 * Group commit for work that must be serialised (the audit hash chain): callers that arrive while a flush is
 * running are written together by the next flush, in one transaction. Every caller's promise settles only when
 * its own item is committed, so nothing is acknowledged before it is durable; under load one lock and one
 * commit serve many requests instead of one each.
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

const perDatabase = new WeakMap<Sequelize, GroupCommit<unknown>>();

/** One group per database connection pool (all services of a process share it). */
export function groupFor<T>(db: Sequelize, write: (items: T[]) => Promise<void>): GroupCommit<T> {
  let g = perDatabase.get(db) as GroupCommit<T> | undefined;
  if (!g) {
    g = new GroupCommit<T>(write);
    perDatabase.set(db, g as GroupCommit<unknown>);
  }
  return g;
}
