/** The query path on small passages written for each rule: chat wording, bridges, and questions the passages do not answer. */
import { describe, expect, it } from 'vitest';
import { PassageIndex } from '../../src/search/passageIndex.ts';
import { searchPassages } from '../../src/search/searchPassages.ts';


function corpus(texts: string[]) {
  const passages = texts.map((text) => ({ text }));
  const index = PassageIndex.build(texts.map((text) => ({ text, heading: '' })));
  return (query: string) => {
    const { hits } = searchPassages(index, passages, query, { top: 5, offset: 0 });
    return hits.map((hit) => ({
      text: passages[hit.id].text,
      score: hit.score,
      marked: hit.excerpt.matches.map(([start, end]) => [...hit.excerpt.text].slice(start, end).join('')),
    }));
  };
}

const filler = [
  '深度学习是一种基于多层神经网络的机器学习方法。',
  '训练大模型需要大量的计算资源和存储空间。',
  '图像识别和目标检测是计算机视觉的任务。',
  'GPT-3是OpenAI发布的语言模型，拥有大量参数。',
  '大模型的参数数量决定了它的能力。',
  '这款软件可以自动整理数据。',
  '读者可以把这些知识用于工作。',
];

describe('searchPassages', () => {
  it('finds a Taiwan word through its Mainland word, and marks it', () => {
    const search = corpus(filler);
    const [first] = search('這款軟體能整理資料嗎？');
    expect(first.text).toBe('这款软件可以自动整理数据。');
    expect(first.marked.join(' ')).toMatch(/软件.*数据/);
  });

  it('finds a word typed with a same-pinyin typo (神经网落 for 神经网络)', () => {
    const search = corpus(filler);
    const [first] = search('神经网落是什么');
    expect(first.text).toContain('神经网络');
    expect(first.marked.join(' ')).toContain('网络');
  });

  it('ranks a bridged match below a direct one', () => {
    const search = corpus(['这套软体是台湾写法。', '这套软件是大陆写法。', ...filler]);
    const results = search('軟體');
    expect(results[0].text).toBe('这套软体是台湾写法。');
    const bridged = results.find((r) => r.text === '这套软件是大陆写法。');
    expect(bridged).toBeDefined();
    expect(bridged!.score).toBeLessThan(results[0].score);
  });

  it('answers an A-not-A question like the plain one', () => {
    const search = corpus([...filler, '人工智能可能会让部分人失业。']);
    expect(search('人工智能会不会让人失业啊')[0]?.text).toBe('人工智能可能会让部分人失业。');
  });

  it('finds the question in the middle of a chat message', () => {
    const search = corpus(filler);
    const message = '大家好，我刚进群。想请教一下：训练大模型需要多少计算资源？公司在考虑预算，谢谢各位！';
    expect(search(message)[0]?.text).toBe('训练大模型需要大量的计算资源和存储空间。');
  });

  it('does not let chat words the passages lack sink a question whose other words match', () => {
    const search = corpus(filler);
    expect(search('训练大模型是不是特别吃计算资源啊，老板天天催')[0]?.text).toBe('训练大模型需要大量的计算资源和存储空间。');
  });

  it('gives no results for a near-topic question about a name the passages lack', () => {
    const search = corpus(filler);
    expect(search('GPT-4有多少参数')).toEqual([]);
    expect(search('RLHF 到底是啥意思啊')).toEqual([]);
    expect(search('GPT-3有多少参数')[0]?.text).toContain('GPT-3');
  });

  it('gives no results for a compound whose head word the passages lack (知识 of 知识蒸馏 is not it)', () => {
    const search = corpus(filler);
    expect(search('知识蒸馏是怎么回事').map((r) => r.text)).toEqual([]);
    expect(search('这些知识能用在哪')[0]?.text).toBe('读者可以把这些知识用于工作。');
  });

  it('answers an English question over Chinese passages on the names it holds, as BM25 would', () => {
    const search = corpus([...filler, '人工智能（AI）已经成为我们生活中的一部分。', 'AI可以帮助医生诊断疾病。']);
    expect(search('Has AI already become part of everyday life?').map((r) => r.text)).toContain('人工智能（AI）已经成为我们生活中的一部分。');
    expect(search('How do I bake bread?')).toEqual([]);
    expect(search('What is RLHF?')).toEqual([]);
  });

  it('bridges an acronym and its written-out name through an alias the passages give', () => {
    const search = corpus([...filler, '自然语言处理（NLP）研究计算机与人类语言。', '自然语言处理可以生成文本。']);
    const texts = search('NLP能生成文本吗').map((r) => r.text);
    expect(texts[0]).toBe('自然语言处理可以生成文本。');
    expect(search('Can natural language processing generate text?').map((r) => r.text)).toContain('自然语言处理可以生成文本。');
  });
});
