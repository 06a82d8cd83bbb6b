import { describe, expect, it } from 'vitest';
import { emphasizeDocumentText, escapeDocumentText } from '../../src/discord/escapeDocumentText.ts';

describe('escapeDocumentText', () => {
  it('breaks @everyone and @here without changing what people read', () => {
    const escaped = escapeDocumentText('通知 @everyone 和 @here');
    expect(escaped).not.toMatch(/@everyone|@here/);
    expect(escaped.replaceAll('\u200b', '')).toBe('通知 @everyone 和 @here');
  });

  it('prints user, role and channel mentions, commands, emoji and timestamps literally', () => {
    for (const token of ['<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '</ask:1>', '<:pepe:1>', '<a:pepe:1>', '<t:1700000000:R>']) {
      expect(escapeDocumentText(`见 ${token}`)).toBe(`见 \\${token}`);
    }
  });

  it('escapes markdown: emphasis, code, code fences, spoilers, strikethrough', () => {
    expect(escapeDocumentText('**粗** _斜_ `code` ||秘密|| ~~删~~')).toBe('\\*\\*粗\\*\\* \\_斜\\_ \\`code\\` \\|\\|秘密\\|\\| \\~\\~删\\~\\~');
    expect(escapeDocumentText('```js\nx\n```')).toBe('\\`\\`\\`js\nx\n\\`\\`\\`');
  });

  it('escapes masked links so a document cannot disguise a URL', () => {
    expect(escapeDocumentText('[官方网站](https://evil.example)')).toBe('\\[官方网站](https://evil.example)');
  });

  it('escapes line-start markup: headings, lists, block quotes and subtext', () => {
    expect(escapeDocumentText('# 标题\n- 列表\n1. 编号\n> 引用\n>>> 多行\n-# 小字')).toBe('\\# 标题\n\\- 列表\n1\\. 编号\n\\> 引用\n\\>>> 多行\n\\-# 小字');
  });

  it('keeps backslashes literal', () => {
    expect(escapeDocumentText('C:\\path')).toBe('C:\\\\path');
  });

  it('leaves plain Chinese text and bare URLs alone', () => {
    expect(escapeDocumentText('大模型是指参数规模很大的神经网络模型。')).toBe('大模型是指参数规模很大的神经网络模型。');
    expect(escapeDocumentText('https://example.com/a_b_c')).toBe('https://example.com/a_b_c');
  });
});

describe('emphasizeDocumentText', () => {
  it('bolds code point ranges, also after characters outside the BMP', () => {
    expect(emphasizeDocumentText('😀大模型是', [[1, 4]])).toBe('😀**大模型**是');
  });

  it('never lets bold span a line break', () => {
    expect(emphasizeDocumentText('模型\n训练', [[0, 5]])).toBe('**模型**\n**训练**');
  });

  it('merges overlapping ranges and ignores empty or out-of-range ones', () => {
    expect(emphasizeDocumentText('abcdef', [[0, 2], [1, 3], [4, 4], [10, 12]])).toBe('**abc**def');
  });

  it('escapes the text around and inside bold ranges', () => {
    expect(emphasizeDocumentText('*注意* @everyone', [[1, 3]])).toBe('\\***注意**\\* @\u200beveryone');
  });

  it('does not let document text forge the bold markers', () => {
    expect(emphasizeDocumentText('a\uE000b\uE001c', [])).toBe('a\uFFFDb\uFFFDc');
  });
});
