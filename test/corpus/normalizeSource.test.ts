import { describe, expect, it } from 'vitest';
import { normalizeSource } from '../../src/corpus/normalizeSource.ts';

describe('normalizeSource', () => {
  it('drops a leading byte-order mark, and only that one', () => {
    expect(normalizeSource('\ufeff标题\ufeff')).toBe('标题\ufeff');
  });

  it('turns CRLF and lone CR line endings into \\n, keeping the line count', () => {
    expect(normalizeSource('一\r\n二\r三\n四')).toBe('一\n二\n三\n四');
    expect(normalizeSource('\r\n\r\n').split('\n')).toHaveLength(3);
  });

  it('composes to NFC', () => {
    expect(normalizeSource('Cafe\u0301')).toBe('Café');
  });

  it('gives text that needs none of it back as it is', () => {
    const text = '深度学习\n\nDeep learning.';
    expect(normalizeSource(text)).toBe(text);
  });
});
