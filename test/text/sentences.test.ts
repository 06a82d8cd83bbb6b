import { describe, expect, it } from 'vitest';
import { clauseSpans, cutLongSpan, endsWithSentenceTerminator, sentenceSpans } from '../../src/text/sentences.ts';

const pieces = (text: string, spans: Array<{ start: number; end: number }>): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('sentenceSpans', () => {
  it('splits Chinese at 。！？； and keeps closing quotes with their sentence', () => {
    const text = '他说：“好。”然后走了！真的吗？是的；再见。';
    expect(pieces(text, sentenceSpans(text))).toEqual(['他说：“好。”', '然后走了！', '真的吗？', '是的；', '再见。']);
  });

  it('splits English at periods before a capital and at ! and ?, not inside numbers or after initials', () => {
    const text = 'GPT-3.5 is big. It was made by J. Smith in 2020! Was it? yes.';
    expect(pieces(text, sentenceSpans(text))).toEqual(['GPT-3.5 is big.', 'It was made by J. Smith in 2020!', 'Was it?', 'yes.']);
  });

  it('treats a line break as a boundary', () => {
    expect(pieces('第一行\n第二行', sentenceSpans('第一行\n第二行'))).toEqual(['第一行', '第二行']);
  });
});

describe('clauseSpans', () => {
  it('also cuts at Chinese and English commas', () => {
    const text = '首先，我们读书，然后写作。First, we read, then write.';
    expect(pieces(text, clauseSpans(text))).toEqual(['首先，', '我们读书，', '然后写作。', 'First,', 'we read,', 'then write.']);
  });
});

describe('endsWithSentenceTerminator', () => {
  it('knows a finished sentence from a cut-off one', () => {
    expect(endsWithSentenceTerminator('这是一个里程碑。')).toBe(true);
    expect(endsWithSentenceTerminator('他说“好。”')).toBe(true);
    expect(endsWithSentenceTerminator('这一成果被认为是人工智能')).toBe(false);
  });

  it('reads past closing quotes, brackets and trailing white space, and nothing else', () => {
    for (const text of ['Done.', 'Done.) ', '完了！」』\n', '（完）。】\u3000', '好？！', 'x；', '……']) expect(endsWithSentenceTerminator(text)).toBe(true);
    for (const text of ['', ' ', '”', '完了。x', '完了。😀', 'Done.\u200b', '完了，', '\ud83d']) expect(endsWithSentenceTerminator(text)).toBe(false);
  });
});

describe('cutLongSpan', () => {
  const cut = (text: string, maxUnits: number, verbatim = false, firstUnits?: number): string[] =>
    pieces(text, cutLongSpan(text, { start: 0, end: text.length }, maxUnits, verbatim, firstUnits));

  it('leaves a span within the window whole', () => {
    expect(cut('深度学习', 10)).toEqual(['深度学习']);
  });

  it('cuts after the last clause mark in the window, with the closing quote after it', () => {
    expect(cut('一二三，四五六七、八九十：甲乙丙', 10)).toEqual(['一二三，四五六七、', '八九十：甲乙丙']);
    expect(cut('他说我们“好，”然后走开了再也没有回来', 12)).toEqual(['他说我们“好，”', '然后走开了再也没有回来']);
    expect(cut('first part, second; third part here', 24)).toEqual(['first part, second;', 'third part here']);
  });

  it('does not cut at a comma or colon inside a number or a time', () => {
    expect(cut('costs 1,000 at 12:30 then more', 14)).toEqual(['costs 1,000 at', '12:30 then', 'more']);
  });

  it('cuts prose at white space, trimming it, and code after it, keeping it', () => {
    expect(cut('lorem ipsum dolor sit amet', 12)).toEqual(['lorem ipsum', 'dolor sit', 'amet']);
    expect(cut('a = b +  c * d', 8, true)).toEqual(['a = b + ', ' c * d']);
  });

  it('cuts between two Chinese characters, or between Chinese and a word, rather than inside a word', () => {
    expect(cut('深度学习是机器学习的分支', 5)).toEqual(['深度学习是', '机器学习的', '分支']);
    expect(cut('深度学习abcdefgh', 10)).toEqual(['深度学习', 'abcdefgh']);
    expect(cut('ab cdefghijklm', 10)).toEqual(['ab', 'cdefghijkl', 'm']);
    expect(cut('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });

  it('never cuts a surrogate pair or a letter from its combining marks, whatever the window', () => {
    const astral = `a${'𠀀'.repeat(20)}`;
    for (const maxUnits of [6, 7, 8, 9]) {
      const cutPieces = cut(astral, maxUnits);
      expect(cutPieces.join('')).toBe(astral);
      for (const piece of cutPieces) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(piece)).toBe(false);
    }
    const marked = 'q\u0323\u0301'.repeat(20);
    for (const maxUnits of [4, 5, 7, 8]) {
      const cutPieces = cut(marked, maxUnits);
      expect(cutPieces.join('')).toBe(marked);
      for (const piece of cutPieces) expect(piece.startsWith('q')).toBe(true);
    }
    const flags = '🇫🇷🇩🇪'.repeat(10);
    for (const piece of cut(flags, 6)) expect(piece.length % 4).toBe(0);
  });

  it('cuts a grapheme cluster longer than the window between code points', () => {
    const zalgo = `a${'\u0301'.repeat(300)}`;
    const cutPieces = cut(zalgo, 100);
    expect(cutPieces.join('')).toBe(zalgo);
    for (const piece of cutPieces) expect(piece.length).toBeLessThanOrEqual(100);
  });

  it('fits the first piece into what is left of a chunk', () => {
    expect(cut('深度学习是机器学习的分支', 5, false, 3)).toEqual(['深度学', '习是机器学', '习的分支']);
  });
});
