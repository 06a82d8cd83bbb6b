/**
 * Document text and user input shown in Discord, made inert: markdown (including headings, lists,
 * masked links and code fences), block quotes, subtext, mentions, channel and command references,
 * custom emoji, timestamps, @everyone and @here all print as typed instead of being interpreted.
 * allowed_mentions already stops pings; escaping also stops the highlight.
 */
import { escapeMarkdown } from 'discord.js';

// Private-use characters stand in for bold markers while the text is escaped, so that escaping
// sees each line whole (line-start rules like headings work) and never touches our own markup.
const BOLD_OPEN = '\uE000';
const BOLD_CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/gu;

function escapeMarked(text: string): string {
  let out = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  // Block quotes (> and >>>) and subtext (-#) at the start of a line.
  out = out.replace(/^([ \t]*)(>|-#)/gmu, '$1\\$2');
  // <@id> <@!id> <@&role> <#channel> </command:id> <:emoji:id> <a:emoji:id> <t:time> <id:guide>.
  out = out.replace(/<(?=(?:[@#/:]|a:|t:|id:)[^\s>]*>)/gu, '\\<');
  // A zero-width space breaks the keyword without changing what people read.
  out = out.replace(/@(everyone|here)\b/giu, '@\u200b$1');
  return out;
}

export function escapeDocumentText(text: string): string {
  return escapeMarked(text.replace(SENTINELS, '\uFFFD'));
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

/**
 * Escaped text with the given code point ranges in bold. Bold never spans a line break (Discord
 * would show the asterisks), and white space at a range's edges stays outside the markers.
 */
export function emphasizeDocumentText(text: string, bold: ReadonlyArray<readonly [number, number]>): string {
  const characters = [...text.replace(SENTINELS, '\uFFFD')];
  const ranges = normalizeRanges(bold, characters.length);
  const inBold = new Array<boolean>(characters.length).fill(false);
  for (const [start, end] of ranges) for (let i = start; i < end; i++) inBold[i] = !/\s/u.test(characters[i]);
  let marked = '';
  for (let i = 0; i < characters.length; i++) {
    if (inBold[i] && !inBold[i - 1]) marked += BOLD_OPEN;
    marked += characters[i];
    if (inBold[i] && !inBold[i + 1]) marked += BOLD_CLOSE;
  }
  return escapeMarked(marked).replace(SENTINELS, '**');
}
