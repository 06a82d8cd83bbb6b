/**
 * End to end: the real discord.js client, logged in to the local emulator, answering every
 * command, autocomplete, button, select and the context menu over the real desk and seeds/.
 * Every payload the bot sends is checked by the emulator against Discord's limits and for
 * allowed_mentions (see payloadChecks.ts); afterEach expects no violation and no unknown route.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MessageFlags, Routes } from 'discord.js';
import { messageObject, type TestMessage } from './emulator/payloads.ts';
import { alice, bob, buttonLabeled, callbackData, callbackType, carol, componentsOf, Harness, TEST_TOKEN } from './botHarness.ts';

const Ephemeral = MessageFlags.Ephemeral;
const SuppressEmbeds = MessageFlags.SuppressEmbeds;
const String = 3;
const Boolean = 5;
const User = 6;

let harness: Harness;

/** alice asks about 大模型 with hide:true and mention:@bob. */
function askHiddenMentioningBob() {
  const options = [
    { name: 'question', type: String, value: '大模型' },
    { name: 'hide', type: Boolean, value: true },
    { name: 'mention', type: User, value: bob.id },
  ];
  return harness.command('ask', options, alice, { resolved: [bob] });
}

beforeAll(async () => {
  harness = await Harness.start();
});

afterAll(async () => {
  await harness.stop();
});

afterEach(() => {
  expect(harness.emulator.violations).toEqual([]);
  expect(harness.emulator.unexpected.map((request) => `${request.method} ${request.path}`)).toEqual([]);
});

describe('connecting', () => {
  it('identifies with only the Guilds intent, over plain JSON without compression', () => {
    const { gateway } = harness.emulator;
    expect(gateway.identifies).toBe(1);
    expect(gateway.identifyPayloads[0]).toMatchObject({ intents: 1, compress: false });
    expect(Object.fromEntries(gateway.connectQueries[0])).toEqual({ v: '10', encoding: 'json' });
  });
});

