import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { StopOnSignal } from '../../src/live/stopOnSignal.ts';
import { createLogger } from '../../src/logging/log.ts';

function stopperUnderTest() {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const stopper = new StopOnSignal({
    log: createLogger({ level: 'info', write: (line) => lines.push(line) }),
    exit: (code) => exits.push(code),
    signals: { once: (event: string, listener: () => void) => signals.once(event, listener) } as Pick<NodeJS.Process, 'once'>,
  }).listen();
  return { stopper, signals, lines, exits };
}

describe('StopOnSignal', () => {
  it('on SIGTERM stops the last opened first (replies, then the state they write to, then the desk) and exits 0', async () => {
    const { stopper, signals, lines, exits } = stopperUnderTest();
    const order: string[] = [];
    stopper.add('the desk', () => void order.push('desk'));
    stopper.add('the state store', async () => void order.push('state'));
    stopper.describeWith(() => ({ inFlight: 2 }));
    stopper.add('the endpoint', async () => void order.push('replies'));
    signals.emit('SIGTERM');
    await stopper.stop('SIGTERM');
    expect(order).toEqual(['replies', 'state', 'desk']);
    expect(exits).toEqual([0]);
    expect(lines[0]).toMatch(/INFO shutting down signal=SIGTERM inFlight=2/u);
  });

  it('a stop that comes before anything opened still exits 0, and what opens during it is stopped at once', async () => {
    const { stopper, signals, exits } = stopperUnderTest();
    const order: string[] = [];
    stopper.add('the desk', () => void order.push('desk'));
    signals.emit('SIGINT');
    expect(stopper.isStopping).toBe(true);
    stopper.add('the gateway connection', () => void order.push('gateway'));
    await stopper.stop('SIGINT');
    expect(order).toEqual(['desk', 'gateway']);
    expect(exits).toEqual([0]);
  });

  it('a step that fails is logged by name, the others still run, and the exit code says so', async () => {
    const { stopper, lines, exits } = stopperUnderTest();
    const order: string[] = [];
    stopper.add('the desk', () => void order.push('desk'));
    stopper.add('the state store', () => Promise.reject(new Error('connection lost')));
    await stopper.stop('SIGTERM');
    expect(order).toEqual(['desk']);
    expect(exits).toEqual([1]);
    expect(lines.join('\n')).toMatch(/ERROR could not stop cleanly step="?the state store"? error="?Error: connection lost/u);
  });

  it('stops once, however many times it is asked', async () => {
    const { stopper, exits } = stopperUnderTest();
    await Promise.all([stopper.stop('SIGTERM'), stopper.stop('SIGINT')]);
    expect(exits).toEqual([0]);
  });
});
