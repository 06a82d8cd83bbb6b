import { describe, expect, it } from 'vitest';
import { analyzeQuery, questionPart } from '../../src/search/analyzeQuery.ts';

const terms = (q: string) => analyzeQuery(q).terms.map((t) => t.term);

describe('analyzeQuery', () => {
  it('removes question words without forming bigrams across them', () => {
    expect(terms('深度学习的定义是什么')).toEqual(['深度', '度学', '学习']);
  });

  it('removes question words the segmenter glued to a neighbour', () => {
    expect(terms('渡川之战发生于什么时候？')).toEqual(['渡川', '川之', '之战', '战发', '发生', '生于']);
  });

  it('removes English stop words', () => {
    expect(terms('What is the capital of France?')).toEqual(['capit', 'franc']);
  });

  it('still searches a query made only of stop words', () => {
    expect(terms('是什么')).not.toEqual([]);
  });

  it('recognizes what kind of answer a question asks for', () => {
    expect(analyzeQuery('渡川之战发生于什么时候？').answerKind).toBe('time');
    expect(analyzeQuery('深度学习理论是谁提出的').answerKind).toBe('person');
    expect(analyzeQuery('AI大模型需要多少计算资源？').answerKind).toBe('number');
    expect(analyzeQuery('什么是大模型').answerKind).toBe('definition');
    expect(analyzeQuery('Who wrote Hamlet?').answerKind).toBe('person');
  });

  it('folds Traditional queries to Simplified terms', () => {
    expect(terms('深度學習')).toEqual(terms('深度学习'));
  });

  it('takes the question out of a long pasted message, and leaves short queries whole', () => {
    const message = `${'我们今天开了一个很长的会，讨论了很多事情。'.repeat(6)}请问大模型需要多少计算资源？谢谢。`;
    expect(questionPart(message)).toBe('请问大模型需要多少计算资源？');
    expect(questionPart('GPU 是什么？ 为什么需要？')).toBe('GPU 是什么？ 为什么需要？');
    expect(questionPart('没有问号的长消息。'.repeat(20))).toBe('没有问号的长消息。'.repeat(20));
  });
});
