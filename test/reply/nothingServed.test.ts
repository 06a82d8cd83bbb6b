import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/reply/composeAnswer.ts';
import { listSections } from '../../src/reply/composeOutline.ts';
import { summarizeValue } from '../../src/reply/composeSummary.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { nothingServedReply } from '../../src/reply/nothingServed.ts';
import { FakeDesk, sampleDesk } from './fakeDesk.ts';

const en = messagesFor('en');

describe('a desk that serves no document', () => {
  it('says so, why and where to put documents, hidden, for /ask, /summary and /sections alike', async () => {
    const desk = new FakeDesk([]);
    const expected = 'No documents are being served: the folder holds no .md or .txt files; add .md/.txt files to /srv/desk/seeds';
    for (const reply of [
      await answerQuestion(desk, { query: '大模型', offset: 0, hidden: false }, en),
      await summarizeValue(desk, '部署', { hidden: false }, en),
      await listSections(desk, { page: 1, hidden: false }, en),
    ]) {
      expect(reply).toMatchObject({ notes: [expected], hidden: true, outcome: 'empty', quotes: [], actions: [] });
      expect(reply.menu).toBeUndefined();
    }
  });

  it('names the first files that could not be served and counts the rest', async () => {
    const desk = new FakeDesk([]);
    for (let i = 1; i <= 5; i++) desk.problems.push({ path: `doc${i}.txt`, reason: 'is binary' });
    expect((await nothingServedReply(desk, en))?.notes).toEqual([
      'No documents are being served: doc1.txt is binary; doc2.txt is binary; doc3.txt is binary (and 2 more); add .md/.txt files to /srv/desk/seeds',
    ]);
    expect((await nothingServedReply(desk, messagesFor('zh-CN')))?.notes[0]).toMatch(/^当前没有可提供的文档：doc1\.txt is binary; .*（另有 2 个）；请把 \.md\/\.txt 文件放进 \/srv\/desk\/seeds$/);
  });

  it('is not what a desk with documents answers', async () => {
    expect(await nothingServedReply(sampleDesk(), en)).toBeUndefined();
  });
});
