import { describe, expect, it } from 'vitest';
import { renderAnswerForTerminal, renderTerminalReply, stripControlCharacters } from '../../src/console/renderTerminalReply.ts';
import { answerQuestion } from '../../src/reply/composeAnswer.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { FakeDesk, sampleDesk } from '../reply/fakeDesk.ts';

const en = messagesFor('en');

describe('terminal rendering', () => {
  it('marks matched terms with ** on a pipe and ANSI bold on a terminal', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '部署', offset: 0, hidden: false }, en);
    expect(renderTerminalReply(reply, 'plain').text).toBe('Results for “部署” (1–1 of 1)\n\n  │ **部署**大模型可以使用云服务。\n  └ 模型指南 › 部署, line 6\n\n  [1] Summary 1: 部署');
    const ansi = renderTerminalReply(reply, 'ansi').text;
    expect(ansi).toContain('\u001b[1m部署\u001b[22m大模型');
    expect(ansi).toContain('\u001b[2m模型指南 › 部署, line 6\u001b[22m');
  });

  it('lists buttons and "did you mean" options as numbered choices', async () => {
    const desk = new FakeDesk([{ id: 'a:9', doc: 'guide.md', path: ['模型指南', '工具'], line: 9, passages: ['清单见附录。'] }]);
    const miss = await answerQuestion(desk, { query: '工具', offset: 0, hidden: false }, en);
    const rendered = renderTerminalReply(miss, 'plain');
    expect(rendered.text).toBe('Nothing in the documents matches “工具”.\n\nDid you mean one of these sections?\n  [1] 工具 (模型指南)');
    expect(rendered.choices).toMatchObject([{ kind: 'menu', sectionId: 'a:9' }]);
  });

  it('shows escape sequences from documents inert instead of obeying them', async () => {
    expect(stripControlCharacters('红\u001b[31m色\u0007\ttab\r\nline')).toBe('红\uFFFD[31m色\uFFFD tab\nline');
    const desk = new FakeDesk([{ id: 'x:1', doc: 'a.md', path: ['A'], line: 1, passages: ['危险\u001b]0;pwned\u0007大模型'] }]);
    const text = renderTerminalReply(await answerQuestion(desk, { query: '大模型', offset: 0, hidden: false }, en), 'ansi').text;
    expect(text).not.toContain('\u001b]0;');
  });

  it('renders a ready Answer for the CLI, without buttons', async () => {
    const answer = await sampleDesk().search('部署', { top: 3 });
    expect(renderAnswerForTerminal(answer, { style: 'plain', locale: 'zh-CN' })).toBe('“部署”的结果（第 1–1 条，共 1 条）\n\n  │ **部署**大模型可以使用云服务。\n  └ 模型指南 › 部署，第 6 行');
  });
});
