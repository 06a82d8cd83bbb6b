/**
 * End to end, the hard cases: cooldowns, failing handlers, a desk still loading (deferral), the
 * gateway heartbeat, and shutdown letting in-flight replies finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { Answer, SearchOptions } from '../../src/desk/types.ts';
import { FakeDesk, sampleDesk } from '../reply/fakeDesk.ts';
import { alice, callbackData, callbackType, Harness, HeldDesk } from './botHarness.ts';

const String = 3;
const Boolean = 5;
let harness: Harness | undefined;

afterEach(async () => {
  if (harness !== undefined) {
    expect(harness.emulator.violations).toEqual([]);
    expect(harness.emulator.unexpected).toEqual([]);
    await harness.stop();
  }
  harness = undefined;
});

class ExplodingDesk extends FakeDesk {
  override search(query: string, options?: SearchOptions): Answer {
    if (query === 'boom') throw new Error('index exploded');
    return super.search(query, options);
  }
}

describe('cooldown', () => {
  it('answers politely instead of silently when a user goes too fast, and never limits autocomplete', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()), cooldown: { uses: 1, windowMs: 60_000 } });
    const first = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackData(first.callback).flags).toBe(MessageFlags.SuppressEmbeds);
    const second = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackData(second.callback)).toMatchObject({
      flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds,
      content: expect.stringMatching(/^You're going a little fast\. Please try again in \d+ s\.$/),
    });
    expect(callbackType((await harness.autocomplete('ask', 'question', '大')).callback)).toBe(8);
  });
});

describe('a failing handler', () => {
  it('gets an ephemeral "something went wrong" and a log line, and the bot keeps answering', async () => {
    harness = await Harness.start({ desk: new HeldDesk(new ExplodingDesk(sampleDesk().sections)) });
    const failed = await harness.command('ask', [{ name: 'question', type: String, value: 'boom' }]);
    expect(callbackData(failed.callback)).toMatchObject({
      flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds,
      content: 'Something went wrong while answering. It has been logged; please try again.',
    });
    expect(harness.logs.some((line) => line.includes('ERROR interaction failed command=ask') && line.includes('index exploded'))).toBe(true);
    const next = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(`${callbackData(next.callback).content}`).toContain('**大模型**');
  });

  it('answers an unknown command with the same polite ephemeral notice', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()) });
    const { callback } = await harness.command('nonexistent');
    expect(callbackData(callback).flags).toBe(MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds);
  });
});

describe('the 3-second deadline', () => {
  it('defers when the answer is not ready in time, then edits the answer in', async () => {
    const desk = new HeldDesk();
    harness = await Harness.start({ desk, deferAfterMs: 20 });
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackType(callback)).toBe(5);
    expect(callbackData(callback).flags ?? 0).toBe(0);
    desk.finishLoading(sampleDesk());
    const edit = await harness.emulator.waitForWebhook(id, 'PATCH');
    expect((edit.body as Record<string, unknown>).content).toMatch(/^\*\*Results for “大模型”/);
  });

  it('while the first documents load, defers at once instead of waiting out the deferral time', async () => {
    const desk = new HeldDesk();
    // A deferral time longer than the test: a deferral that arrives at all did not wait for it.
    harness = await Harness.start({ desk, deferAfterMs: 600_000 });
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackType(callback)).toBe(5);
    desk.finishLoading(sampleDesk());
    const edit = await harness.emulator.waitForWebhook(id, 'PATCH');
    expect((edit.body as Record<string, unknown>).content).toMatch(/^\*\*Results for “大模型”/);
  });

  it('when a public deferral ends in a hidden answer, replaces it with an ephemeral follow-up', async () => {
    const desk = new HeldDesk();
    harness = await Harness.start({ desk, deferAfterMs: 20 });
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: 'nothing matches this' }]);
    expect(callbackType(callback)).toBe(5);
    desk.finishLoading(sampleDesk());
    const followUp = await harness.emulator.waitForWebhook(id, 'POST');
    expect(followUp.body).toMatchObject({ flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds, content: 'Nothing in the documents matches “nothing matches this”.' });
    expect(harness.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['DELETE', 'POST']);
  });

  it('defers a hidden command ephemerally', async () => {
    const desk = new HeldDesk();
    harness = await Harness.start({ desk, deferAfterMs: 20 });
    const { id, callback } = await harness.command('ask', [
      { name: 'question', type: String, value: '大模型' },
      { name: 'hide', type: Boolean, value: true },
    ]);
    expect(callbackData(callback).flags).toBe(MessageFlags.Ephemeral);
    desk.finishLoading(sampleDesk());
    await harness.emulator.waitForWebhook(id, 'PATCH');
  });

  it('answers autocomplete at once with nothing while the desk is still loading', async () => {
    harness = await Harness.start({ desk: new HeldDesk(), deferAfterMs: 20 });
    const { callback } = await harness.autocomplete('ask', 'question', '大模型');
    expect(callbackData(callback)).toEqual({ choices: [] });
  });
});

describe('the gateway heartbeat', () => {
  it('is acknowledged', async () => {
    const desk = new HeldDesk(sampleDesk());
    const started = Harness.start({ desk, heartbeatIntervalMs: 50 });
    harness = await started;
    await harness.emulator.waitForGateway('heartbeat');
    expect(harness.emulator.gateway.heartbeatAcks).toBeGreaterThan(0);
  });
});

describe('shutdown', () => {
  it('lets in-flight replies finish, turns new commands away politely, then closes the connection', async () => {
    const desk = new HeldDesk();
    const current = await Harness.start({ desk, deferAfterMs: 20 });
    const { id } = await current.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(current.running.inFlight()).toBe(1);
    const stopping = current.running.stop();

    const late = await current.command('ask', [{ name: 'question', type: String, value: '大模型' }], alice);
    expect(callbackData(late.callback)).toMatchObject({ flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds, content: 'The bot is restarting. Please try again in a moment.' });

    desk.finishLoading(sampleDesk());
    await stopping;
    expect(current.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['PATCH']);
    expect(current.emulator.gateway.closeCodes).toContain(1000);
    await current.emulator.stop();
  });
});
