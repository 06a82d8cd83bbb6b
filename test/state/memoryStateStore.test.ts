import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';

describe('the memory component state store', () => {
  it('forgets the least recently used entry beyond its capacity', async () => {
    const store = new MemoryStateStore({ maxEntries: 2 });
    await store.set('first', '1', 60_000);
    await store.set('second', '2', 60_000);
    await store.get('first');
    await store.set('third', '3', 60_000);
    expect(await store.get('first')).toBe('1');
    expect(await store.get('second')).toBeUndefined();
    expect(store.size).toBe(2);
  });
});
