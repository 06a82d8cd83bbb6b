/** The same-pinyin bridge on pinyin-pro's table of every Han character: which of the documents' bigrams it offers. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/search/analyzeQuery.ts';
import { bridgeQuery } from '../../src/search/bridgeQuery.ts';
import { PassageIndex } from '../../src/search/passageIndex.ts';
import { DEFAULT_RANKING } from '../../src/search/rankingOptions.ts';

const homophones = (passages: string[], query: string): string[] =>
  bridgeQuery(analyzeQuery(query), PassageIndex.build(passages.map((text) => ({ text, heading: '' }))), DEFAULT_RANKING)
    .terms.filter((t) => t.bridge?.kind === 'homophone')
    .map((t) => t.term);

describe('the same-pinyin bridge', () => {
  it('offers the bigrams the documents hold that sound like one they lack, most frequent first', () => {
    expect(homophones(['神经网络很强大。', '神经网络和网络。', '网罗人才。'], '神经网落')).toEqual(['网络', '网罗']);
  });

  it('offers nothing for a bigram the documents hold, or one no held bigram sounds like', () => {
    expect(homophones(['神经网络很强大。'], '神经网络')).toEqual([]);
    expect(homophones(['神经网络很强大。'], '天气晴朗')).toEqual([]);
  });

  it('counts a character beyond the BMP (𫖮, yi) only where a passage holds it alone, as the per-index table did', () => {
    expect(homophones(['𫖮字很少见。'], '乙字')).toEqual([]);
    expect(homophones(['𫖮字很少见。', '𫖮'], '乙字')).toEqual(['𫖮字']);
  });
});
