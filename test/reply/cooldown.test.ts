import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/reply/cooldown.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';

function cooldownAt(clock: { now: number }, uses: number, windowMs: number) {
  const store = new MemoryStateStore({ now: () => clock.now });
  return { store, cooldown: new Cooldown({ uses, windowMs }, store) };
}

describe('Cooldown', () => {
  it('allows the configured uses per window, then says how long to wait', async () => {
    const clock = { now: 1_000 };
    const { cooldown } = cooldownAt(clock, 2, 10_000);
    expect(await cooldown.take('u1')).toEqual({ allowed: true });
    clock.now += 1_000;
    expect(await cooldown.take('u1')).toEqual({ allowed: true });
    clock.now += 1_000;
    expect(await cooldown.take('u1')).toEqual({ allowed: false, retryAfterMs: 8_000 });
  });

  it('counts each user separately', async () => {
    const { cooldown } = cooldownAt({ now: 0 }, 1, 10_000);
    expect((await cooldown.take('u1')).allowed).toBe(true);
    expect((await cooldown.take('u2')).allowed).toBe(true);
    expect((await cooldown.take('u1')).allowed).toBe(false);
  });

  it('lets the user in again once the window that opened with the first use ends, and refusals do not extend it', async () => {
    const clock = { now: 0 };
    const { cooldown } = cooldownAt(clock, 1, 5_000);
    await cooldown.take('u1');
    clock.now = 4_000;
    expect(await cooldown.take('u1')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    clock.now = 5_001;
    expect((await cooldown.take('u1')).allowed).toBe(true);
  });

  it('is off with a zero window, and then stores nothing', async () => {
    const { store, cooldown } = cooldownAt({ now: 0 }, 1, 0);
    for (let i = 0; i < 5; i++) expect((await cooldown.take('u1')).allowed).toBe(true);
    expect(store.size).toBe(0);
  });

  it('is one limit for every bot sharing the store', async () => {
    const store = new MemoryStateStore();
    const first = new Cooldown({ uses: 2, windowMs: 60_000 }, store);
    const second = new Cooldown({ uses: 2, windowMs: 60_000 }, store);
    expect((await first.take('u1')).allowed).toBe(true);
    expect((await second.take('u1')).allowed).toBe(true);
    expect((await first.take('u1')).allowed).toBe(false);
  });
});
