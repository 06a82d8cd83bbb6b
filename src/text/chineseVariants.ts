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

function* dictionaryEntries(group: DictGroup): Generator<[string, string]> {
  for (const dict of group) {
    if (typeof dict === 'string') {
      for (const pair of dict.split('|')) {
        const space = pair.indexOf(' ');
        if (space > 0) yield [pair.slice(0, space), pair.slice(space + 1).split(' ')[0]];
      }
    } else if (Array.isArray(dict)) {
      for (const [source, target] of dict as readonly (readonly [string, string])[]) yield [source, target];
    } else {
      yield* Object.entries(dict as Record<string, string>);
    }
  }
}

function isSingleCodePoint(text: string): boolean {
  const cp = text.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp).length === text.length;
}

function buildCharacterMap(): Map<string, string> {
  const variantToStandard = new Map<string, string>();
  for (const region of ['tw', 'hk']) {
    for (const group of from[region] ?? []) {
      for (const [source, target] of dictionaryEntries(group as DictGroup)) {
        if (isSingleCodePoint(source) && isSingleCodePoint(target) && !variantToStandard.has(source)) {
          variantToStandard.set(source, target);
        }
      }
    }
  }
  const traditionalToSimplified = new Map<string, string>();
  for (const group of to.cn ?? []) {
    for (const [source, target] of dictionaryEntries(group as DictGroup)) {
      if (isSingleCodePoint(source) && isSingleCodePoint(target)) traditionalToSimplified.set(source, target);
    }
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
