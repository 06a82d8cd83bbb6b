/**
 * Where the state behind buttons and the cooldowns live, so that a button issued by one process
 * works when pressed on another (replicas, shards) or after a restart. Values are strings (the
 * callers keep JSON in them and check it on the way back: whatever is read may predate this
 * version of the bot, or have been edited). Every entry expires.
 */

export interface CounterReading {
  /** The count after this increment (1 for the first in a window). */
  count: number;
  /** How long until the counter disappears, which is when its window ends. */
  expiresInMs: number;
}

export interface ComponentStateStore {
  /** Which backend, for the log line at start ("memory", "disk …", "redis …"). */
  readonly description: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to the counter under key, atomically across every process sharing the store. A new
   * counter (absent or expired) starts at 1 and expires ttlMs later; later increments keep that
   * expiry, so a burst of calls never extends its own window.
   */
  increment(key: string, ttlMs: number): Promise<CounterReading>;
  close(): Promise<void>;
}

/** Problems reaching the store: callers answer the user with "something went wrong", never hang. */
export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';
}
