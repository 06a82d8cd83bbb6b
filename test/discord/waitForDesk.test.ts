/** Interactions that waited for the first documents are answered one per turn of the event loop. */
import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../src/discord/waitForDesk.ts';

describe('nextTurn', () => {
  it('releases waiters in order, each on a later turn of the event loop than the one before', async () => {
    // Counts the turns: one setImmediate per turn, each scheduling the next.
    let turn = 0;
    let counting = true;
    const count = (): void => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const released: Array<{ waiter: number; turn: number }> = [];
    await Promise.all([1, 2, 3, 4].map((waiter) => nextTurn().then(() => released.push({ waiter, turn }))));
    counting = false;
    expect(released.map((r) => r.waiter)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < released.length; i++) expect(released[i].turn).toBeGreaterThan(released[i - 1].turn);
  });
});
