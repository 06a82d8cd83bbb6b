import { describe, expect, it } from 'vitest';
import { answerQuestion, replyFromAnswer } from '../../src/reply/composeAnswer.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { FakeDesk, sampleDesk } from './fakeDesk.ts';

const en = messagesFor('en');

describe('answerQuestion', () => {
  it('quotes up to three results with bold matches and a "document › section, line N" source', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: false }, en);
    expect(reply.outcome).toBe('answered');
    expect(reply.quotes).toHaveLength(3);
    expect(reply.quotes[0]).toMatchObject({ text: '大模型是指参数规模很大的神经网络模型。', bold: [[0, 3]] });
    expect(reply.quotes[0].citation).toBe('模型指南, line 2');
    expect(reply.title).toBe('Results for “大模型” (1–3 of 4)');
  });

  it('offers a Summary button per distinct section and More while results remain', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: false }, en);
    expect(reply.actions.map((action) => action.kind)).toEqual(['summary', 'summary', 'more']);
    const more = reply.actions.find((action) => action.kind === 'more');
    expect(more?.kind === 'more' && more.subject).toEqual({ kind: 'ask', query: '大模型', offset: 3 });
  });

  it('given a hidden reply, offers Send in chat; a public one does not', async () => {
    const hidden = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: true }, en);
    const shown = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: false }, en);
    expect(hidden.hidden).toBe(true);
    expect(hidden.actions.at(-1)).toMatchObject({ kind: 'share', label: 'Send in chat', subject: { kind: 'ask', query: '大模型', offset: 0 } });
    expect(shown.actions.some((action) => action.kind === 'share')).toBe(false);
  });

  it('shows the next page for More, without More on the last page', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '大模型', offset: 3, hidden: false }, en);
    expect(reply.quotes).toHaveLength(1);
    expect(reply.title).toBe('Results for “大模型” (4–4 of 4)');
    expect(reply.actions.some((action) => action.kind === 'more')).toBe(false);
  });

  it('says a miss plainly, to the invoker only, with a "did you mean" menu of close sections', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '部署', offset: 0, hidden: false }, en);
    expect(reply.quotes.length).toBeGreaterThan(0);
    const miss = await answerQuestion(sampleDesk(), { query: '工具箱', offset: 0, hidden: false }, en);
    expect(miss).toMatchObject({ outcome: 'miss', hidden: true, notes: ['Nothing in the documents matches “工具箱”.'] });
    const desk = new FakeDesk([{ id: 'a:9', doc: 'guide.md', path: ['模型指南', '工具'], line: 9, passages: ['清单见附录。'] }]);
    const near = await answerQuestion(desk, { query: '工具', offset: 0, hidden: false, mention: '123456789012345678' }, en);
    expect(near.outcome).toBe('miss');
    expect(near.menu).toMatchObject({ hidden: false, mention: '123456789012345678', options: [{ label: '工具', sectionId: 'a:9' }] });
  });

  it('never points "did you mean" at a section with no text', async () => {
    const miss = await answerQuestion(sampleDesk(), { query: '工具', offset: 0, hidden: false }, en);
    expect(miss.outcome).toBe('miss');
    expect(miss.menu).toBeUndefined();
  });

  it('addresses the mention user in a leading line and keeps them for follow-ups', async () => {
    const reply = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden: true, mention: '123456789012345678' }, messagesFor('zh-CN'));
    expect(reply.mention).toBe('123456789012345678');
    expect(reply.mentionLine).toBe('这些内容可能对你有帮助：');
    for (const action of reply.actions) expect(action.mention).toBe('123456789012345678');
  });

  it('asks for a question when given only white space, without searching', async () => {
    const desk = sampleDesk();
    const reply = await answerQuestion(desk, { query: '  \n ', offset: 0, hidden: false }, en);
    expect(reply).toMatchObject({ outcome: 'invalid', hidden: true, notes: ['Please type a question.'] });
    expect(desk.searches).toHaveLength(0);
  });

  it('renders a ready Answer without a desk (for the CLI)', async () => {
    const answer = await new FakeDesk(sampleDesk().sections).search('部署');
    const reply = replyFromAnswer(answer, { query: '部署', offset: 0, hidden: false }, en);
    expect(reply.quotes.map((quote) => quote.source.doc)).toEqual(['guide.md']);
  });
});
