/**
 * End to end, the hard cases: cooldowns, failing handlers, a desk still loading (deferral, and
 * what the user is told while the first documents load: order and content, never a time), the
 * gateway heartbeat, and shutdown letting in-flight replies finish.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageFlags } from 'discord.js';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { readInProcess } from '../../src/reply/deskReader.ts';
import type { Answer, SearchOptions } from '../../src/desk/types.ts';
import { FakeDesk, sampleDesk } from '../reply/fakeDesk.ts';
import { alice, bob, buttonLabeled, callbackData, callbackType, firstLoadGate, Harness, HeldDesk, realDesk } from './botHarness.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';
import type { LoadingWait } from '../../src/discord/limits.ts';
import type { RecordedRequest } from './emulator/discordEmulator.ts';
import { messageObject, type TestMessage } from './emulator/payloads.ts';

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
  override async search(query: string, options?: SearchOptions): Promise<Answer> {
    if (query === 'boom') throw new Error('index exploded');
    return super.search(query, options);
  }
}

/** A desk whose searches wait until the test lets them through: a search as slow as the test wants, without a clock. */
class HeldSearchDesk extends FakeDesk {
  private release: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private started: () => void = () => undefined;
  /** Settles once a search has begun (and is held). */
  readonly searching = new Promise<void>((resolve) => (this.started = resolve));

  override async search(query: string, options?: SearchOptions): Promise<Answer> {
    this.started();
    await this.released;
    return super.search(query, options);
  }

  releaseSearches(): void {
    this.release();
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

  it('answers an unknown slash, user or message command with a polite ephemeral notice', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()) });
    const notice = { flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds, content: expect.stringMatching(/^This bot has no such command/) };
    expect(callbackData((await harness.command('nonexistent')).callback)).toMatchObject(notice);
    expect(callbackData((await harness.userCommand('Profile', bob)).callback)).toMatchObject(notice);
    // A user command that shares a name with a slash command is still not one the bot serves.
    expect(callbackData((await harness.userCommand('ask', bob)).callback)).toMatchObject(notice);
    const target = messageObject(harness.emulator, { author: bob, content: '大模型' });
    expect(callbackData((await harness.contextMenu(target, alice, 'Translate')).callback)).toMatchObject(notice);
  });

  it('answers a modal it never opened with a polite ephemeral notice', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()) });
    const { callback } = await harness.submitModal('ad:form:1', { question: '大模型' });
    expect(callbackData(callback)).toMatchObject({ flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds, content: 'This form was not one the bot asked for; run the command again.' });
  });
});

describe('a connection reset on an interaction callback', () => {
  const isCallback = (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith('/callback');

  it('that never reached Discord is sent again', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()) });
    harness.emulator.resetConnection(isCallback, 'before');
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(harness.emulator.cut).toHaveLength(1);
    expect(callbackType(callback)).toBe(4);
    expect(`${callbackData(callback).content}`).toContain('**大模型**');
    await vi.waitFor(() => expect(harness?.logs.some((line) => line.includes('outcome=answered'))).toBe(true));
    expect(harness.emulator.webhookRequestsOf(id)).toEqual([]);
  });

  it('that did reach Discord is not answered twice: the retry’s "already acknowledged" counts as done', async () => {
    harness = await Harness.start({ desk: new HeldDesk(sampleDesk()) });
    harness.emulator.resetConnection(isCallback, 'after');
    const { id } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    await vi.waitFor(() => expect(harness?.logs.some((line) => line.includes('INFO interaction command=ask'))).toBe(true));
    const callbacks = harness.emulator.requests.filter((request) => isCallback(request) && request.path.startsWith(`/interactions/${id}/`));
    expect(callbacks.map((request) => request.status)).toEqual([204, 400]);
    expect(harness.logs.find((line) => line.includes('INFO interaction command=ask'))).toContain('outcome=answered');
    expect(harness.logs.some((line) => line.includes('ERROR'))).toBe(false);
    expect(harness.emulator.webhookRequestsOf(id)).toEqual([]);
  });
});