describe('/ask', () => {
  it('answers publicly with up to three quotes, bold matches, sources, Summary and More buttons', async () => {
    const { callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(callbackType(callback)).toBe(4);
    const data = callbackData(callback);
    expect(data.flags).toBe(SuppressEmbeds);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
    const content = `${data.content}`;
    expect(content).toMatch(/^\*\*Results for “大模型” \(1–3 of \d+\)\*\*/);
    expect(content.match(/^-# .+, line \d+$/gm)).toHaveLength(3);
    expect(content).toContain('**大模型**');
    expect(content).toMatch(/^> /m);
    const labels = componentsOf(data).map((component) => component.label);
    expect(labels.filter((label) => label?.startsWith('Summary'))).not.toHaveLength(0);
    expect(labels).toContain('More');
    expect(labels).not.toContain('Send in chat');
    for (const component of componentsOf(data)) expect(component.custom_id).toContain(alice.id);
  });

  it('given hide and mention, answers ephemerally, addresses the user, allows only their ping, and offers Send in chat', async () => {
    const { callback } = await askHiddenMentioningBob();
    const data = callbackData(callback);
    expect(data.flags).toBe(Ephemeral | SuppressEmbeds);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [bob.id], replied_user: false });
    expect(`${data.content}`.startsWith(`<@${bob.id}> this may help:`)).toBe(true);
    expect(componentsOf(data).map((component) => component.label)).toContain('Send in chat');
  });

  it('More edits the same message with the next results; only the invoker may press it', async () => {
    const { id } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    const message = harness.message(id);
    const more = buttonLabeled(message as unknown as Record<string, unknown>, 'More');

    const refused = await harness.press(message, more.custom_id, bob);
    expect(callbackType(refused.callback)).toBe(4);
    expect(callbackData(refused.callback)).toMatchObject({ flags: Ephemeral | SuppressEmbeds, content: expect.stringContaining('Only the person who ran this command') });

    const pressed = await harness.press(message, more.custom_id, alice);
    expect(callbackType(pressed.callback)).toBe(7);
    expect(`${callbackData(pressed.callback).content}`).toMatch(/\(4–6 of \d+\)/);
    expect(harness.message(pressed.id).id).toBe(message.id);
  });

  it('Summary answers with the summary of that result’s section', async () => {
    const { id } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型需要多少计算资源' }]);
    const summary = buttonLabeled(harness.message(id) as unknown as Record<string, unknown>, /^Summary 1: /);
    const { callback } = await harness.press(harness.message(id), summary.custom_id);
    expect(callbackType(callback)).toBe(4);
    const data = callbackData(callback);
    expect(data.flags).toBe(SuppressEmbeds);
    expect(`${data.content}`).toMatch(/^\*\*.+\*\*\n\n[\s\S]+\n-# .+, line \d+$/);
  });

  it('Send in chat posts the hidden answer publicly as a new message, pinging only the mention user', async () => {
    const asked = await askHiddenMentioningBob();
    const hidden = harness.message(asked.id);
    const share = buttonLabeled(hidden as unknown as Record<string, unknown>, 'Send in chat');
    const { id, callback } = await harness.press(hidden, share.custom_id);
    expect(callbackType(callback)).toBe(4);
    const data = callbackData(callback);
    expect(data.flags).toBe(SuppressEmbeds);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [bob.id], replied_user: false });
    expect(`${data.content}`.startsWith(`<@${bob.id}>`)).toBe(true);
    expect(harness.message(id).id).not.toBe(hidden.id);
    expect(componentsOf(data).map((component) => component.label)).not.toContain('Send in chat');
  });

  it('on a miss says so ephemerally and offers "did you mean"; a pick answers publicly as the question was', async () => {
    const { id, callback } = await harness.command('ask', [{ name: 'question', type: String, value: '附录 helm chart kubernetes' }]);
    const data = callbackData(callback);
    expect(data.flags).toBe(Ephemeral | SuppressEmbeds);
    expect(data.content).toBe('Nothing in the documents matches “附录 helm chart kubernetes”.');
    const [select] = componentsOf(data);
    expect(select.type).toBe(3);
    expect(select.options?.length).toBeGreaterThan(0);
    expect(select.options?.[0].label).toContain('附录');

    const refused = await harness.select(harness.message(id), select.custom_id, [select.options?.[0].value ?? ''], bob);
    expect(`${callbackData(refused.callback).content}`).toContain('Only the person who ran this command');
    const picked = await harness.select(harness.message(id), select.custom_id, [select.options?.[0].value ?? '']);
    expect(callbackType(picked.callback)).toBe(4);
    expect(callbackData(picked.callback).flags).toBe(SuppressEmbeds);
    expect(`${callbackData(picked.callback).content}`).toContain('附录');
  });

  it('on a hidden miss, a pick from "did you mean" replaces the miss in place', async () => {
    const { id, callback } = await harness.command('ask', [
      { name: 'question', type: String, value: '附录 helm chart kubernetes' },
      { name: 'hide', type: Boolean, value: true },
    ]);
    const [select] = componentsOf(callbackData(callback));
    const picked = await harness.select(harness.message(id), select.custom_id, [select.options?.[0].value ?? '']);
    expect(callbackType(picked.callback)).toBe(7);
    expect(`${callbackData(picked.callback).content}`).toContain('附录');
  });

  it('answers in Chinese for zh-CN users', async () => {
    const { callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }], alice, { locale: 'zh-CN' });
    const data = callbackData(callback);
    expect(`${data.content}`).toMatch(/^\*\*“大模型”的结果（第 1–3 条，共 \d+ 条）\*\*/);
    expect(componentsOf(data).map((component) => component.label)).toContain('更多');
  });

  it('writes one log line per interaction: command, user, latency, results, outcome', async () => {
    await harness.command('ask', [{ name: 'question', type: String, value: '深度学习' }], carol);
    // The line is written once the reply has gone out, just after the emulator received it.
    const line = await vi.waitFor(() => {
      const found = harness.logs.find((entry) => entry.includes(`command=ask user=${carol.id}`));
      if (found === undefined) throw new Error('no log line yet');
      return found;
    });
    expect(line).toMatch(/INFO interaction command=ask user=500000000000000003 ms=\d+ results=\d+ outcome=answered delivery=direct$/);
    expect(harness.logs.join('\n')).not.toContain(TEST_TOKEN);
  });
});

describe('autocomplete', () => {
  it('suggests FAQ questions and section titles for /ask, within 25 choices of 100 characters', async () => {
    const { callback } = await harness.autocomplete('ask', 'question', 'AI大模型');
    expect(callbackType(callback)).toBe(8);
    const choices = (callbackData(callback).choices ?? []) as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((choice) => choice.value)).toContain('AI大模型需要多少计算资源？');
  });

  it('suggests sections by id for /summary, and /summary answers with the chosen section', async () => {
    const { callback } = await harness.autocomplete('summary', 'section', '常见问题');
    const choices = (callbackData(callback).choices ?? []) as Array<{ name: string; value: string }>;
    expect(choices[0].name).toContain('常见问题');
    const summary = await harness.command('summary', [{ name: 'section', type: String, value: choices[0].value }]);
    const data = callbackData(summary.callback);
    expect(data.flags).toBe(SuppressEmbeds);
    expect(`${data.content}`).toMatch(/^\*\*.*常见问题.*\*\*/);
  });

  it('suggests documents for /sections', async () => {
    const { callback } = await harness.autocomplete('sections', 'document', '003');
    expect(callbackData(callback).choices).toEqual([{ name: '1.背景介绍 (1.1 背景介绍) — 003_6c99d61fa6fdf524.txt', value: '003_6c99d61fa6fdf524.txt' }]);
  });
});

