import { describe, expect, it } from 'vitest';
import { keyOfFolded, keysOfSpans } from '../../src/corpus/nearDuplicates.ts';
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
