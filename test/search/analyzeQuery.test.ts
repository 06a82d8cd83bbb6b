import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/search/analyzeQuery.ts';

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

  it('searches the question of a long pasted message', () => {
    const message = `${'我们今天开了一个很长的会，讨论了很多事情。'.repeat(6)}请问大模型需要多少计算资源？谢谢。`;
    expect(analyzeQuery(message).folded).toBe(analyzeQuery('请问大模型需要多少计算资源？').folded);
  });

  it('drops chat wording: colloquial question words, fillers, frames and particles', () => {
    expect(terms('为啥大模型要用GPU')).toEqual(terms('为什么大模型要用GPU'));
    expect(terms('有大佬知道DeepMind是哪家公司的吗')).toEqual(terms('DeepMind是哪家公司的'));
    expect(terms('大模型到底一般是基于啥技术呀')).toEqual(terms('大模型是基于什么技术'));
    expect(analyzeQuery('AlphaGo是哪年出来的呀').answerKind).toBe('time');
    expect(analyzeQuery('为啥要用GPU').answerKind).toBe(analyzeQuery('为什么要用GPU').answerKind);
  });

  it('drops A-not-A forms, which only ask "is it so"', () => {
    expect(terms('AI会不会让人失业')).toEqual(terms('AI让人失业'));
    expect(terms('大模型是不是研究的重点')).toEqual(terms('大模型，研究的重点'));
    expect(terms('有没有能总结文章的应用')).toEqual(terms('能总结文章的应用'));
  });

  it('keeps content words that hold a particle character', () => {
    expect(terms('哈希表是什么')).toContain('哈希');
  });

  it('marks names, acronyms and numbers as typed as key terms, ordinary words not', () => {
    const key = (q: string) => analyzeQuery(q).terms.filter((t) => t.key).map((t) => t.term);
    expect(key('RLHF 是什么')).toEqual(['rlhf']);
    expect(key('Has AI become part of everyday life?')).toEqual(['ai']);
    expect(key('What did Hinton propose in 2006?')).toEqual(['hinton', '2006']);
    expect(key('深度学习的应用')).toEqual([]);
  });
});