describe('/summary', () => {
  it('resolves a typed section title by search', async () => {
    const { callback } = await harness.command('summary', [{ name: 'section', type: String, value: '未来发展趋势与挑战' }]);
    expect(`${callbackData(callback).content}`).toContain('未来发展趋势与挑战');
  });

  it('answers a forged value with a clear ephemeral message', async () => {
    const { callback } = await harness.command('summary', [{ name: 'section', type: String, value: 'zz:@everyone' }]);
    const data = callbackData(callback);
    expect(data.flags).toBe(Ephemeral | SuppressEmbeds);
    expect(`${data.content}`).toMatch(/^No section matches “zz:@\u200beveryone”/);
  });

  it('says so when the section is empty', async () => {
    const { callback } = await harness.command('summary', [{ name: 'section', type: String, value: '工具和资源推荐' }]);
    expect(`${callbackData(callback).content}`).toContain('This section has no text left after cleaning.');
  });
});

describe('/sections and /about', () => {
  it('lists the documents', async () => {
    const { callback } = await harness.command('sections');
    const content = `${callbackData(callback).content}`;
    expect(content).toMatch(/^\*\*Documents \(5\)\*\*/);
    expect(content.match(/^- /gm)).toHaveLength(5);
  });

  it('pages a long outline with buttons, marks empty sections, and edits the message for the next page', async () => {
    const { id, callback } = await harness.command('sections', [{ name: 'document', type: String, value: '001_08f69f4bcd10ebae.txt' }]);
    const data = callbackData(callback);
    expect(`${data.content}`).toContain('_(empty)_');
    expect(`${data.content}`).toContain('Page 1 of 2');
    const next = buttonLabeled(data, 'Next');
    const pressed = await harness.press(harness.message(id), next.custom_id);
    expect(callbackType(pressed.callback)).toBe(7);
    expect(`${callbackData(pressed.callback).content}`).toContain('Page 2 of 2');
    expect(componentsOf(callbackData(pressed.callback)).map((component) => component.label)).toEqual(['Previous']);
  });

  it('/about reports documents, cleaning, build time, reload, uptime and version', async () => {
    const { callback } = await harness.command('about');
    const content = `${callbackData(callback).content}`;
    expect(content).toContain('Documents: 5, sections: 33, passages: ');
    expect(content).toMatch(/Cleaning removed \d+ paragraphs/);
    expect(content).toMatch(/Index built in \d+ ms; last reload /);
    expect(content).toMatch(/Uptime .+; version test/);
  });
});

describe('the "Ask the docs" message menu', () => {
  it('asks the target message’s text, hidden, addressed to its author', async () => {
    const target = messageObject(harness.emulator, { author: carol, content: 'AI大模型需要多少计算资源？' });
    const { id, callback } = await harness.contextMenu(target, alice);
    const data = callbackData(callback);
    expect(data.flags).toBe(Ephemeral | SuppressEmbeds);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [carol.id], replied_user: false });
    expect(`${data.content}`).toMatch(new RegExp(`^<@${carol.id}> this may help:\\n\\*\\*Results for “AI大模型需要多少计算资源？”`));
    const share = buttonLabeled(harness.message(id) as unknown as Record<string, unknown>, 'Send in chat');
    const shared = await harness.press(harness.message(id), share.custom_id);
    expect(callbackData(shared.callback)).toMatchObject({ flags: SuppressEmbeds, allowed_mentions: { parse: [], users: [carol.id], replied_user: false } });
  });

  it('says so when the message has no text', async () => {
    const target = messageObject(harness.emulator, { author: carol, content: '' });
    const { callback } = await harness.contextMenu(target);
    expect(callbackData(callback)).toMatchObject({ flags: Ephemeral | SuppressEmbeds, content: 'That message has no text to ask the documents about.' });
  });
});

describe('buttons from before a restart', () => {
  it('say politely that they expired', async () => {
    const message = messageObject(harness.emulator, { author: harness.emulator.botUser, content: 'old' });
    const signed = harness.running.bot.customIds.encode({ kind: 'button', action: 'more', invoker: alice.id, key: 'unknownKey', index: 0 });
    const { callback } = await harness.press(message, signed);
    expect(callbackData(callback)).toMatchObject({ flags: Ephemeral | SuppressEmbeds, content: 'These buttons have expired. Please run the command again.' });
  });
});

