/** Search through the answer desk, on small documents written for each behaviour. */
import { describe, expect, it } from 'vitest';
import { AnswerDesk } from '../../src/desk/answerDesk.ts';
import { codePointLength } from '../../src/text/codePoints.ts';

const desk = AnswerDesk.fromSources('memory', [
  {
    path: 'zh/深度学习.md',
    text: [
      '# 深度学习',
      '',
      '深度学习是一种基于多层神经网络的机器学习方法。',
      '',
      '## 硬件',
      '',
      '训练大模型需要ＧＰＵ和TPU等加速器。',
      '',
      '## 历史',
      '',
      '2012年，AlexNet在ImageNet上取得突破。',
      '',
      'GPT-3是OpenAI于2020年发布的语言模型。',
    ].join('\n'),
  },
  { path: 'zh-hant.md', text: '# 自然語言處理\n\n自然語言處理讓電腦理解人類的語言。\n' },
  { path: 'en.md', text: '# Transformers\n\nThe Transformer architecture relies on self-attention.\n\nBERT is a Transformer encoder.\n' },
]);

const first = (query: string) => desk.search(query).results[0];

describe('search', () => {
  it('given a Traditional query, finds the Simplified passage', () => {
    expect(first('深度學習')?.excerpt).toContain('深度学习是一种');
  });

  it('given a Simplified query, finds the Traditional passage', () => {
    expect(first('自然语言处理')?.doc).toBe('zh-hant.md');
  });

  it('finds full-width ＧＰＵ with gpu, and Latin regardless of case', () => {
    expect(first('gpu')?.excerpt).toContain('ＧＰＵ');
    expect(first('SELF-ATTENTION')?.doc).toBe('en.md');
  });

  it('finds GPT-3 from gpt3 and GPT 3', () => {
    for (const query of ['gpt3', 'GPT 3', 'GPT-3']) expect(first(query)?.excerpt).toContain('GPT-3');
  });

  it('matches a year as a whole number', () => {
    expect(first('2012')?.excerpt).toContain('2012年');
    expect(desk.search('201').results).toEqual([]);
  });

  it('answers unrelated questions with no results rather than noise', () => {
    for (const query of ['今天天气怎么样', '如何烤披萨', '怎么做红烧肉', 'how do I bake bread']) {
      expect(desk.search(query).results).toEqual([]);
    }
  });

  it('answers single characters, punctuation and emoji without throwing', () => {
    expect(first('模')?.excerpt).toContain('模');
    for (const query of ['', '   ', '？！。', '😀🎉', '\u0000']) expect(desk.search(query).results).toEqual([]);
  });

  it('cites the document, the heading path and the source line of the quote', () => {
    expect(first('AlexNet')).toMatchObject({ doc: 'zh/深度学习.md', section: '深度学习 > 历史', line: 11 });
    expect(first('OpenAI')).toMatchObject({ line: 13 });
  });

  it('marks the matched terms with code point offsets into the excerpt', () => {
    const hit = first('神经网络')!;
    const marked = hit.matches.map(([s, e]) => [...hit.excerpt].slice(s, e).join(''));
    expect(marked).toEqual(['神经网络']);
  });

  it('never quotes the same text twice in one answer', () => {
    const twice = AnswerDesk.fromSources('memory', [
      { path: 'a.md', text: '大模型需要大量的计算资源。' },
      { path: 'b.md', text: '大模型需要大量的计算资源。' },
    ]);
    expect(twice.search('计算资源').results).toHaveLength(1);
  });

  it('keeps excerpts within 200 code points', () => {
    const long = AnswerDesk.fromSources('memory', [{ path: 'long.md', text: '关于模型的很长的句子，'.repeat(100) + '结束。' }]);
    expect(codePointLength(long.search('模型').results[0].excerpt)).toBeLessThanOrEqual(200);
  });

  it('given a long pasted message, searches the question it asks', () => {
    const story = '我昨天在会议上听同事讲了很多关于公司明年计划的事情，大家讨论得非常热烈，最后还一起吃了晚饭，回家的路上下起了大雨。'.repeat(2);
    expect(desk.search(`${story}我想问一下，训练大模型需要什么加速器？`).results[0]?.excerpt).toContain('加速器');
    expect(desk.search(`${story}你觉得明天还会下雨吗？`).results).toEqual([]);
  });

  it('pages with offset', () => {
    const all = desk.search('模型', { top: 10 }).results;
    expect(desk.search('模型', { top: 1, offset: 1 }).results[0]?.excerpt).toBe(all[1]?.excerpt);
  });
});

describe('summaries and outline', () => {
  it('summarizes a section with its subsections, in source order', () => {
    const summary = desk.summarizeSection('zh/深度学习.md', '深度学习');
    expect(summary.empty).toBe(false);
    expect(summary.sentences[0]).toContain('深度学习是一种');
    expect(summary.summary).toContain('GPT-3');
  });

  it('finds the first heading with a title, and says an unknown one is unknown', () => {
    expect(desk.summarizeSection('zh/深度学习.md', '历史').line).toBe(9);
    expect(() => desk.summarizeSection('zh/深度学习.md', '不存在')).toThrow(/No section "不存在"/);
    expect(() => desk.summarizeSection('missing.md')).toThrow(/No document "missing.md"/);
  });

  it('resolves a document by its file name', () => {
    expect(desk.summarizeSection('深度学习.md').doc).toBe('zh/深度学习.md');
  });

  it('suggests sections whose titles match what was typed', () => {
    expect(desk.suggestSections('历', 5).map((s) => s.title)).toEqual(['历史']);
  });

  it('suggests, with nothing typed, the first sections that have text, and ranks a typed label first', () => {
    expect(desk.suggestSections('', 2).map((s) => s.title)).toEqual(['深度学习', '硬件']);
    const label = desk.suggestSections('历史', 1)[0].label;
    expect(desk.suggestSections(label, 5)[0].label).toBe(label);
  });

  it('gives the outline afresh each time: changing one given out changes nothing in the desk', () => {
    const outline = desk.outline();
    outline.length = 0;
    expect(desk.outline().length).toBeGreaterThan(0);
    expect(desk.suggestSections('硬件', 5).map((s) => s.title)).toEqual(['硬件']);
  });
});
