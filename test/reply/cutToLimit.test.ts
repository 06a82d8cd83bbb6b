import { describe, expect, it } from 'vitest';
import { cutToLimit } from '../../src/reply/cutToLimit.ts';

const codePoints = (text: string): number => [...text].length;

describe('cutToLimit', () => {
  it('leaves text within the limit untouched', () => {
    expect(cutToLimit('大模型很大。', 6)).toBe('大模型很大。');
  });

  it('ends a cut Chinese text at the last full sentence when one is near', () => {
    const text = '第一句话在这里。第二句话也在这里。第三句话被截断了';
    const cut = cutToLimit(text, 20);
    expect(cut).toBe('第一句话在这里。第二句话也在这里。…');
    expect(codePoints(cut)).toBeLessThanOrEqual(20);
  });

  it('falls back to a clause boundary when no sentence ends near the limit', () => {
    const text = '这是一个很长的句子，没有句号，一直写下去直到超过限制为止';
    const cut = cutToLimit(text, 18);
    expect(cut).toBe('这是一个很长的句子，没有句号，…');
  });

  it('cuts English at a sentence, then at a space', () => {
    expect(cutToLimit('One sentence here. Another one follows and goes on', 30)).toBe('One sentence here.…');
    expect(cutToLimit('no punctuation at all just many words in a row', 20)).toBe('no punctuation at…');
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const text = '😀'.repeat(10);
    const cut = cutToLimit(text, 5);
    expect(cut).toBe('😀😀😀😀…');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/u);
  });

  it('counts the ellipsis in the limit and accepts another one', () => {
    const cut = cutToLimit('abcdefghij', 6, { ellipsis: '[…]' });
    expect(cut).toBe('abc[…]');
    expect(cutToLimit('abcdefghij', 4, { ellipsis: '' })).toBe('abcd');
  });

  it('ignores boundaries so early that most of the room would be lost', () => {
    const text = '短。' + '长'.repeat(40);
    expect(codePoints(cutToLimit(text, 30))).toBe(30);
  });
});
