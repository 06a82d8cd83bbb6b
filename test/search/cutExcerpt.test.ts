import { describe, expect, it } from 'vitest';
import { cutExcerpt } from '../../src/search/cutExcerpt.ts';
import { tokenize } from '../../src/search/tokenize.ts';
import { codePointLength } from '../../src/text/codePoints.ts';
import { foldForMatching } from '../../src/text/foldText.ts';

function excerptFor(text: string, queryTerms: string[], maxLength?: number) {
  const weights = new Map(queryTerms.map((t) => [t, 1]));
  const matches = tokenize(foldForMatching(text)).filter((t) => weights.has(t.term));
  return cutExcerpt({ text, matches, weights, maxLength });
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `这是第${i + 1}句没有关系的填充文字，用来把段落变长。`).join('');

describe('cutExcerpt', () => {
  it('quotes at most 200 code points, cut at sentence boundaries, around the match', () => {
    const text = `${filler(6)}深度学习是一种基于多层神经网络的机器学习方法。${filler(6)}`;
    const excerpt = excerptFor(text, ['深度', '度学', '学习']);
    expect(codePointLength(excerpt.text)).toBeLessThanOrEqual(200);
    expect(excerpt.text).toContain('深度学习是一种基于多层神经网络的机器学习方法。');
    expect(excerpt.text.startsWith('深度学习') || excerpt.text.startsWith('这是')).toBe(true);
    expect(excerpt.text.endsWith('。')).toBe(true);
  });

  it('cuts a sentence too long to quote at clause boundaries', () => {
    const clause = '这是一个很长的分句，';
    const text = `${clause.repeat(30)}深度学习在这里，${clause.repeat(30)}。`;
    const excerpt = excerptFor(text, ['深度', '度学', '学习']);
    expect(codePointLength(excerpt.text)).toBeLessThanOrEqual(200);
    expect(excerpt.text).toContain('深度学习在这里，');
    expect(excerpt.text.endsWith('，') || excerpt.text.endsWith('。')).toBe(true);
  });

  it('gives match offsets in code points, merged where bigrams overlap', () => {
    const text = '𠀀𠀁的深度学习很有用。';
    const excerpt = excerptFor(text, ['深度', '度学', '学习']);
    expect(excerpt.matches).toEqual([[3, 7]]);
    expect([...excerpt.text].slice(3, 7).join('')).toBe('深度学习');
  });

  it('never splits a surrogate pair when it must cut hard', () => {
    const text = '𠀀'.repeat(300);
    const excerpt = excerptFor(text, ['𠀀𠀀']);
    expect(codePointLength(excerpt.text)).toBeLessThanOrEqual(200);
    expect(excerpt.text).not.toMatch(/[\ud800-\udbff]$/);
    expect(excerpt.text).toBe('𠀀'.repeat(200));
  });

  it('respects a smaller limit', () => {
    const excerpt = excerptFor(`${filler(3)}关键词出现在这里。`, ['关键'], 40);
    expect(codePointLength(excerpt.text)).toBeLessThanOrEqual(40);
    expect(excerpt.text).toContain('关键词');
  });

  it('ends a hard slice at the last space of its second half, and nowhere earlier', () => {
    // The text's first two letters are what the question asks: the window quoting them is the first slice.
    const firstSlice = (text: string) =>
      cutExcerpt({ text, matches: [{ term: 'ab', start: 0, end: 2 }], weights: new Map([['ab', 1]]), maxLength: 10 }).text;
    expect(firstSlice('abc defgh ijklmnop')).toBe('abc defgh');
    expect(firstSlice('abcdefghij klmnop')).toBe('abcdefghij');
    expect(firstSlice('ab cdefghijklmnop')).toBe('ab cdefghi');
  });

  it('cuts a text of a million hard slices without overflowing the stack', () => {
    const excerpt = cutExcerpt({ text: 'x'.repeat(1_000_000), matches: [], weights: new Map(), maxLength: 1 });
    expect(excerpt.text).toBe('x');
  });
});
