import { describe, expect, it } from 'vitest';
import { UnitScratch } from '../../src/text/unitScratch.ts';

describe('UnitScratch', () => {
  const write = (scratch: UnitScratch, text: string): string => {
    const units = scratch.reserve(text.length);
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    return scratch.stringOf(text.length);
  };

  it('makes the units written into a string, one text after another', () => {
    const scratch = new UnitScratch();
    expect(write(scratch, '深度学习 deep learning')).toBe('深度学习 deep learning');
    expect(write(scratch, '短')).toBe('短');
    expect(write(scratch, '')).toBe('');
  });

  it('keeps unpaired surrogates as they are', () => {
    expect(write(new UnitScratch(), 'a\ud800b\udc00😀')).toBe('a\ud800b\udc00😀');
  });

  it('takes texts longer than the buffer it reuses, and shorter ones after them', () => {
    const scratch = new UnitScratch();
    const long = '长文本'.repeat(30_000);
    expect(write(scratch, long)).toBe(long);
    expect(write(scratch, '之后')).toBe('之后');
  });
});
