/**
 * The one escaping rule for document text and user input shown in Discord: every markdown
 * construct prints as typed instead of being interpreted. Inline markers (`\ * _ ~ | `` ` `` [ ]`)
 * are escaped wherever they stand, so no pair can form and no masked link `[x](url)` can open,
 * however many a line holds (discord.js's escapeMaskedLink escapes only the first of a line, and
 * its bold/italic escapers leave an unpaired `**`). At the start of a line: headings, block quotes
 * (> and >>>), subtext (-#), list markers. Mentions, channel and command references, custom emoji
 * and timestamps (`<@…>`, `<#…>`, `</…>`, `<:…>`, `<t:…>`) and @everyone / @here are broken too:
 * allowed_mentions already stops pings, escaping also stops the highlight. Bare URLs stay whole, so
 * they still work as links (their address is what people see).
 *
 * The bold that marks matched terms is added by offsets, between escaped pieces, never as markers
 * inside the text: a document may hold any character (private-use ones included) without it
 * turning into markup or being replaced.
 */
import { bold } from 'discord.js';
import { codePointPrefix } from '../text/codePoints.ts';

/** Escaped wherever it stands. */
const INLINE_MARKUP = /[\\*_~|`[\]]/gu;
/** A bare URL, up to white space or a character that is markup (which is then escaped). */
const BARE_URL = /https?:\/\/[^\s<>\\*~|`[\]]+/giu;
/** <@id> <@!id> <@&role> <#channel> </command:id> <:emoji:id> <a:emoji:id> <t:time> <id:guide>. */
const ANGLE_REFERENCE = /<(?=(?:[@#/:]|a:|t:|id:)[^\s>]*>)/gu;
const MASS_MENTION = /@(everyone|here)\b/giu;
/** Headings (#), block quotes (>, >>>), subtext (-#), bulleted lists (-, +) at the start of a line. */
const LINE_START_MARK = /^([ \t]*)(#|>|-(?=[ \t#])|\+(?=[ \t]))/u;
/** Numbered lists: the dot after the number. */
const LINE_START_NUMBER = /^([ \t]*\d+)\.(?=[ \t])/u;

function escapeInline(text: string): string {
  return (
    text
      .replace(INLINE_MARKUP, '\\$&')
      .replace(ANGLE_REFERENCE, '\\<')
      // A zero-width space breaks the keyword without changing what people read.
      .replace(MASS_MENTION, '@\u200b$1')
  );
}

function escapeLineStart(text: string): string {
  return text.replace(LINE_START_MARK, '$1\\$2').replace(LINE_START_NUMBER, '$1\\.');
}

/** Merged, sorted, non-empty [start, end) code point ranges within 0..length. */
function normalizeRanges(ranges: ReadonlyArray<readonly [number, number]>, length: number): Array<[number, number]> {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, Math.floor(start)), Math.min(length, Math.floor(end))] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/** For each code point of text, whether it belongs to a bare URL. */
function urlMask(text: string, length: number): boolean[] {
  const mask = new Array<boolean>(length).fill(false);
  const codePointAt = codePointPrefix(text);
  for (const match of text.matchAll(BARE_URL)) {
    const start = match.index ?? 0;
    for (let i = codePointAt[start]; i < codePointAt[start + match[0].length]; i++) mask[i] = true;
  }
  return mask;
}

/** How each code point is shown: inside a bold range, inside a bare URL. */
interface Run {
  text: string;
  bold: boolean;
  url: boolean;
}

function renderLine(runs: readonly Run[]): string {
  return runs
    .map((run, index) => {
      if (run.url) return run.text;
      const escaped = index === 0 ? escapeLineStart(escapeInline(run.text)) : escapeInline(run.text);
      return run.bold ? bold(escaped) : escaped;
    })
    .join('');
}

/**
 * Escaped text with the given [start, end) code point ranges in bold. Bold never spans a line
 * break (Discord would show the asterisks), never touches a URL (it would break the link), and
 * white space at a range's edges stays outside the markers.
 */
export function emphasizeDocumentText(text: string, boldRanges: ReadonlyArray<readonly [number, number]>): string {
  // A lone CR ends a line for Discord too: line-start rules must see it.
  const normalized = text.replace(/\r\n?/gu, '\n');
  const characters = [...normalized];
  const inUrl = urlMask(normalized, characters.length);
  const inBold = new Array<boolean>(characters.length).fill(false);
  for (const [start, end] of normalizeRanges(boldRanges, characters.length)) {
    for (let i = start; i < end; i++) inBold[i] = !inUrl[i] && !/\s/u.test(characters[i]);
  }
  const lines: string[] = [];
  let runs: Run[] = [];
  for (let i = 0; i < characters.length; i++) {
    if (characters[i] === '\n') {
      lines.push(renderLine(runs));
      runs = [];
      continue;
    }
    const last = runs.at(-1);
    if (last !== undefined && last.bold === inBold[i] && last.url === inUrl[i]) last.text += characters[i];
    else runs.push({ text: characters[i], bold: inBold[i], url: inUrl[i] });
  }
  lines.push(renderLine(runs));
  return lines.join('\n');
}

export function escapeDocumentText(text: string): string {
  return emphasizeDocumentText(text, []);
}
