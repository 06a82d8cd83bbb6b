/**
 * What a message's buttons need once pressed (the query, section ids, hide/mention), kept in
 * memory under a short random key: least recently used entries go first, and every entry expires.
 * After a restart keys are unknown and the bot says the buttons expired.
 */
import { randomBytes } from 'node:crypto';

export interface ReplyStateStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  newKey?: () => string;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class ReplyStateStore<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly newKey: () => string;

  constructor(options: ReplyStateStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.ttlMs = options.ttlMs ?? 6 * 60 * 60 * 1_000;
    this.now = options.now ?? Date.now;
    // Random, not counted: a key from before a restart must not find someone else's state.
    this.newKey = options.newKey ?? (() => randomBytes(6).toString('base64url'));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores value and returns its key. */
  put(value: T): string {
    let key = this.newKey();
    while (this.entries.has(key)) key = this.newKey();
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return key;
  }

  /** The value under key, unless it expired or was evicted. Reading counts as use. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }
}