describe('a bot with nothing to serve', () => {
  it('says so, why and where to put documents, ephemerally, instead of "nothing matches"', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'answer-desk-empty-'));
    harness = await Harness.start({ desk: new HeldDesk(readInProcess(await openAnswerDesk({ seedsDir: empty }))) });
    const notice = { flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds, content: expect.stringMatching(/^No documents are being served: .+; add \.md\/\.txt files to /) };
    expect(callbackData((await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }])).callback)).toMatchObject(notice);
    expect(callbackData((await harness.command('summary', [{ name: 'section', type: String, value: '部署' }])).callback)).toMatchObject(notice);
    expect(callbackData((await harness.command('sections')).callback)).toMatchObject(notice);
    expect(`${callbackData((await harness.command('about')).callback).content}`).toContain('Documents: 0');
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

  it('defers in time while the desk searches, answers other interactions meanwhile, then edits the answer in', async () => {
    const sample = sampleDesk();
    const desk = new HeldSearchDesk(sample.sections, sample.faqEntries);
    harness = await Harness.start({ desk: new HeldDesk(desk), deferAfterMs: 20 });
    const asked = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    await desk.searching;
    // The deferral's timer fired while the search was under way.
    expect(callbackType(asked.callback)).toBe(5);
    const about = await harness.command('about');
    expect(callbackType(about.callback)).toBe(4);
    expect(`${callbackData(about.callback).content}`).toContain('Documents: 2');
    expect(harness.emulator.webhookRequestsOf(asked.id)).toEqual([]);
    desk.releaseSearches();
    const edit = await harness.emulator.waitForWebhook(asked.id, 'PATCH');
    expect((edit.body as Record<string, unknown>).content).toMatch(/^\*\*Results for “大模型”/);
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
    expect(current.emulator.violations).toEqual([]);
    await current.emulator.stop();
  });

  it('a command waiting for first documents that do not come in while the stop waits is told the bot is restarting, not dropped', async () => {
    const load = firstLoadGate();
    const current = await Harness.start({ desk: load.live, loadingWait: { afterStopMs: 0 } });
    const { id, callback } = await current.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackType(callback)).toBe(5);
    await current.running.stop();
    // The public "thinking…" is replaced by a private notice (visibility cannot be edited).
    expect(current.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['DELETE', 'POST']);
    expect(current.emulator.webhookRequestsOf(id)[1].body).toMatchObject({
      flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds,
      content: 'The bot is restarting. Please try again in a moment.',
    });
    expect(current.logs.join('\n')).toMatch(/interaction command=ask .*outcome=closing/u);
    expect(current.logs.join('\n')).not.toContain('shutdown did not wait for every reply');
    expect(current.emulator.gateway.closeCodes).toContain(1000);
    expect(current.emulator.violations).toEqual([]);
    await current.emulator.stop();
  });
});

const contentOf = (request: RecordedRequest): string => `${(request.body as Record<string, unknown>).content}`;

describe('a command during the first load', () => {
  it('is deferred at once, its reply shows how far the documents have loaded in the user’s locale, then the answer replaces it', async () => {
    const load = firstLoadGate();
    load.report(1_234, 5_000);
    harness = await Harness.start({ desk: load.live, deferAfterMs: 600_000, loadingWait: { noticeAfterMs: 0, noticeEveryMs: 5, giveUpAfterMs: 600_000 } });
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }], undefined, { locale: 'zh-CN' });
    expect(callbackType(callback)).toBe(5);

    const first = await harness.emulator.waitForWebhook(id, 'PATCH');
    expect(contentOf(first)).toBe('文档仍在加载中（1,234 / 5,000 个文件）…… 加载完成后，答案会显示在这里。');
    // The count moves: the reply follows it.
    load.report(4_000, 5_000);
    await harness.emulator.waitForRequest((request) => request.method === 'PATCH' && contentOf(request).includes('4,000 / 5,000'));
    load.finish(sampleDesk());
    await harness.emulator.waitForRequest((request) => request.method === 'PATCH' && contentOf(request).startsWith('**“大模型”的结果'));

    const edits = harness.emulator.webhookRequestsOf(id);
    expect(edits.every((request) => request.method === 'PATCH')).toBe(true);
    expect(edits.map(contentOf).map((content) => (content.startsWith('文档仍在加载中') ? 'progress' : content.startsWith('**“大模型”的结果') ? 'answer' : content))).toEqual([
      'progress',
      'progress',
      'answer',
    ]);
  });

  it('/about answers at once with the progress instead of waiting', async () => {
    const load = firstLoadGate();
    load.report(1_234, 5_000);
    harness = await Harness.start({ desk: load.live });
    const { callback } = await harness.command('about');
    expect(callbackType(callback)).toBe(4);
    const content = `${callbackData(callback).content}`;
    expect(content).toContain('About this answer desk');
    expect(content).toContain('The documents are still loading (1,234 of 5,000 files)…');
    expect(content).toMatch(/Uptime \d+ s; version test/u);
    load.finish(sampleDesk());
  });

  it('before the files are counted, says only that the documents are loading', async () => {
    const load = firstLoadGate();
    harness = await Harness.start({ desk: load.live });
    const { callback } = await harness.command('about', [], undefined, { locale: 'zh-TW' });
    expect(`${callbackData(callback).content}`).toContain('文件仍在載入中……');
    load.finish(sampleDesk());
  });

  it('still loading when Discord would stop taking edits: told plainly, privately, with the progress', async () => {
    const load = firstLoadGate();
    load.report(1_234, 5_000);
    harness = await Harness.start({ desk: load.live, loadingWait: { noticeAfterMs: 600_000, noticeEveryMs: 600_000, giveUpAfterMs: 1_000 } });
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackType(callback)).toBe(5);
    const followUp = await harness.emulator.waitForWebhook(id, 'POST');
    expect(followUp.body).toMatchObject({
      flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds,
      content: 'The documents are still loading (1,234 of 5,000 files)… Please run the command again in a few minutes.',
    });
    expect(harness.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['DELETE', 'POST']);
    await expect.poll(() => harness?.logs.join('\n')).toMatch(/interaction command=ask .*outcome=loading/u);
    load.finish(sampleDesk());
  });
});

