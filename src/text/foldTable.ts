/**
 * What each character folds to for matching (foldText.ts): the rule for one character (foldCharacter)
 * and a table of its results, which the build writes to dist/ (scripts/build.mjs) for every
 * character: 128 kB for the BMP, 606 characters beyond it, and OpenCC's Taiwan phrases.
 *
 * Every thread that folds (each build thread, the one that answers) reads that table in about a
 * millisecond. Without it, each loaded opencc-js (30 ms), made its character map from OpenCC's
 * dictionaries (30 ms) and then worked out the fold of each new character (10–20 ms on the mixed
 * corpus), all of it before its first document and on every cold start. That is still what a
 * working copy does when the table is missing, older than the sources, or made with another
 * opencc-js or another Unicode version (NFKC and lower case are the running Node's): the folds are
 * then made as characters are met, as before, and are the same.
 */
import { builtTable } from '../config/builtTable.ts';
import { installedVersion } from '../config/install.ts';

/** The file the build writes (scripts/build.mjs). */
export const FOLD_TABLE_FILE = 'fold.bin';

/** What every format character (Unicode Cf) folds to, one per UTF-16 unit: U+200B ZERO WIDTH SPACE. */
export const IGNORABLE_UNIT = 0x200b;
const IGNORABLE = String.fromCharCode(IGNORABLE_UNIT);
const FORMAT_CHARACTER = /^\p{Cf}$/u;

const TABLE_HEADER = 'answer-desk fold table v1';
const BMP_BYTES = 0x10000 * 2;

/** Folds of single characters: OpenCC's, through chineseVariants.ts, loaded only to make a table. */
interface Variants {
  toSimplifiedCharacter(char: string): string;
  taiwanPhraseText(): string;
}

/**
 * The fold of one code point (a BMP unit or a surrogate pair): width and case (NFKC, lower case),
 * Traditional → Simplified, format characters to IGNORABLE_UNIT; never a change of UTF-16 length.
 */
export function foldCharacter(char: string, variants: Variants): string {
  if (FORMAT_CHARACTER.test(char)) return IGNORABLE.repeat(char.length);
  let folded = char.normalize('NFKC').toLowerCase();
  if (folded.length !== char.length) {
    const lower = char.toLowerCase();
    folded = lower.length === char.length ? lower : char;
  }
  return variants.toSimplifiedCharacter(folded);
}

export interface FoldTable {
  /** Folded unit of each BMP unit; 0 where it is not worked out yet (only in a table made as characters are met). */
  readonly bmp: Uint16Array;
  /** Surrogate pairs that fold to another pair; in a complete table, a pair not listed folds to itself. */
  readonly astral: Map<string, string>;
  /** The fold of a character the table does not hold yet: undefined when it holds every character. */
  readonly foldMissing: ((char: string) => string) | undefined;
  /** OpenCC's Taiwan → Mainland phrase table as it ships ("軟體 软件|資料 数据|…"), for taiwanPhrases. */
  readonly taiwanPhraseText: string;
}

/** What a table was made from: tables of another opencc-js, or of another Unicode's NFKC and case rules, are not read. */
function sourceOf(openccVersion: string): string {
  return `opencc-js@${openccVersion} unicode@${process.versions.unicode}`;
}

/**
 * The complete table as the build writes it: a header line naming its source, the folded unit of
 * every BMP unit (little-endian), then lines of text: "pair\tfold" for each surrogate pair that
 * changes, an empty line, and the Taiwan phrase table.
 */
export function foldTableBytes(variants: Variants, openccVersion: string): Buffer {
  const bmp = Buffer.alloc(BMP_BYTES);
  for (let code = 0; code < 0x10000; code++) {
    const char = String.fromCharCode(code);
    const folded = code >= 0xd800 && code <= 0xdfff ? char : foldCharacter(char, variants);
    bmp.writeUInt16LE(folded.charCodeAt(0), code * 2);
  }
  const astral: string[] = [];
  for (let code = 0x10000; code <= 0x10ffff; code++) {
    const char = String.fromCodePoint(code);
    const folded = foldCharacter(char, variants);
    if (folded !== char) astral.push(`${char}\t${folded}`);
  }
  const text = [...astral, '', variants.taiwanPhraseText()].join('\n');
  return Buffer.concat([Buffer.from(`${TABLE_HEADER}\t${sourceOf(openccVersion)}\n`), bmp, Buffer.from(text)]);
}

/** The table in bytes written by foldTableBytes, or undefined when it was made from another source; throws on what is not one. */
export function readFoldTable(bytes: Buffer, openccVersion: string): FoldTable | undefined {
  const headerEnd = bytes.indexOf(10);
  const [header, source] = bytes.toString('utf8', 0, Math.max(0, headerEnd)).split('\t');
  if (header !== TABLE_HEADER || bytes.length < headerEnd + 1 + BMP_BYTES) throw new Error('not a fold table');
  if (source !== sourceOf(openccVersion)) return undefined;
  const bmp = new Uint16Array(0x10000);
  for (let code = 0, at = headerEnd + 1; code < 0x10000; code++, at += 2) bmp[code] = bytes.readUInt16LE(at);
  const lines = bytes.toString('utf8', headerEnd + 1 + BMP_BYTES).split('\n');
  const blank = lines.indexOf('');
  if (blank === -1) throw new Error('not a fold table: no Taiwan phrases');
  const astral = new Map<string, string>();
  for (const line of lines.slice(0, blank)) astral.set(line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1));
  return { bmp, astral, foldMissing: undefined, taiwanPhraseText: lines.slice(blank + 1).join('\n') };
}

/** A table that works out each fold when first asked for one (foldText keeps what it worked out). */
export function foldTableAsMet(variants: Variants): FoldTable {
  return {
    bmp: new Uint16Array(0x10000),
    astral: new Map(),
    foldMissing: (char) => foldCharacter(char, variants),
    taiwanPhraseText: variants.taiwanPhraseText(),
  };
}

/** The version of the installed opencc-js, from its package.json (opencc-js itself is not loaded). */
export const openccVersion = installedVersion('opencc-js');

/**
 * The fold table of this install: the one the build wrote, or one made as characters are met.
 * opencc-js (ES modules only, so not loadable on demand from synchronous code) is imported here,
 * before any text is folded, and only in that second case.
 */
export const foldTable: FoldTable =
  builtTable<FoldTable | undefined>(FOLD_TABLE_FILE, (bytes) => readFoldTable(bytes, openccVersion), () => undefined) ??
  foldTableAsMet(await import('./chineseVariants.ts'));
