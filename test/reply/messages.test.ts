import { describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js';
import { localeKeyOf, messagesFor, type Messages } from '../../src/reply/messages.ts';

/** Every sentence of a table, templates filled with sample values. */
function everySentence(text: Messages): string[] {
  const figures = {
    documents: 1, sections: 2, passages: 3, removedParagraphs: 4, removedSentences: 5, charsIn: 6, charsOut: 7,
    buildMs: 8, fromCache: true, loadedAt: new Date(0), uptimeMs: 90_000, version: '1', problems: 0,
  };
  const sentences: string[] = [];
  for (const value of Object.values(text)) {
    if (typeof value === 'string') sentences.push(value);
    else if (Array.isArray(value)) sentences.push(...value.map(String));
  }
  sentences.push(
    text.resultsTitle('GPU', 1, 3, 9), text.noMoreResults('x'), text.nothingFound('x'), text.summaryButton(1, 'x'),
    text.citation('a.md', ['x'], 3), text.unknownSection('x'), text.documentsTitle(2), text.documentLine('x', 'a.md', 1, 2),
    text.outlineTitle('x', 'a.md'), text.pageNote(1, 2), text.unknownDocument('x', ['a.md']), text.reloadFailed('x'),
    text.cooldown(3), text.consolePick(3), text.consoleUnknownCommand('/x'), ...text.aboutLines(figures),
    text.watchStatus({ state: 'watching', folder: 'seeds/', files: 9, folders: 2, unwatchedFolders: 1 }),
    text.watchStatus({ state: 'missing', folder: 'seeds/' }), text.watchStatus({ state: 'starting', folder: 'seeds/' }),
    text.watchStatus({ state: 'stopped', folder: 'seeds/' }),
  );
  return sentences;
}

describe('reply language', () => {
  it('answers zh-CN in Simplified and zh-TW in Traditional Chinese', () => {
    expect(localeKeyOf('zh-CN')).toBe('zh-CN');
    expect(localeKeyOf('zh-TW')).toBe('zh-TW');
    expect(messagesFor('zh-CN').moreButton).toBe('更多');
    expect(messagesFor('zh-TW').shareButton).toBe('傳送到頻道');
  });

  it('reads POSIX locales for the console', () => {
    expect(localeKeyOf('zh_TW.UTF-8')).toBe('zh-TW');
    expect(localeKeyOf('zh_HK.UTF-8')).toBe('zh-TW');
    expect(localeKeyOf('zh_CN.UTF-8')).toBe('zh-CN');
    expect(localeKeyOf('C.UTF-8')).toBe('en');
  });

  it('answers every other locale in English', () => {
    for (const locale of ['en-US', 'en-GB', 'ja', 'fr', undefined]) expect(messagesFor(locale).locale).toBe('en');
  });

  it('writes every Traditional Chinese sentence in Traditional characters', () => {
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    for (const sentence of everySentence(messagesFor('zh-TW'))) expect(toTraditional(sentence)).toBe(sentence);
  });

  it('writes every Simplified Chinese sentence in Simplified characters', () => {
    const toSimplified = Converter({ from: 'tw', to: 'cn' });
    for (const sentence of everySentence(messagesFor('zh-CN'))) expect(toSimplified(sentence)).toBe(sentence);
  });
});