describe('a button pressed during the first load', () => {
  /**
   * A message with buttons from a bot that has its documents, and a second bot sharing its button
   * state (a restart, or a replica) still loading them; `test` presses on the second one.
   */
  async function whileLoading(loadingWait: Partial<LoadingWait>, test: (loading: Harness, message: TestMessage, load: { report(done: number, total: number): void; finish(): void }) => Promise<void>) {
    const state = new MemoryStateStore();
    const seeds = (await realDesk()).current()!;
    const issuing = await Harness.start({ desk: new HeldDesk(seeds), state });
    const { id } = await issuing.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    const message = issuing.message(id);
    const load = firstLoadGate();
    load.report(1_234, 5_000);
    // The emulator sends each interaction to the latest connection: from now on, the loading bot's.
    const loading = await Harness.start({ desk: load.live, state, emulator: issuing.emulator, deferAfterMs: 600_000, loadingWait });
    try {
      await test(loading, message, { report: load.report, finish: () => load.finish(seeds) });
      expect(issuing.emulator.violations).toEqual([]);
      expect(issuing.emulator.unexpected).toEqual([]);
    } finally {
      load.finish(seeds);
      await loading.stop();
      await issuing.stop();
    }
  }

  /** Presses the message's More button: acknowledged at once (deferred update), its id. */
  async function pressMore(loading: Harness, message: TestMessage): Promise<string> {
    const more = buttonLabeled(message as unknown as Record<string, unknown>, 'More');
    const { id, callback } = await loading.press(message, more.custom_id);
    expect(callbackType(callback)).toBe(6);
    return id;
  }

  /** The one private message a press got beside the message it sits on. */
  async function privateNoticeOf(loading: Harness, id: string): Promise<string> {
    const notice = await loading.emulator.waitForWebhook(id, 'POST');
    expect(notice.body).toMatchObject({ flags: MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds });
    return contentOf(notice);
  }

  it('More is acknowledged at once, told privately once how far the documents are, then turns the page', async () => {
    await whileLoading({ noticeAfterMs: 0, noticeEveryMs: 5, giveUpAfterMs: 600_000 }, async (loading, message, load) => {
      const id = await pressMore(loading, message);
      expect(await privateNoticeOf(loading, id)).toBe('The documents are still loading (1,234 of 5,000 files)… The message will change once they are in.');
      load.report(4_000, 5_000);
      // Room for a second notice to go out, were one sent when the count moves (there must be none).
      await new Promise((resolve) => setTimeout(resolve, 50));
      load.finish();
      const page = await loading.emulator.waitForWebhook(id, 'PATCH');
      expect(contentOf(page)).toMatch(/\(4–6 of \d+\)/);
      // One notice beside the message, however the count moved; the message itself only ever shows results.
      expect(loading.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['POST', 'PATCH']);
    });
  });

  it('Summary is deferred at once, its reply shows the progress, then the summary replaces it', async () => {
    await whileLoading({ noticeAfterMs: 0, noticeEveryMs: 5, giveUpAfterMs: 600_000 }, async (loading, message, load) => {
      const summary = buttonLabeled(message as unknown as Record<string, unknown>, /^Summary 1: /);
      const { id, callback } = await loading.press(message, summary.custom_id);
      expect(callbackType(callback)).toBe(5);
      const progress = await loading.emulator.waitForWebhook(id, 'PATCH');
      expect(contentOf(progress)).toBe('The documents are still loading (1,234 of 5,000 files)… The answer will appear here once they are in.');
      load.finish();
      await loading.emulator.waitForRequest((request) => request.method === 'PATCH' && /^\*\*.+\*\*\n\n/.test(contentOf(request)));
    });
  });

  it('still loading when Discord would stop taking edits: More says so privately and leaves the message as it was', async () => {
    await whileLoading({ noticeAfterMs: 600_000, noticeEveryMs: 600_000, giveUpAfterMs: 1_000 }, async (loading, message) => {
      const id = await pressMore(loading, message);
      expect(await privateNoticeOf(loading, id)).toBe('The documents are still loading (1,234 of 5,000 files)… Please press the button again in a few minutes.');
      expect(loading.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['POST']);
      await expect.poll(() => loading.logs.join('\n')).toMatch(/interaction command=button:more .*outcome=loading/u);
    });
  });

  it('More waiting for first documents that do not come in while the stop waits is told the bot is restarting, not dropped', async () => {
    await whileLoading({ noticeAfterMs: 600_000, noticeEveryMs: 600_000, giveUpAfterMs: 600_000, afterStopMs: 0 }, async (loading, message) => {
      const id = await pressMore(loading, message);
      await loading.running.stop();
      expect(await privateNoticeOf(loading, id)).toBe('The bot is restarting. Please try again in a moment.');
      expect(loading.emulator.webhookRequestsOf(id).map((request) => request.method)).toEqual(['POST']);
      expect(loading.logs.join('\n')).toMatch(/interaction command=button:more .*outcome=closing/u);
      expect(loading.logs.join('\n')).not.toContain('shutdown did not wait for every reply');
    });
  });
});
