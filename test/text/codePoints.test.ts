import { describe, expect, it } from 'vitest';
import { codePointLength, codePointPrefix, splitsSurrogatePair, takeCodePoints, toCodePointOffset } from '../../src/text/codePoints.ts';

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

  it('measures any slice with a prefix table', () => {
    const text = 'a𠀀b深';
    const prefix = codePointPrefix(text);
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) continue;
        expect(prefix[end] - prefix[start]).toBe(codePointLength(text.slice(start, end)));
      }
    }
  });
});
