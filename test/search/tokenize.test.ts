import { describe, expect, it } from 'vitest';
import { runTerm, scanIndexTerms, shortTermKey, shortTermOf, termsOf, tokenize } from '../../src/search/tokenize.ts';
import { foldForMatching } from '../../src/text/foldText.ts';

const terms = (text: string) => tokenize(foldForMatching(text)).map((t) => t.term);

describe('tokenize', () => {
  it('turns a run of Han characters into overlapping bigrams', () => {
    expect(terms('深度学习')).toEqual(['深度', '度学', '学习']);
  });

  it('keeps a lone Han character as a unigram', () => {
    expect(terms('GPT-3是OpenAI于2020年')).toEqual(['gpt', '3', '是', 'openai', '于', '2020', '年']);
  });

  it('gives gpt3, GPT 3, GPT-3 and ＧＰＴ－３ the same terms', () => {
    for (const text of ['gpt3', 'GPT 3', 'GPT-3', 'ＧＰＴ－３']) expect(terms(text)).toEqual(['gpt', '3']);
  });

  it('does not split years into digit triplets', () => {
    expect(terms('2012年')).toEqual(['2012', '年']);
  });

  it('stems English words so plural and singular meet', () => {
    expect(terms('Models running')).toEqual(terms('model run'));
  });

  it('reports offsets that point into the original text', () => {
    const text = 'ＡＩ大模型';
    const tokens = tokenize(foldForMatching(text));
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['ＡＩ', '大模', '模型']);
  });

  it('finds no terms in punctuation and emoji', () => {
    expect(terms('！？…😀🎉')).toEqual([]);
  });
});

describe('the terms indexing reads', () => {
  const samples = ['深度学习是机器学习的一个分支', '𠀀𠀁 深\u200b度学习 GPT-4 2023 ab a 学', 'café naïve 東京タワー ｶﾀｶﾅ', '好'];

  it.each(samples)('are the terms of %s, short ones given by key', (text) => {
    const folded = foldForMatching(text);
    const seen: string[] = [];
    scanIndexTerms(folded, {
      visitKey: (key) => seen.push(shortTermOf(key)),
      visitRun: (run, letters) => seen.push(runTerm(run, letters)),
      visitTerm: (term) => seen.push(term),
    });
    expect(seen).toEqual(termsOf(folded));
  });

  it('key a short term so that the key gives the term back, and no other term the same key', () => {
    const short = ['学', 'a', '深度', 'ab', '3', '20'];
    const keys = short.map(shortTermKey);
    expect(keys.map(shortTermOf)).toEqual(short);
    expect(new Set(keys).size).toBe(short.length);
    for (const long of ['学习者', '𠀀', 'abc', '']) expect(shortTermKey(long)).toBe(0);
  });
});
