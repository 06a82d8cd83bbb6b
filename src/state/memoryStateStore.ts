/**
 * The store of one process, for tests (and the console): the same contract as the shared ones,
 * with an injectable clock. Least recently used entries go first beyond maxEntries.
 */
import type { ComponentStateStore, CounterReading } from './componentStateStore.ts';

export interface MemoryStateStoreOptions {
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

export class MemoryStateStore implements ComponentStateStore {
  readonly description = 'memory (this process only)';
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    this.entries.set(key, entry);
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, { value, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<CounterReading> {
    const now = this.now();
    const current = this.live(key);
    const count = current === undefined ? 1 : (Number.parseInt(current.value, 10) || 0) + 1;
    const expiresAt = current?.expiresAt ?? now + ttlMs;
    this.put(key, { value: String(count), expiresAt });
    return { count, expiresInMs: expiresAt - now };
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
