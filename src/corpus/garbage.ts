/**
 * Garbage: text that is not text. U+FFFD replacement characters (bytes lost in decoding), control
 * characters, the classic GBK↔UTF-8 mix-ups (锟斤拷, 烫烫烫, 屯屯屯) and UTF-8 read as Latin-1 / cp1252
 * ("ä¸­æ–‡", "â€™"). Single accented letters are legitimate and never match.
 */
import type { TextSpan } from '../text/sentences.ts';

const GARBAGE = new RegExp(
  [
    '\\uFFFD+',
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]+',
    '(?:锟斤拷)+',
    '(?:烫烫烫)+',
    '(?:屯屯屯)+',
    // A UTF-8 lead byte read as Latin-1 followed by continuation bytes, at least twice in a row.
    '(?:[\\u00C2-\\u00F4][\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]{1,3}){2,}',
  ].join('|'),
  'gu',
);

/** A character every kind of garbage above starts with: text without one (nearly all) is not searched further. */
const GARBAGE_START = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F锟烫屯\u00C2-\u00F4]/u;

/** Spans of garbage in text. */
export function findGarbage(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  if (!GARBAGE_START.test(text)) return spans;
  for (const match of text.matchAll(GARBAGE)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

export function containsGarbage(text: string): boolean {
  if (!GARBAGE_START.test(text)) return false;
  GARBAGE.lastIndex = 0;
  const found = GARBAGE.test(text);
  GARBAGE.lastIndex = 0;
  return found;
}
