import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { showLoadingStatus } from '../../src/console/loadingStatus.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { firstLoadGate } from '../discord/botHarness.ts';
import { sampleDesk } from '../reply/fakeDesk.ts';

/** A terminal that keeps every write. */
function terminal(): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return { stream, writes };
}

describe('the console status line while the first documents load', () => {
  it('is rewritten in place as the count moves, in the console’s locale, and erased once they are in', async () => {
    const { live, report, finish } = firstLoadGate();
    const { stream, writes } = terminal();
    const erase = showLoadingStatus(live, stream, messagesFor('en_US.UTF-8'));
    report(1_234, 5_000);
    report(1_234, 5_000);
    report(5_000, 5_000);
    finish(sampleDesk());
    await live.ready();
    erase();
    expect(writes).toEqual([
      '\r\x1b[KThe documents are still loading…',
      '\r\x1b[KThe documents are still loading (1,234 of 5,000 files)…',
      '\r\x1b[KThe documents are still loading (5,000 of 5,000 files)…',
      '\r\x1b[K',
    ]);
    expect(live.loadingProgress()).toBeUndefined();
  });
});
