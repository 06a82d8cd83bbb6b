import { describe, expect, it } from 'vitest';
import { ReplyStateStore } from '../../src/discord/replyStateStore.ts';

describe('ReplyStateStore', () => {
  it('returns what was stored under the key it gave', () => {
    const store = new ReplyStateStore<string>();
    const key = store.put('大模型');
    expect(key).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(store.get(key)).toBe('大模型');
    expect(store.get('unknown')).toBeUndefined();
  });

  it('forgets entries after their time to live', () => {
    let now = 0;
    const store = new ReplyStateStore<string>({ ttlMs: 1_000, now: () => now });
    const key = store.put('x');
    now = 999;
    expect(store.get(key)).toBe('x');
    now = 1_000;
    expect(store.get(key)).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const store = new ReplyStateStore<string>({ maxEntries: 2 });
    const first = store.put('first');
    const second = store.put('second');
    store.get(first);
    store.put('third');
    expect(store.get(first)).toBe('first');
    expect(store.get(second)).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('never reuses a key that is still held', () => {
    const keys = ['same', 'same', 'other'];
    const store = new ReplyStateStore<number>({ newKey: () => keys.shift() ?? 'late' });
    expect(store.put(1)).toBe('same');
    expect(store.put(2)).toBe('other');
  });
});
