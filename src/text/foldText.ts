/**
 * Folding for matching: width (ＧＰＵ → gpu), case, Traditional → Simplified, and invisible format
 * characters (zero-width space and joiners, word joiner, BOM, soft hyphen …) to one ignorable unit.
 *
 * Folding is only ever used to compare text; what is quoted stays as written. Every code point is
 * folded on its own and a fold that would change the UTF-16 length is skipped, so offset i of the
 * folded text is offset i of the original: matches found on folded text can be marked in the quote.
 * Format characters cannot be dropped without moving offsets, so they become IGNORABLE_UNIT and
 * the tokenizer reads across it: 深\u200b度\u200b学\u200b习 gives the terms of 深度学习.
 */
import { toSimplifiedCharacter } from './chineseVariants.ts';
import { UnitScratch } from './unitScratch.ts';

/** Folded UTF-16 unit of every BMP character seen so far; 0 = not computed yet. Folding is on the hot path of indexing. */
const bmpTable = new Uint16Array(0x10000);
const astralFolds = new Map<string, string>();

/** What every format character (Unicode Cf) folds to, one per UTF-16 unit: U+200B ZERO WIDTH SPACE. */
export const IGNORABLE_UNIT = 0x200b;
const IGNORABLE = String.fromCharCode(IGNORABLE_UNIT);
const FORMAT_CHARACTER = /^\p{Cf}$/u;

/**
 * The fold of one character: NFKC and lower case, else lower case alone, else nothing, whichever
 * first keeps the length; then Simplified. Every operation runs for every character, and only the
 * results are chosen: V8 inlines this into fold's loop, and an operation that had not run when that
 * loop was optimized (a rare character's branch) would throw the optimized loop away when it does.
 */
function computeFold(char: string): string {
  const format = FORMAT_CHARACTER.test(char);
  const compatible = char.normalize('NFKC').toLowerCase();
  const lower = char.toLowerCase();
  const compatibleKeepsLength = compatible.length === char.length;
  const lowerKeepsLength = lower.length === char.length;
  const ignorable = IGNORABLE.repeat(char.length);
  const folded = compatibleKeepsLength ? compatible : lowerKeepsLength ? lower : char;
  const simplified = toSimplifiedCharacter(folded);
  return format ? ignorable : simplified;
}

function foldUnit(code: number): number {
  let folded = bmpTable[code];
  if (folded === 0) {
    folded = computeFold(String.fromCharCode(code)).charCodeAt(0);
    bmpTable[code] = folded;
  }
  return folded;
}

const PLAIN_ASCII = /^[\x00-\x40\x5b-\x7f]*$/;
const utf16 = new TextDecoder('utf-16le');

/** Where fold writes the folded units of a text. */
const scratch = new UnitScratch();

/** Folded texts kept while `rememberingFolds` runs; undefined outside it. */
let remembered: Map<string, string> | undefined;
/** Shorter texts are folded again: looking them up would cost about as much. */
const REMEMBERED_FROM = 32;

/**
 * Runs `work` with every fold of a text of REMEMBERED_FROM units or more remembered, then forgets
 * them: a build folds each paragraph to clean it and, most often unchanged, again to tokenize it.
 */
export function rememberingFolds<T>(work: () => T): T {
  const outer = remembered;
  remembered ??= new Map();
  try {
    return work();
  } finally {
    remembered = outer;
  }
}

/** Folds text for matching; the result has exactly the UTF-16 length of the input. */
export function foldForMatching(text: string): string {
  if (remembered === undefined || text.length < REMEMBERED_FROM) return fold(text);
  let folded = remembered.get(text);
  if (folded === undefined) {
    folded = fold(text);
    remembered.set(text, folded);
  }
  return folded;
}

function fold(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  const length = text.length;
  const units = scratch.reserve(length);
  let astral = false;
  let changed = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    let folded = code;
    // One test for a surrogate (0xd800–0xdfff), and one store for every unit: V8 optimizes this loop
    // before it meets a surrogate, and an operation never run before it was optimized throws the
    // optimized code away when it first runs.
    if ((code & 0xf800) === 0xd800) astral = true;
    else {
      // The table read here, not in a call per character: that call was most of a cold fold.
      folded = bmpTable[code];
      if (folded === 0) folded = foldUnit(code);
    }
    units[i] = folded;
    if (folded !== code) changed = true;
  }
  // With surrogates, TextDecoder, which turns a lone one into U+FFFD (one unit: offsets hold).
  if (astral) return foldAstral(utf16.decode(units.subarray(0, length)));
  return changed ? scratch.stringOf(length) : text;
}

/** Astral characters (𝐀, rare CJK) fold only to other astral characters of the same length. */
function foldAstral(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, (pair) => {
    let folded = astralFolds.get(pair);
    if (folded === undefined) {
      folded = computeFold(pair);
      astralFolds.set(pair, folded);
    }
    return folded;
  });
}
