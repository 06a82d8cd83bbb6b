/**
 * What a message's buttons need once pressed (the query, section ids, hide/mention), parked in the
 * shared component state store (src/state) under a short random key that the custom_ids carry. So
 * a button works on any replica or shard and after a restart, until its entry expires. What comes
 * back is JSON from a file or Redis: it is checked by `read` and anything else counts as expired.
 */
import { randomBytes } from 'node:crypto';
import type { ComponentStateStore } from '../state/componentStateStore.ts';
import { readParkedReply } from './readParkedReply.ts';
import type { ParkedReply } from './renderDiscordReply.ts';

export interface ReplyStateStoreOptions<T> {
  store: ComponentStateStore;
  /** The value in parsed JSON, or undefined when it is not the expected shape. */
  read(json: unknown): T | undefined;
  ttlMs?: number;
  newKey?: () => string;
}

const NAMESPACE = 'reply:';
export const REPLY_STATE_TTL_MS = 6 * 60 * 60 * 1_000;

export class ReplyStateStore<T> {
  private readonly store: ComponentStateStore;
  private readonly read: (json: unknown) => T | undefined;
  private readonly ttlMs: number;
  private readonly newKey: () => string;

  constructor(options: ReplyStateStoreOptions<T>) {
    this.store = options.store;
    this.read = options.read;
    this.ttlMs = options.ttlMs ?? REPLY_STATE_TTL_MS;
    // Random, not counted: processes share the store and do not coordinate, and a key from
    // before a restart must not find someone else's state. 72 bits: collisions are not a concern.
    this.newKey = options.newKey ?? (() => randomBytes(9).toString('base64url'));
  }

  /**
   * The key value will be under at once (renderers need it synchronously), and the write: a
   * message must not go out before `stored` resolves, or a replica could be asked for it first.
   */
  park(value: T): { key: string; stored: Promise<void> } {
    const key = this.newKey();
    return { key, stored: this.store.set(NAMESPACE + key, JSON.stringify(value), this.ttlMs) };
  }

  /** Stores value and returns its key, once every process sharing the store can read it. */
  async put(value: T): Promise<string> {
    const { key, stored } = this.park(value);
    await stored;
    return key;
  }

  /** The value under key, unless it expired, was never stored, or is not the expected shape. */
  async get(key: string): Promise<T | undefined> {
    const text = await this.store.get(NAMESPACE + key);
    if (text === undefined) return undefined;
    try {
      return this.read(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
}

/** The store of what buttons need, over the shared component state (every transport uses this one). */
export function parkedReplyStore(state: ComponentStateStore): ReplyStateStore<ParkedReply> {
  return new ReplyStateStore<ParkedReply>({ store: state, read: readParkedReply });
}
