import { describe, expect, it } from 'vitest';
import { FoldedKey, keyOfFolded } from '../../src/corpus/nearDuplicates.ts';
import { foldForMatching } from '../../src/text/foldText.ts';

describe('the key of a span cut from its paragraph key', () => {
  const texts = [
    '深度学习是机器学习的一个分支。它使用多层神经网络，学习数据的表示！',
    'GPT-4 was released in 2023. It is a large language model, trained on text.',
    // Astral characters, a lone high surrogate before a letter and at the end, format characters.
    '𝐀𝐁 数学符号😀很常见。\ud83da 未配对\u200b的代理，结尾\ud83d',
    '　，。！？',
  ];

  it.each(texts)('is keyOfFolded of the span itself, for every span of %s', (text) => {
    const folded = foldForMatching(text);
    const key = new FoldedKey(folded);
    expect(key.key).toBe(keyOfFolded(folded));
    for (let start = 0; start <= folded.length; start++) {
      for (let end = start; end <= folded.length; end++) expect(key.keyOf(start, end)).toBe(keyOfFolded(folded.slice(start, end)));
    }
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
    expect(new FoldedKey(folded).key).toBe(keptCodePoints(folded));
  });
});
