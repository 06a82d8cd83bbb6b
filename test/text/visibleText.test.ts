import { describe, expect, it } from 'vitest';
import { visibleLine, visibleLines } from '../../src/text/visibleText.ts';

describe('visibleLine', () => {
  it('shows ESC, BEL, CR, DEL and C1 controls escaped instead of raw', () => {
    expect(visibleLine('a\x1b[31mred\x07\rb\x7f\x9b')).toBe('a\\x1b[31mred\\x07\\rb\\x7f\\x9b');
  });

  it('escapes newlines, line separators and bidirectional overrides, so one line stays one line and reads as stored', () => {
    expect(visibleLine('a\nb\u2028c\u202ed\u2066')).toBe('a\\nb\\u2028c\\u202ed\\u2066');
  });

  it('escapes lone surrogates but keeps pairs, Chinese text and emoji', () => {
    expect(visibleLine('深度\ud800学习😀\udc00')).toBe('深度\\ud800学习😀\\udc00');
  });
});

describe('visibleLines', () => {
  it('keeps line breaks and escapes every other control character', () => {
    expect(visibleLines('usage:\n  x\x1b[2J\ty')).toBe('usage:\n  x\\x1b[2J\\ty');
  });
});
