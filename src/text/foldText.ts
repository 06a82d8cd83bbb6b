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
import { foldTable } from './foldTable.ts';
import { UnitScratch } from './unitScratch.ts';

export { IGNORABLE_UNIT } from './foldTable.ts';

/** Folded UTF-16 unit of every BMP unit (0: not worked out yet, see foldTable). Folding is on the hot path of indexing. */
const bmpTable = foldTable.bmp;
const astralFolds = foldTable.astral;

/** The fold of a BMP unit the table does not hold yet (a table made as characters are met; U+0000 in any). */
function foldUnit(code: number): number {
  let folded = bmpTable[code];
  if (folded === 0 && foldTable.foldMissing !== undefined) {
    folded = foldTable.foldMissing(String.fromCharCode(code)).charCodeAt(0);
    bmpTable[code] = folded;
  }
  return folded === 0 ? code : folded;
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
      // A complete table lists every pair that changes.
      folded = foldTable.foldMissing?.(pair) ?? pair;
      if (foldTable.foldMissing !== undefined) astralFolds.set(pair, folded);
    }
    return folded;
  });
}

let taiwanPhraseMap: Map<string, string> | undefined;

/**
 * Taiwan words as the Mainland words they stand for, from OpenCC's phrase table (TWPhrasesRev:
 * 軟體 → 软件, 資料 → 数据, 人工智慧 → 人工智能, 演算法 → 算法), both sides folded. Only pairs that
 * still differ after folding: the others are already found character by character.
 */
export function taiwanPhrases(): ReadonlyMap<string, string> {
  if (taiwanPhraseMap) return taiwanPhraseMap;
  const map = new Map<string, string>();
  for (const pair of foldTable.taiwanPhraseText.split('|')) {
    const [taiwan, mainland] = pair.split(' ');
    if (!taiwan || !mainland) continue;
    const source = foldForMatching(taiwan);
    const target = foldForMatching(mainland);
    if (source !== target && !map.has(source)) map.set(source, target);
  }
  taiwanPhraseMap = map;
  return map;
}
