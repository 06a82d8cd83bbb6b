/**
 * End to end in HTTP interactions mode: Discord's POSTs, signed with a key pair made here, to the
 * real endpoint on 127.0.0.1, answered by the real commands over seeds/. Every answer the bot
 * gives is handed to the emulator as Discord takes a callback, so its payload checks apply, and
 * deferred edits go to the emulator's REST API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { sampleDesk } from '../reply/fakeDesk.ts';
import { alice, bob, buttonLabeled, carol, componentsOf, firstLoadGate, HeldDesk } from '../discord/botHarness.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  messageContextInteraction,
  messageObject,
  modalSubmitInteraction,
  selectInteraction,
} from '../discord/emulator/payloads.ts';
import { getPath, HttpHarness, postBytes, signedHeaders } from './httpHarness.ts';

const STRING = 3;
const BOOLEAN = 5;
type Json = Record<string, unknown>;

let harness: HttpHarness;

function dataOf(answer: { body: Json }): Json {
  return (answer.body.data ?? {}) as Json;
}

function ask(question: string, extra: Array<{ name: string; type: number; value: string | boolean }> = []) {
  return harness.send(chatInputInteraction(harness.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: question }, ...extra]));
}

beforeAll(async () => {
  harness = await HttpHarness.start();
});

afterAll(async () => {
  await harness.stop();
});

afterEach(() => {
  expect(harness.emulator.violations).toEqual([]);
});

describe('signed interactions get their answer in the response body', () => {
  it('PING → 200 {"type":1}', async () => {
    const body = JSON.stringify({ id: '1', type: 1, application_id: harness.emulator.applicationId, token: 'x', version: 1 });
    const answer = await harness.postRaw(body, signedHeaders(harness.key.privateKey, body));
    expect(answer).toEqual({ status: 200, body: { type: 1 } });
  });

  it('/ask → type 4 with quoted, cited excerpts, no pings, link previews off, and buttons', async () => {
    const answer = await ask('大模型需要多少计算资源');
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe(4);
    const data = dataOf(answer);
    expect(String(data.content)).toMatch(/^> /mu);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
    expect(Number(data.flags) & MessageFlags.SuppressEmbeds).toBe(MessageFlags.SuppressEmbeds);
    expect(Number(data.flags) & MessageFlags.Ephemeral).toBe(0);
    expect(componentsOf(data).length).toBeGreaterThan(0);
  });

  it('/ask hide:true is ephemeral', async () => {
    const answer = await ask('深度学习', [{ name: 'hide', type: BOOLEAN, value: true }]);
    expect(Number(dataOf(answer).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('/summary, /sections and /about answer with type 4', async () => {
    const sections = await harness.send(chatInputInteraction(harness.emulator, { user: alice }, 'sections'));
    expect(sections.body.type).toBe(4);
    expect(String(dataOf(sections).content)).toMatch(/\S/u);

    const typed = await harness.send(autocompleteInteraction(harness.emulator, { user: alice }, 'summary', [{ name: 'section', type: STRING, value: '', focused: true }]));
    const first = ((typed.body.data as { choices: Array<{ name: string; value: string }> }).choices)[0];
    expect(first).toBeDefined();
    const summary = await harness.send(chatInputInteraction(harness.emulator, { user: alice }, 'summary', [{ name: 'section', type: STRING, value: first.value }]));
    expect(summary.body.type).toBe(4);
    expect(String(dataOf(summary).content)).toMatch(/\S/u);

    const about = await harness.send(chatInputInteraction(harness.emulator, { user: alice }, 'about'));
    expect(about.body.type).toBe(4);
    expect(String(dataOf(about).content)).toMatch(/\d/u);
  });

  it('autocomplete → type 8 with at most 25 choices', async () => {
    const answer = await harness.send(autocompleteInteraction(harness.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: '大', focused: true }]));
    expect(answer.body.type).toBe(8);
    const choices = (answer.body.data as { choices: unknown[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('a button press on the reply → type 7 or 4, and only its invoker may press it', async () => {
    const asked = await ask('大模型');
    const message = harness.emulator.originalOf(asked.id);
    if (message === undefined) throw new Error('the reply made no message');
    const more = buttonLabeled(dataOf(asked), /more|更多/iu);
    const refused = await harness.send(buttonInteraction(harness.emulator, { user: bob }, message, more.custom_id));
    expect(refused.body.type).toBe(4);
    expect(Number(dataOf(refused).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const pressed = await harness.send(buttonInteraction(harness.emulator, { user: alice }, message, more.custom_id));
    expect([4, 7]).toContain(pressed.body.type);
    expect(String(dataOf(pressed).content)).toMatch(/^> /mu);
  });

  it('the "Ask the docs" message command answers the message’s text, hidden, addressing its author', async () => {
    const target = messageObject(harness.emulator, { author: carol, content: 'AI大模型需要多少计算资源？' });
    const answer = await harness.send(messageContextInteraction(harness.emulator, { user: alice }, 'Ask the docs', target));
    expect(answer.body.type).toBe(4);
    const data = dataOf(answer);
    expect(Number(data.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(String(data.content)).toContain(`<@${carol.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [carol.id], replied_user: false });
  });

  it('an unknown command and a form nobody opened get a polite hidden notice', async () => {
    const unknown = await harness.send(chatInputInteraction(harness.emulator, { user: alice }, 'nosuch'));
    expect(unknown.body.type).toBe(4);
    expect(Number(dataOf(unknown).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const form = await harness.send(modalSubmitInteraction(harness.emulator, { user: alice }, 'form', { a: 'b' }));
    expect(form.body.type).toBe(4);
    expect(Number(dataOf(form).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('signed JSON that is not an interaction → 400, one line', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const answer = await harness.postRaw(body, signedHeaders(harness.key.privateKey, body));
    expect(answer.status).toBe(400);
  });

  it('a pick from the "did you mean" menu of a hidden miss replaces the miss in place (type 7)', async () => {
    const miss = await ask('核心算法 helm chart kubernetes', [{ name: 'hide', type: BOOLEAN, value: true }]);
    const message = harness.emulator.originalOf(miss.id);
    if (message === undefined) throw new Error('the miss made no message');
    const [select] = componentsOf(dataOf(miss));
    expect(select.type).toBe(3);
    const [option] = select.options ?? [];
    if (option === undefined) throw new Error('the menu offers no section');
    const picked = await harness.send(selectInteraction(harness.emulator, { user: alice }, message, select.custom_id, [option.value]));
    expect(picked.body.type).toBe(7);
    // The picked section replaces the miss, under its heading.
    expect(String(dataOf(picked).content)).toContain(option.label);
  });

  it('a forged select pick is refused, nothing runs', async () => {
    const message = messageObject(harness.emulator, { author: harness.emulator.botUser, content: 'old' });
    const answer = await harness.send(selectInteraction(harness.emulator, { user: alice }, message, 'ad:pick:500000000000000001:abc:AAAAAAAAAAAAAAAA', ['x']));
    expect(answer.body.type).toBe(4);
    expect(Number(dataOf(answer).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});

describe('requests that are not Discord’s, or not well formed, run nothing', () => {
  const interaction = () => JSON.stringify(harness.emulator.prepareHttpInteraction(chatInputInteraction(harness.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: '大模型' }])));
  const interactionLines = () => harness.logs.filter((line) => / INFO interaction /u.test(line));

  async function refusedWithOneLine(send: () => Promise<{ status: number }>, status: number, reason: RegExp): Promise<void> {
    const logsBefore = harness.logs.length;
    const handledBefore = interactionLines().length;
    const answer = await send();
    expect(answer.status).toBe(status);
    const lines = harness.logs.slice(logsBefore);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(interactionLines().length).toBe(handledBefore);
  }

  it('no signature → 401', async () => {
    await refusedWithOneLine(() => harness.postRaw(interaction(), { 'content-type': 'application/json' }), 401, /missing signature/u);
  });

  it('a bad signature → 401 (signed by another key, or over another body)', async () => {
    const other = (await import('./httpHarness.ts')).generateApplicationKey();
    const body = interaction();
    await refusedWithOneLine(() => harness.postRaw(body, signedHeaders(other.privateKey, body)), 401, /invalid request signature/u);
    const headers = signedHeaders(harness.key.privateKey, body);
    await refusedWithOneLine(() => harness.postRaw(body.replace('大模型', '小模型'), headers), 401, /invalid request signature/u);
    await refusedWithOneLine(() => harness.postRaw(body, { ...headers, 'x-signature-ed25519': 'zz' }), 401, /invalid request signature/u);
  });

  it('a timestamp more than 5 minutes old → 401, even correctly signed', async () => {
    const body = interaction();
    const old = Math.floor(Date.now() / 1_000) - 5 * 60 - 5;
    await refusedWithOneLine(() => harness.postRaw(body, signedHeaders(harness.key.privateKey, body, old)), 401, /5 minutes/u);
  });

  it('malformed JSON, correctly signed → 400', async () => {
    const body = '{"type": 2, "id": ';
    await refusedWithOneLine(() => harness.postRaw(body, signedHeaders(harness.key.privateKey, body)), 400, /not JSON/u);
  });

  it('a body of 64 KiB + 1 → 413, before any signature is checked', async () => {
    const body = Buffer.alloc(64 * 1024 + 1, 0x20);
    await refusedWithOneLine(() => harness.postRaw(body, signedHeaders(harness.key.privateKey, body)), 413, /body over 65536 bytes/u);
  });

  it('a body over 64 KiB sent without a length (chunked) → 413 as soon as it passes the limit', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: harness.server.port, path: '/interactions', method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)));
      outgoing.write(Buffer.alloc(40 * 1024, 0x20));
      outgoing.write(Buffer.alloc(40 * 1024, 0x20));
      // Never ended: the server must answer without waiting for the rest.
    });
    expect(status).toBe(413);
  });

  it('a 64 KiB body exactly is read (and judged by its signature)', async () => {
    const body = Buffer.alloc(64 * 1024, 0x20);
    const answer = await postBytes(harness.server.port, '/interactions', body, { 'content-type': 'application/json' });
    expect(answer.status).toBe(401);
  });
});

describe('deferred answers and health', () => {
  it('answers 5 while the documents load, then PATCHes @original through the REST API; /healthz is 503 then 200', async () => {
    const desk = new HeldDesk();
    const slow = await HttpHarness.start({ desk, deferAfterMs: 50 });
    try {
      expect((await getPath(slow.server.port, '/healthz')).status).toBe(503);
      const pending = slow.send(chatInputInteraction(slow.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: '大模型' }]));
      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.body.type).toBe(5);
      const edit = slow.emulator.waitForWebhook(answer.id, 'PATCH');
      desk.finishLoading(sampleDesk());
      const patched = await edit;
      expect(patched.path).toBe(`/webhooks/${slow.emulator.applicationId}/${answer.token}/messages/@original`);
      expect(String((patched.body as Json).content)).toMatch(/\S/u);
      expect(slow.emulator.originalOf(answer.id)?.content).toBe((patched.body as Json).content);
      expect((await getPath(slow.server.port, '/healthz')).status).toBe(200);
      expect(slow.emulator.violations).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it('while the first documents load, /about answers at once with the progress and a deferred /ask shows it until the answer replaces it', async () => {
    const load = firstLoadGate();
    load.report(1_234, 5_000);
    const slow = await HttpHarness.start({ desk: load.live, loadingWait: { noticeAfterMs: 0, noticeEveryMs: 5, giveUpAfterMs: 600_000 } });
    try {
      const about = await slow.send(chatInputInteraction(slow.emulator, { user: alice }, 'about', []));
      expect(about.body.type).toBe(4);
      expect(String(dataOf(about).content)).toContain('The documents are still loading (1,234 of 5,000 files)…');
      const asked = await slow.send(chatInputInteraction(slow.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: '大模型' }]));
      expect(asked.body.type).toBe(5);
      const notice = await slow.emulator.waitForWebhook(asked.id, 'PATCH');
      expect((notice.body as Json).content).toBe('The documents are still loading (1,234 of 5,000 files)… The answer will appear here once they are in.');
      load.finish(sampleDesk());
      await slow.emulator.waitForRequest((request) => request.method === 'PATCH' && String((request.body as Json).content).startsWith('**Results for'));
      expect(slow.emulator.webhookRequestsOf(asked.id).map((request) => String((request.body as Json).content).slice(0, 13))).toEqual([
        'The documents',
        '**Results for',
      ]);
      expect(slow.emulator.violations).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it('a deferred public answer that turns out hidden (a miss) is deleted and sent as a hidden follow-up', async () => {
    const desk = new HeldDesk();
    const slow = await HttpHarness.start({ desk, deferAfterMs: 50 });
    try {
      const answer = await slow.send(chatInputInteraction(slow.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: 'zzqxv nothing like this' }]));
      expect(answer.body).toEqual({ type: 5, data: { flags: 0 } });
      const followUp = slow.emulator.waitForWebhook(answer.id, 'POST');
      desk.finishLoading(sampleDesk());
      const sent = await followUp;
      expect(Number((sent.body as Json).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(slow.emulator.webhookRequestsOf(answer.id).map((request) => request.method)).toEqual(['DELETE', 'POST']);
      expect(slow.emulator.violations).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it('a stop waits for the interactions in flight: the deferred edit still goes out', async () => {
    const desk = new HeldDesk();
    const draining = await HttpHarness.start({ desk, deferAfterMs: 50 });
    try {
      const answer = await draining.send(chatInputInteraction(draining.emulator, { user: alice }, 'ask', [{ name: 'question', type: STRING, value: '大模型' }]));
      expect(answer.body.type).toBe(5);
      const stopped = draining.server.stop(10_000);
      expect(draining.server.inFlight()).toBe(1);
      desk.finishLoading(sampleDesk());
      await stopped;
      const edits = draining.emulator.webhookRequestsOf(answer.id).filter((request) => request.method === 'PATCH');
      expect(edits).toHaveLength(1);
      expect(draining.logs.some((line) => line.includes('shutdown did not wait'))).toBe(false);
    } finally {
      await draining.emulator.stop();
    }
  });

  it('unknown paths are 404, GET /interactions 405', async () => {
    expect((await getPath(harness.server.port, '/nope')).status).toBe(404);
    expect((await getPath(harness.server.port, '/interactions')).status).toBe(405);
  });
});
