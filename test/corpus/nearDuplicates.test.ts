import { describe, expect, it } from 'vitest';
import { keyOfFolded, keysOfSpans, SeenText } from '../../src/corpus/nearDuplicates.ts';
import { foldForMatching } from '../../src/text/foldText.ts';
import { sentenceSpans } from '../../src/text/sentences.ts';

describe('the keys of a paragraph and of its sentences', () => {
  const texts = [
    '深度学习是机器学习的一个分支。它使用多层神经网络，学习数据的表示！',
    'GPT-4 was released in 2023. It is a large language model, trained on text.\nA second line… and more',
    // Astral characters, a lone high surrogate before a letter, before a line break and at the end, format characters.
    '𝐀𝐁 数学符号😀很常见。\ud83da 未配对\u200b的代理\ud83d\n下一行，结尾\ud83d',
    '　，。！？',
    ' \u3000 \u00a0\t',
    '',
  ];

  it.each(texts)('are keyOfFolded of the paragraph and of each sentence of %j', (text) => {
    const folded = foldForMatching(text);
    const spans = sentenceSpans(text);
    const { key, spanKeys } = keysOfSpans(folded, spans);
    expect(key).toBe(keyOfFolded(folded));
    expect(spanKeys).toEqual(spans.map((span) => keyOfFolded(folded.slice(span.start, span.end))));
  });

  it.each(['a\udc00b。😀c，𝐀！', '𝐀𝐁 数学\udc00符号😀很常见。\n第二行 😀。', '中文😀'])('are keyOfFolded of each sentence of %j as it is, unpaired low surrogates kept', (text) => {
    const spans = sentenceSpans(text);
    const { key, spanKeys } = keysOfSpans(text, spans);
    expect(key).toBe(keyOfFolded(text));
    expect(spanKeys).toEqual(spans.map((span) => keyOfFolded(text.slice(span.start, span.end))));
  });

  it('read a lone high surrogate with the unit after it, even across a sentence boundary', () => {
    // Folding turns a lone surrogate into U+FFFD; keys of text that holds one are still defined.
    const text = '甲\ud83d\n乙\ud83d，丙\ud83d';
    const { key, spanKeys } = keysOfSpans(text, sentenceSpans(text));
    expect(key).toBe('甲乙丙\ud83d');
    expect(spanKeys).toEqual(['甲\ud83d', '乙丙\ud83d']);
  });
});

describe('the matching key of folded text', () => {
  /** The rule itself, one code point at a time: no white space, punctuation or symbol. */
  const keptCodePoints = (folded: string): string => Array.from(folded).filter((char) => !/[\s\p{P}\p{S}]/u.test(char)).join('');

  it.each([
    '深度学习是机器学习的一个分支。它使用多层神经网络，学习数据的表示！',
    'gpt-4 was released in 2023. it is a large language model (llm), trained on text…',
    '价格：$100 + ￥50 = ？ ©2024 «引文» 【注】',
    '𝐀𝐁 数学符号😀很常见。',
  ])('keeps every letter, digit and mark of %s and nothing else, with or without surrogates in it', (text) => {
    const folded = foldForMatching(text);
    expect(keyOfFolded(folded)).toBe(keptCodePoints(folded));
  });
});

describe('keys seen in a document', () => {
  /** 20 letters from i to y, pseudo-random from n: two tails differ in nearly every place. */
  const tail = (n: number): string => {
    let state = (n + 1) * 2654435761;
    return Array.from({ length: 20 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(0x69 + ((state >>> 16) % 17));
    }).join('');
  };
  const sharingPrefix = (n: number): string => `abcdefgh${tail(n)}`;
  /** The key with one of its last letters (1 the last, 2 the one before) changed to z, a letter no tail has: one edit, a new suffix, the same prefix. */
  const lastChanged = (key: string, fromEnd: 1 | 2): string => `${key.slice(0, key.length - fromEnd)}z${key.slice(key.length - fromEnd + 1)}`;

  it('finds a repeat exactly, and a near one by a shared prefix', () => {
    const seen = new SeenText();
    expect(seen.check(sharingPrefix(0))).toBeUndefined();
    expect(seen.check(sharingPrefix(0))).toBe('duplicate');
    expect(seen.check(lastChanged(sharingPrefix(0), 1))).toBe('nearDuplicate');
  });

  it('keeps the 16 most recent keys of a prefix as candidates, however many came before', () => {
    const seen = new SeenText();
    for (let n = 0; n < 16; n++) expect(seen.check(sharingPrefix(n))).toBeUndefined();
    // The oldest is still a candidate while 15 newer ones share its prefix …
    expect(seen.check(lastChanged(sharingPrefix(0), 1))).toBe('nearDuplicate');
    // … and no longer once a 16th does; its exact repeat is still found.
    expect(seen.check(sharingPrefix(16))).toBeUndefined();
    expect(seen.check(lastChanged(sharingPrefix(0), 2))).toBeUndefined();
    expect(seen.check(sharingPrefix(0))).toBe('duplicate');
    for (let n = 17; n < 40; n++) seen.check(sharingPrefix(n));
    expect(seen.check(lastChanged(sharingPrefix(39), 1))).toBe('nearDuplicate');
    expect(seen.check(lastChanged(sharingPrefix(24), 1))).toBe('nearDuplicate');
    expect(seen.check(lastChanged(sharingPrefix(23), 1))).toBeUndefined();
  });
});
