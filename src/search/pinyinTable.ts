/**
 * The readings of every Han character, without tones, from pinyin-pro: each reading's characters
 * and each character's readings (行 → xing, hang; xing → 行, 星, 形 …), for the same-pinyin bridge
 * (bridgeQuery). The build writes it to dist/ (scripts/build.mjs): 416 readings of 21,132
 * characters, 74 kB, read in a few milliseconds, where asking pinyin-pro character by character
 * takes 0.6 s for all of them (and 70 ms to load pinyin-pro).
 *
 * A character pinyin-pro does not know it gives back as its own reading; such a character is left
 * out: it would sound like itself only, and a word with it swapped for itself is the same word.
 */
import { createRequire } from 'node:module';
import { builtTable } from '../config/builtTable.ts';
import { installedVersion } from '../config/install.ts';

/** The file the build writes (scripts/build.mjs): the table of the installed pinyin-pro. */
export const PINYIN_TABLE_FILE = 'pinyin.tsv';

/** First line of a table: what it was made from, so a table of another pinyin-pro version is not read. */
const TABLE_HEADER = 'answer-desk pinyin table v1';

const HAN = /^\p{Script=Han}$/u;

/**
 * The table as text: a header (the source's name), then one line per reading, "reading\tcharacters"
 * (the characters one after the other, in code point order), sorted by reading.
 */
export function pinyinTableText(readingsOf: (char: string) => readonly string[], source: string): string {
  const byReading = new Map<string, string>();
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code === 0xd800) code = 0xe000;
    const char = String.fromCodePoint(code);
    if (!HAN.test(char)) continue;
    for (const reading of new Set(readingsOf(char))) {
      if (reading === char) continue;
      byReading.set(reading, (byReading.get(reading) ?? '') + char);
    }
  }
  const lines = [...byReading].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([reading, chars]) => `${reading}\t${chars}`);
  return [`${TABLE_HEADER}\t${source}`, ...lines].join('\n');
}

export class PinyinTable {
  /** Each reading's characters and each character's readings, as the first query that asks makes them. */
  private readonly characterLists = new Map<string, readonly string[]>();
  private readonly readingLists = new Map<string, readonly string[]>();

  private constructor(
    /** Reading → its characters, one after the other (a line of the table). */
    private readonly characters: ReadonlyMap<string, string>,
    /** What the table was made from (see pinyinTableText). */
    readonly source: string,
  ) {}

  /** The table of text written by pinyinTableText; throws on text that is not one. */
  static fromText(text: string): PinyinTable {
    const lines = text.split('\n');
    const [header, source] = lines[0].split('\t');
    if (header !== TABLE_HEADER || source === undefined) throw new Error(`not a pinyin table (its first line is "${lines[0].slice(0, 80)}")`);
    const characters = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const tab = lines[i].indexOf('\t');
      characters.set(lines[i].slice(0, tab), lines[i].slice(tab + 1));
    }
    return new PinyinTable(characters, source);
  }

  /** The Han characters read this way (none for a reading no character has). */
  charactersOf(reading: string): readonly string[] {
    let list = this.characterLists.get(reading);
    if (list === undefined) {
      list = [...(this.characters.get(reading) ?? '')];
      this.characterLists.set(reading, list);
    }
    return list;
  }

  /** The readings of one character (none for a character pinyin-pro does not know, or for what is not one character). */
  readingsOf(char: string): readonly string[] {
    let list = this.readingLists.get(char);
    if (list === undefined) {
      // The lines hold whole characters: a character found in one is one of its characters (half of a surrogate pair is not one).
      const whole = HAN.test(char);
      list = whole ? [...this.characters].filter(([, chars]) => chars.includes(char)).map(([reading]) => reading) : [];
      this.readingLists.set(char, list);
    }
    return list;
  }
}

type PinyinFunction = (text: string, options: { toneType: 'none'; type: 'array'; multiple: true }) => string[];

const require = createRequire(import.meta.url);

/** The name a table of the installed pinyin-pro is made for (from its package.json: pinyin-pro itself is not loaded). */
function installedSource(): string {
  return `pinyin-pro@${installedVersion('pinyin-pro')}`;
}

/** The table of the installed pinyin-pro, asking it for every Han character (0.7 s): what the build writes to dist/. */
export function installedPinyinTable(): string {
  const { pinyin } = require('pinyin-pro') as { pinyin: PinyinFunction };
  return pinyinTableText((char) => pinyin(char, { toneType: 'none', type: 'array', multiple: true }), installedSource());
}

let loaded: PinyinTable | undefined;

/**
 * pinyin-pro's readings, read once, on the first query that needs them: the table the build wrote
 * to dist/, or, when that table is missing, older than the sources, or made from another version
 * of pinyin-pro, a table made by asking pinyin-pro (0.7 s).
 */
export function pinyinTable(): PinyinTable {
  loaded ??= builtTable(
    PINYIN_TABLE_FILE,
    (bytes) => {
      const table = PinyinTable.fromText(bytes.toString('utf8'));
      return table.source === installedSource() ? table : undefined;
    },
    () => PinyinTable.fromText(installedPinyinTable()),
  );
  return loaded;
}
