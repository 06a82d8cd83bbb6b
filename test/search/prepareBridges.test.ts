/** Preparing the bridges ahead (the desk worker does it before the first question) changes no answer. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/search/analyzeQuery.ts';
import { bridgeQuery, prepareBridges } from '../../src/search/bridgeQuery.ts';
import { PassageIndex } from '../../src/search/passageIndex.ts';
import { DEFAULT_RANKING } from '../../src/search/rankingOptions.ts';

const passages = ['自然语言处理（NLP）让机器理解人类语言。', '神经网络由许多神经元组成。', 'Transformer（变换器）是一种模型。'];
const build = (): PassageIndex => PassageIndex.build(passages.map((text) => ({ text, heading: '' })));
const bridgedTerms = (index: PassageIndex, query: string): string[] =>
  bridgeQuery(analyzeQuery(query), index, DEFAULT_RANKING)
    .terms.filter((t) => t.bridge !== undefined)
    .map((t) => `${t.bridge!.kind}:${t.term}`);

describe('prepareBridges', () => {
  it('gives every query the bridged terms it gets without it: aliases either way, same-pinyin words', () => {
    const prepared = build();
    prepareBridges(prepared);
    const unprepared = build();
    for (const query of ['NLP能做什么', '自然语言处理是什么', '变换器是什么', '神经网落是什么']) {
      expect(bridgedTerms(prepared, query), query).toEqual(bridgedTerms(unprepared, query));
    }
    expect(bridgedTerms(prepared, 'NLP能做什么')).toContain('alias:自然');
    expect(bridgedTerms(prepared, '神经网落是什么')).toContain('homophone:网络');
  });
});
