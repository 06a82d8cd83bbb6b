import { describe, expect, it } from 'vitest';
import { ComponentType } from 'discord.js';
import { CustomIdCodec } from '../../src/discord/customId.ts';
import { fitContent, renderDiscordReply, type ParkedReply } from '../../src/discord/renderDiscordReply.ts';
import { answerQuestion } from '../../src/reply/composeAnswer.ts';
import { summarizeSection } from '../../src/reply/composeSummary.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { emptyReply, type Reply } from '../../src/reply/model.ts';
import { FakeDesk, sampleDesk } from '../reply/fakeDesk.ts';

const en = messagesFor('en');
const invokerId = '111111111111111111';
const customIds = new CustomIdCodec(Buffer.alloc(32, 1));
const decodeCustomId = (id: string) => customIds.decode(id);

function render(reply: Reply) {
  const parked: ParkedReply[] = [];
  const message = renderDiscordReply(reply, { invokerId, park: (state) => (parked.push(state), `key${parked.length}`), customIds });
  return { message, parked };
}

const codePoints = (text: string): number => [...text].length;

describe('renderDiscordReply', () => {
  it('quotes excerpts with bold matches and a subtext source line', async () => {
    const { message } = render(await answerQuestion(sampleDesk(), { query: '部署', offset: 0, hidden: false }, en));
    expect(message.content).toBe('**Results for “部署” (1–1 of 1)**\n\n> **部署**大模型可以使用云服务。\n-# 模型指南 › 部署, line 6');
    expect(message.ephemeral).toBe(false);
  });

  it('puts the mention first and allows that user only', async () => {
    const { message } = render(await answerQuestion(sampleDesk(), { query: '部署', offset: 0, hidden: false, mention: '222222222222222222' }, en));
    expect(message.content.startsWith('<@222222222222222222> this may help:\n')).toBe(true);
    expect(message.mentionUserId).toBe('222222222222222222');
  });

  it('escapes document text: a quoted @everyone or role mention stays inert', async () => {
    const desk = new FakeDesk([{ id: 'x:1', doc: 'a.md', path: ['A'], line: 1, passages: ['大家注意 @everyone 和 <@&123456789012345678> 以及 [链接](https://x.example)'] }]);
    const { message } = render(await answerQuestion(desk, { query: '注意', offset: 0, hidden: false }, en));
    expect(message.content).not.toMatch(/@everyone|(?<!\\)<@&|(?<!\\)\[链接\]/);
  });

  it('gives every button a custom_id of at most 100 characters that names the invoker and the parked action', async () => {
    const { message, parked } = render(await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: true }, en));
    const buttons = message.components.flatMap((row) => row.components);
    expect(buttons.map((button) => button.type)).toEqual([ComponentType.Button, ComponentType.Button, ComponentType.Button, ComponentType.Button]);
    expect(parked).toHaveLength(1);
    expect(parked[0].owner).toBe(invokerId);
    buttons.forEach((button) => {
      if (!('custom_id' in button)) throw new Error('button without custom_id');
      expect(button.custom_id.length).toBeLessThanOrEqual(100);
      const target = decodeCustomId(button.custom_id);
      expect(target).toMatchObject({ kind: 'button', invoker: invokerId, key: 'key1' });
      if (target?.kind === 'button') expect(parked[0].actions[target.index].kind).toBe(target.action);
    });
  });

  it('puts Summary buttons on the first row and More / Send in chat on the second', async () => {
    const { message } = render(await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: true }, en));
    const labels = message.components.map((row) => row.components.map((component) => ('label' in component ? component.label : '')));
    expect(labels).toEqual([['Summary 1: 模型指南', 'Summary 3: 部署'], ['More', 'Send in chat']]);
  });

  it('renders "did you mean" as a select of section ids, within the option limits', () => {
    const reply: Reply = {
      ...emptyReply('miss', true),
      notes: ['Nothing'],
      menu: { placeholder: 'Did you mean', hidden: false, options: [{ label: 'x'.repeat(150), description: 'y'.repeat(150), sectionId: 'a:1' }, { label: 'long id', sectionId: 'z'.repeat(101) }] },
    };
    const { message } = render(reply);
    const select = message.components[0].components[0];
    expect(select.type).toBe(ComponentType.StringSelect);
    if (select.type !== ComponentType.StringSelect) return;
    expect(select.options).toHaveLength(1);
    expect(codePoints(select.options[0].label)).toBe(100);
    expect(codePoints(select.options[0].description ?? '')).toBe(100);
    expect(decodeCustomId(select.custom_id)).toEqual({ kind: 'menu', invoker: invokerId, key: 'key1' });
  });

  it('parks nothing for a reply without buttons', async () => {
    const { message, parked } = render(await summarizeSection(sampleDesk(), { sectionId: 'a:5', hidden: false }, en));
    expect(message.components).toEqual([]);
    expect(parked).toEqual([]);
  });

  it('cuts button labels to 80 characters', async () => {
    const desk = new FakeDesk([{ id: 'x:1', doc: 'a.md', path: ['标'.repeat(120)], line: 1, passages: ['大模型'] }]);
    const { message } = render(await answerQuestion(desk, { query: '大模型', offset: 0, hidden: false }, en));
    const button = message.components[0].components[0];
    expect('label' in button && codePoints(button.label ?? '')).toBe(80);
  });
});

describe('fitContent', () => {
  it('shortens a long summary at a sentence to fit 2000 characters', async () => {
    const sentence = '这是一个很长的摘要句子，用来测试截断是否发生在句子边界。';
    const desk = new FakeDesk([{ id: 'x:1', doc: 'a.md', path: ['A'], line: 1, passages: ['t'], summary: sentence.repeat(150) }]);
    const content = fitContent(await summarizeSection(desk, { sectionId: 'x:1', hidden: false }, en));
    expect(codePoints(content)).toBeLessThanOrEqual(2000);
    expect(content).toMatch(/。…\n-# A, line 1$/);
  });

  it('drops listed lines beyond the limit and says so', () => {
    const reply: Reply = { ...emptyReply('listed', false), lines: Array.from({ length: 300 }, (_, i) => ({ text: `第 ${i} 个标题`, indent: 0 })) };
    const content = fitContent(reply);
    expect(codePoints(content)).toBeLessThanOrEqual(2000);
    expect(content.endsWith('- …')).toBe(true);
  });

  it('never exceeds the limit even for one huge line', () => {
    const reply: Reply = { ...emptyReply('listed', false), notes: ['*'.repeat(3000)] };
    const content = fitContent(reply);
    expect(codePoints(content)).toBeLessThanOrEqual(2000);
    expect(content).not.toMatch(/(?<!\\)\\…$/);
  });
});
