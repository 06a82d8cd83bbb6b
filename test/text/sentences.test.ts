import { describe, expect, it } from 'vitest';
import { clauseSpans, endsWithSentenceTerminator, sentenceSpans } from '../../src/text/sentences.ts';

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