describe('forged buttons', () => {
  /** alice's public answer that mentions carol, and the parts of one of its custom_ids. */
  async function alicesAnswer() {
    const options = [
      { name: 'question', type: String, value: '大模型' },
      { name: 'mention', type: User, value: carol.id },
    ];
    const { id } = await harness.command('ask', options, alice, { resolved: [carol] });
    const message = harness.message(id);
    const before = JSON.stringify(message);
    const summary = buttonLabeled(message as unknown as Record<string, unknown>, /^Summary 1: /);
    const [, , , key, , mac] = summary.custom_id.split(':');
    return { message, before, key, mac };
  }

  /** bob presses the id; the only request it causes is one ephemeral callback that pings nobody. */
  async function expectRefused(message: TestMessage, customId: string, content: string) {
    const requestsBefore = harness.emulator.requests.length;
    const { id, callback } = await harness.press(message, customId, bob);
    expect(callbackType(callback)).toBe(4);
    expect(callbackData(callback)).toMatchObject({
      content,
      components: [],
      flags: Ephemeral | SuppressEmbeds,
      allowed_mentions: { parse: [], users: [], replied_user: false },
    });
    await vi.waitFor(() => expect(harness.logs.some((line) => line.includes(`user=${bob.id}`) && line.includes('outcome='))).toBe(true));
    expect(harness.emulator.webhookRequestsOf(id)).toEqual([]);
    expect(harness.emulator.requests.slice(requestsBefore).map((request) => request.path)).toEqual([callback.path]);
    harness.logs.length = 0;
  }

  it('refuses a custom_id with another user id written into it: no public summary, no ping, no edit', async () => {
    const { message, before, key, mac } = await alicesAnswer();
    const invalid = 'This button is not valid; run the command again.';
    await expectRefused(message, `ad:summary:${bob.id}:${key}:0`, invalid);
    await expectRefused(message, `ad:summary:${bob.id}:${key}:0:${mac}`, invalid);
    await expectRefused(message, `ad:more:${bob.id}:${key}:1:${mac}`, invalid);
    expect(JSON.stringify(harness.emulator.messages.get(message.id))).toBe(before);
  });

  it('refuses a correctly signed id for someone else’s state, by the state’s owner', async () => {
    const { message, before, key } = await alicesAnswer();
    // As if the secret had leaked: the signature is good, the parked state still belongs to alice.
    const signed = harness.running.bot.customIds.encode({ kind: 'button', action: 'summary', invoker: bob.id, key, index: 0 });
    await expectRefused(message, signed, expect.stringContaining('Only the person who ran this command') as unknown as string);
    expect(JSON.stringify(harness.emulator.messages.get(message.id))).toBe(before);
  });
});

describe('the gateway', () => {
  it('resumes after a disconnect and answers correctly, including an interaction sent while it was down', async () => {
    const resumed = harness.emulator.waitForGateway('resumed');
    harness.emulator.dropConnection(4000);
    const whileDown = await import('./emulator/payloads.ts').then(({ chatInputInteraction }) =>
      harness.emulator.sendInteraction(chatInputInteraction(harness.emulator, { user: alice }, 'ask', [{ name: 'question', type: String, value: '深度学习' }])),
    );
    await resumed;
    expect(harness.emulator.gateway).toMatchObject({ identifies: 1, resumes: 1 });
    expect(`${callbackData(await harness.emulator.callbackOf(whileDown)).content}`).toMatch(/^\*\*Results for “深度学习”/);
    const { callback } = await harness.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
    expect(`${callbackData(callback).content}`).toMatch(/^\*\*Results for “大模型”/);
  });
});

describe('the bot token', () => {
  // afterEach of every e2e file holds the emulator to no violations; this proves the guard fires.
  it('is flagged by the emulator in any payload the bot sends and in any log line', async () => {
    const before = harness.emulator.violations.length;
    await harness.running.client.rest.post(Routes.channelMessages(harness.emulator.channelId), {
      body: { content: `oops ${TEST_TOKEN}`, allowed_mentions: { parse: [] } },
    });
    harness.running.bot.log.warn('oops', { detail: TEST_TOKEN });
    const flagged = harness.emulator.violations.splice(before);
    expect(flagged).toEqual([expect.stringContaining('carries the bot token'), expect.stringContaining('log line: the token reached the logger')]);
    expect(flagged.join('\n')).not.toContain(TEST_TOKEN);
  });
});
