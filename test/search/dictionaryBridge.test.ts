/**
 * The dictionary bridges (bridgeQuery): a word the passages lack, for the words they hold that
 * share an English sense with it; an English word, for the Chinese words whose sense it is.
 * On small passages and a few dictionary entries of their own; the last test runs the whole query
 * path on the real CC-CEDICT.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, type QueryTerm } from '../../src/search/analyzeQuery.ts';
import { bridgeQuery } from '../../src/search/bridgeQuery.ts';
import { Dictionary, dictionaryTable } from '../../src/search/dictionary.ts';
import { PassageIndex } from '../../src/search/passageIndex.ts';
import { rankPassages } from '../../src/search/rankPassages.ts';
import { DEFAULT_RANKING } from '../../src/search/rankingOptions.ts';
import { searchPassages } from '../../src/search/searchPassages.ts';

const fixture = Dictionary.fromTable(
  dictionaryTable(
    [
      { simplified: '照片', english: ['photograph', 'picture'] },
      { simplified: '图像', english: ['image; picture; graphic'] },
      { simplified: '翻', english: ['to turn over', 'to translate'] },
      { simplified: '翻译', english: ['to translate', 'translation'] },
      { simplified: '转', english: ['to turn', 'to shift'] },
      { simplified: '生成', english: ['to generate; to produce'] },
      { simplified: '文本', english: ['(computing) text'] },
      { simplified: '识别', english: ['to distinguish; to recognize'] },
      { simplified: '和数', english: ['sum'] },
      { simplified: '总结', english: ['to sum up', 'summary'] },
      { simplified: '摘要', english: ['summary', 'abstract'] },
    ],
    'fixture',
  ),
);

const passages = [
  '图像识别是计算机视觉的任务。',
  '机器翻译实现不同语言之间的自动翻译。',
  '大模型可以生成高质量的文本。',
  '随着计算能力和数据规模的增长，模型越来越大。',
  '文本摘要把长文变短。',
  '这台机器可以转动。',
];
const index = PassageIndex.build(passages.map((text) => ({ text, heading: '' })));

function bridged(query: string, corpus: PassageIndex = index): QueryTerm[] {
  return bridgeQuery(analyzeQuery(query), corpus, DEFAULT_RANKING, () => fixture).terms.filter((t) => t.bridge !== undefined);
}

const words = (terms: QueryTerm[], kind: string): string[] => terms.filter((t) => t.bridge!.kind === kind).map((t) => t.term);

describe('the dictionary bridge', () => {
  it('stands a word the passages lack for a word they hold that shares a sense (照片 → 图像: picture)', () => {
    const terms = bridged('照片识别');
    expect(words(terms, 'dictionary')).toEqual(['图像']);
    expect(terms[0].bridge!.stands).toEqual(['照片']);
    expect(terms[0].weight).toBeLessThan(1);
    expect(rankPassages(index, bridgeQuery(analyzeQuery('照片识别'), index, DEFAULT_RANKING, () => fixture))[0].id).toBe(0);
  });

  it('cuts a word the dictionary lacks into words it has, and a one-character word bridges only to words holding it', () => {
    // 翻成 is not in the dictionary: 翻 is, and shares "translate" with 翻译; 转 (turn) does not hold 翻.
    expect(words(bridged('把中文翻成英文'), 'dictionary')).toEqual(['翻译']);
  });

  it('bridges only to words the passages hold as words (和数 is not a word of 和数据)', () => {
    expect(words(bridged('总结长文'), 'dictionary')).toEqual(['摘要']);
  });

  it('leaves a word the passages hold alone, and does not load the dictionary for it', () => {
    let loads = 0;
    const query = bridgeQuery(analyzeQuery('图像识别'), index, DEFAULT_RANKING, () => {
      loads++;
      return fixture;
    });
    expect(query.terms.some((t) => t.bridge !== undefined)).toBe(false);
    expect(loads).toBe(0);
  });

  it('answers an English word over Chinese passages with the words whose sense it is', () => {
    const terms = bridged('Can it generate text?');
    expect(words(terms, 'translation')).toEqual(['生成', '文本']);
    expect(terms.find((t) => t.term === '生成')!.bridge!.stands).toEqual(['gener']);
    expect(rankPassages(index, bridgeQuery(analyzeQuery('Can it generate text?'), index, DEFAULT_RANKING, () => fixture))[0].id).toBe(2);
  });

  it('finds the stem of another form of an English word (recognition → recognit, recognize → recogn)', () => {
    expect(words(bridged('image recognition'), 'translation')).toEqual(['图像', '识别']);
  });

  it('bridges nothing, and still answers, with the empty dictionary served when CC-CEDICT cannot be loaded', () => {
    const query = bridgeQuery(analyzeQuery('照片识别'), index, DEFAULT_RANKING, () => Dictionary.empty());
    expect(query.terms.filter((t) => t.bridge?.kind === 'dictionary' || t.bridge?.kind === 'translation')).toEqual([]);
    expect(rankPassages(index, query)[0].id).toBe(0);
  });

  it('does not translate English questions over passages that write English themselves', () => {
    const english = ['The model can generate text.', 'The text is long.', 'The image is large.'].map((text) => ({ text, heading: '' }));
    expect(bridged('Can it generate a summary?', PassageIndex.build(english))).toEqual([]);
  });
});

describe('the dictionary bridge on CC-CEDICT, through the whole query path', () => {
  it('quotes a passage through a synonym, marks the bridged word, and scores it below its own word', () => {
    const texts = ['图像识别是计算机视觉的任务。', '大模型需要大量的计算资源。', '读者可以把这些知识用于工作。'];
    const search = (query: string) => {
      const hits = searchPassages(PassageIndex.build(texts.map((text) => ({ text, heading: '' }))), texts.map((text) => ({ text })), query, { top: 3, offset: 0 }).hits;
      return hits.map((hit) => ({ text: texts[hit.id], score: hit.score, marked: hit.excerpt.matches.map(([start, end]) => [...hit.excerpt.text].slice(start, end).join('')) }));
    };
    const [bySynonym] = search('照片识别');
    const [direct] = search('图像识别');
    expect(bySynonym.text).toBe(texts[0]);
    expect(bySynonym.marked.join('')).toContain('图像');
    expect(direct.text).toBe(texts[0]);
    expect(bySynonym.score).toBeLessThan(direct.score);
  });
});
