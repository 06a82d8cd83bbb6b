/**
 * Traditional → Simplified folding, one character at a time.
 *
 * Search folds both documents and queries to Simplified so that 深度學習 finds 深度学习 and the
 * reverse. We fold per character (not OpenCC's phrase conversion) so that a folded string keeps
 * the length of its source: excerpt offsets found on folded text then point into the quoted text.
 * The tables come from OpenCC's own dictionaries (opencc-js), not from a hand-made list. This module
 * is loaded to make the fold table (foldTable.ts): at build time, or when no built table can be read.
 */
// The Traditional → Simplified preset: the same dictionaries as the full one for every table read
// here, without the Simplified → Traditional phrase table (1 MB) that each thread would load for nothing.
import { from, to } from 'opencc-js/preset/t2cn';

type DictGroup = readonly (string | readonly (readonly [string, string])[] | Record<string, string>)[];

/**
 * Calls visit with every (source, first target) pair of a dictionary group, in order. A plain loop
 * with a callback, not a generator: every thread builds the character map once, at its start, when
 * nothing is optimized yet, and a generator resumed per pair made that cost 15–25 ms.
 */
function forEachEntry(group: DictGroup, visit: (source: string, target: string) => void): void {
  for (let d = 0; d < group.length; d++) {
    const dict = group[d];
    if (typeof dict === 'string') {
      const pairs = dict.split('|');
      for (let p = 0; p < pairs.length; p++) {
        const pair = pairs[p];
        const space = pair.indexOf(' ');
        if (space <= 0) continue;
        const nextSpace = pair.indexOf(' ', space + 1);
        visit(pair.slice(0, space), nextSpace < 0 ? pair.slice(space + 1) : pair.slice(space + 1, nextSpace));
      }
    } else if (Array.isArray(dict)) {
      const entries = dict as readonly (readonly [string, string])[];
      for (let e = 0; e < entries.length; e++) visit(entries[e][0], entries[e][1]);
    } else {
      const entries = Object.entries(dict as Record<string, string>);
      for (let e = 0; e < entries.length; e++) visit(entries[e][0], entries[e][1]);
    }
  }
}

/** Whether text is exactly one code point (a lone surrogate counts as one). */
function isSingleCodePoint(text: string): boolean {
  if (text.length === 1) return true;
  if (text.length !== 2) return false;
  const high = text.charCodeAt(0);
  const low = text.charCodeAt(1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

function buildCharacterMap(): Map<string, string> {
  const variantToStandard = new Map<string, string>();
  for (const region of ['tw', 'hk']) {
    for (const group of from[region] ?? []) {
      forEachEntry(group as DictGroup, (source, target) => {
        if (isSingleCodePoint(source) && isSingleCodePoint(target) && !variantToStandard.has(source)) {
          variantToStandard.set(source, target);
        }
      });
    }
  }
  const traditionalToSimplified = new Map<string, string>();
  for (const group of to.cn ?? []) {
    forEachEntry(group as DictGroup, (source, target) => {
      if (isSingleCodePoint(source) && isSingleCodePoint(target)) traditionalToSimplified.set(source, target);
    });
  }
  // A character that is itself Simplified (么, 着, 台) is left alone: regional variant tables map
  // such characters too, which is right in Taiwan texts and wrong in every Simplified one.
  const simplified = new Set(traditionalToSimplified.values());
  const map = new Map<string, string>();
  for (const [variant, standard] of variantToStandard) {
    if (!simplified.has(variant)) map.set(variant, traditionalToSimplified.get(standard) ?? standard);
  }
  for (const [traditional, simplified] of traditionalToSimplified) {
    if (!map.has(traditional)) map.set(traditional, simplified);
  }
  // Keep only mappings that preserve UTF-16 length, so folding never shifts offsets.
  for (const [source, target] of map) {
    if (source.length !== target.length || source === target) map.delete(source);
  }
  return map;
}

let characterMap: Map<string, string> | undefined;

/** The Simplified form of one Traditional (or variant) character; the character itself otherwise. */
export function toSimplifiedCharacter(char: string): string {
  characterMap ??= buildCharacterMap();
  return characterMap.get(char) ?? char;
}

/** OpenCC's Taiwan → Mainland phrase table (TWPhrasesRev) as it ships: "軟體 软件|資料 数据|…". */
export function taiwanPhraseText(): string {
  const phrases = from.twp?.[0]?.[0];
  return typeof phrases === 'string' ? phrases : '';
}
