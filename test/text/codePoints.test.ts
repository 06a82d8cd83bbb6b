import { describe, expect, it } from 'vitest';
import { codePointLength, splitsSurrogatePair, takeCodePoints, toCodePointOffset } from '../../src/text/codePoints.ts';

describe('code points', () => {
  it('counts astral characters once', () => {
    expect(codePointLength('a𠀀b')).toBe(3);
    expect(toCodePointOffset('a𠀀b', 3)).toBe(2);
  });

  it('never takes half of a surrogate pair', () => {
    expect(takeCodePoints('𠀀𠀁𠀂', 2)).toBe('𠀀𠀁');
    expect(splitsSurrogatePair('𠀀', 1)).toBe(true);
    expect(splitsSurrogatePair('ab', 1)).toBe(false);
  });
});
