import { describe, expect, it } from 'vitest';
import { emphasizeDocumentText, escapeDocumentText } from '../../src/discord/escapeDocumentText.ts';
import { liveMaskedLinks } from './emulator/payloadChecks.ts';

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
    expect(escapeDocumentText('[官方网站](https://evil.example)')).toBe('\\[官方网站\\](https://evil.example)');
  });

  it('escapes every masked link of a line, not only the first', () => {
    const text = '[a](https://evil.one) [b](https://evil.two) 和 [c](<https://evil.three>)[d](https://evil.four)';
    expect(liveMaskedLinks(text)).toHaveLength(4);
    expect(liveMaskedLinks(escapeDocumentText(text))).toEqual([]);
    expect(liveMaskedLinks(emphasizeDocumentText(text, [[1, 2], [23, 24]]))).toEqual([]);
  });

  it('escapes an unpaired bold marker, so it cannot pair with the match markers', () => {
    expect(emphasizeDocumentText('a**b', [[3, 4]])).toBe('a\\*\\***b**');
  });

  it('escapes line-start markup: headings, lists, block quotes and subtext', () => {
    expect(escapeDocumentText('# 标题\n- 列表\n1. 编号\n> 引用\n>>> 多行\n-# 小字')).toBe('\\# 标题\n\\- 列表\n1\\. 编号\n\\> 引用\n\\>>> 多行\n\\-# 小字');
    expect(escapeDocumentText('  ## 缩进\n* 星号\n+ 加号')).toBe('  \\## 缩进\n\\* 星号\n\\+ 加号');
  });

  it('treats a lone carriage return as the line break Discord sees', () => {
    expect(escapeDocumentText('正文\r# 标题\r\n> 引用')).toBe('正文\n\\# 标题\n\\> 引用');
  });

  it('escapes line-start markup inside bold, and the first line of a bold match', () => {
    expect(emphasizeDocumentText('# 标题', [[0, 4]])).toBe('**\\#** **标题**');
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

  it('keeps private-use characters of a document as they are, never as markup or U+FFFD', () => {
    expect(emphasizeDocumentText('a\uE000b\uE001c', [])).toBe('a\uE000b\uE001c');
    expect(emphasizeDocumentText('a\uE000b\uE001c', [[2, 3]])).toBe('a\uE000**b**\uE001c');
  });

  it('keeps bare URLs whole: no bold inside them, no escapes that would break them', () => {
    expect(emphasizeDocumentText('见 https://example.com/a_b 说明', [[2, 25], [26, 28]])).toBe('见 https://example.com/a_b **说明**');
  });
});
