import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/reply/cooldown.ts';

describe('Cooldown', () => {
  it('allows the configured uses per window, then says how long to wait', () => {
    let now = 1_000;
    const cooldown = new Cooldown({ uses: 2, windowMs: 10_000, now: () => now });
    expect(cooldown.take('u1')).toEqual({ allowed: true });
    now += 1_000;
    expect(cooldown.take('u1')).toEqual({ allowed: true });
    now += 1_000;
    expect(cooldown.take('u1')).toEqual({ allowed: false, retryAfterMs: 8_000 });
  });

  it('counts each user separately', () => {
    const cooldown = new Cooldown({ uses: 1, windowMs: 10_000, now: () => 0 });
    expect(cooldown.take('u1').allowed).toBe(true);
    expect(cooldown.take('u2').allowed).toBe(true);
    expect(cooldown.take('u1').allowed).toBe(false);
  });

  it('lets the user in again once the oldest use leaves the window, and refusals do not extend it', () => {
    let now = 0;
    const cooldown = new Cooldown({ uses: 1, windowMs: 5_000, now: () => now });
    cooldown.take('u1');
    now = 4_000;
    expect(cooldown.take('u1').allowed).toBe(false);
    now = 5_001;
    expect(cooldown.take('u1').allowed).toBe(true);
  });

  it('is off with a zero window', () => {
    const cooldown = new Cooldown({ uses: 1, windowMs: 0 });
    for (let i = 0; i < 5; i++) expect(cooldown.take('u1').allowed).toBe(true);
  });

  it('forgets the longest idle users beyond its capacity', () => {
    const cooldown = new Cooldown({ uses: 1, windowMs: 60_000, now: () => 0, maxUsers: 2 });
    cooldown.take('u1');
    cooldown.take('u2');
    cooldown.take('u3');
    expect(cooldown.take('u1').allowed).toBe(true);
    expect(cooldown.take('u3').allowed).toBe(false);
  });
});
