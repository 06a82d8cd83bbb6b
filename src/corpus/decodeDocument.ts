/**
 * Turns a document's bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, or UTF-16
 * without one when only one byte order decodes to plausible text. Anything else is a problem that says what the file most
 * likely is and how to convert it, since "not UTF-8" alone leaves people guessing the encoding.
 */

/** How much of a file the encoding guesses look at: enough to be sure, cheap for big files. */
const SAMPLE_BYTES = 64 * 1024;

export function decodeDocument(bytes: Uint8Array): { text: string } | { problem: string } {
  const bom = utf16ByteOrderMark(bytes);
  if (bom !== undefined) return decodeUtf16(bytes, bom, 'with a byte-order mark');
  // NUL is valid UTF-8 but never text: the whole buffer is scanned, not just its start.
  const hasNul = bytes.includes(0);
  if (!hasNul) {
    try {
      return nonEmpty(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      // Not UTF-8: maybe UTF-16 without a BOM (Chinese text has no zero bytes), else a legacy encoding.
    }
  }
  const unmarked = utf16ByPlausibility(bytes);
  if (unmarked !== undefined) return decodeUtf16(bytes, unmarked, 'without a byte-order mark');
  if (hasNul) return { problem: BINARY };
  return { problem: notUtf8Reason(bytes) };
}

type Utf16 = 'utf-16le' | 'utf-16be';

function utf16ByteOrderMark(bytes: Uint8Array): Utf16 | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 text without a BOM: one byte order decodes to plausible text (letters, Han characters,
 * punctuation, whitespace; common Han characters among the Han ones), the other to noise. Binary
 * data decodes to noise either way: random code points are mostly rare Han, Hangul and symbols.
 */
function utf16ByPlausibility(bytes: Uint8Array): Utf16 | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES));
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = decodesAs(encoding, sample);
    if (text !== undefined && looksLikeText(text)) return encoding;
  }
  return undefined;
}

const PLAUSIBLE = /[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\uff00-\uffef\p{Script=Han}]/u;
const HAN = /\p{Script=Han}/u;

function looksLikeText(text: string): boolean {
  let chars = 0;
  let plausible = 0;
  let han = 0;
  for (const char of text) {
    chars++;
    if (PLAUSIBLE.test(char)) plausible++;
    if (HAN.test(char)) han++;
  }
  if (chars === 0 || plausible < chars * 0.95) return false;
  return han < chars * 0.2 || commonHanShare(text) >= 0.1;
}

const BINARY = 'looks binary (it contains NUL bytes), not a text document: remove it or convert it to .md/.txt';

// C0 controls other than tab, newline, vertical tab, form feed and carriage return.
const CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/g;

function decodeUtf16(bytes: Uint8Array, encoding: Utf16, how: string): { text: string } | { problem: string } {
  const name = encoding.toUpperCase();
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { problem: `looks like ${name} ${how} but is not valid ${name}: re-save it as UTF-8` };
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0) return { problem: BINARY };
  return nonEmpty(text);
}

/** Characters that make up a large share of any Chinese text, in both scripts. */
const COMMON_HAN_CHARACTERS = new Set(
  '的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實',
);

/** The share of Han characters in text that are common ones: high for the right decoding, low for mojibake. */
function commonHanShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const char of text) {
    if (!HAN.test(char)) continue;
    han++;
    if (COMMON_HAN_CHARACTERS.has(char)) common++;
  }
  return han === 0 ? 0 : common / han;
}

function decodesAs(encoding: string, sample: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(sample);
  } catch {
    return undefined;
  }
}

/** Not UTF-8: says whether it looks like Simplified (GBK/GB18030) or Traditional (Big5) Chinese, and how to convert it. */
function notUtf8Reason(bytes: Uint8Array): string {
  // A cut inside a two-byte character makes a strict decoder fail at the very end: drop the last byte or two.
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  if (bytes.length > SAMPLE_BYTES) sample = sample.subarray(0, SAMPLE_BYTES - 2);
  const gbk = decodesAs('gb18030', sample);
  const big5 = decodesAs('big5', sample);
  const gbkShare = gbk === undefined ? -1 : commonHanShare(gbk);
  const big5Share = big5 === undefined ? -1 : commonHanShare(big5);
  const convert = (from: string) => `convert it with iconv -f ${from} -t UTF-8 (for example iconv -f ${from} -t UTF-8 old.txt > new.txt)`;
  if (Math.max(gbkShare, big5Share) >= 0.05) {
    if (big5Share > gbkShare) return `is not UTF-8 but looks like Big5 (the Traditional Chinese encoding of Taiwan and Hong Kong): ${convert('BIG5')}`;
    return `is not UTF-8 but looks like GBK / GB18030 (the mainland Chinese encoding): ${convert('GB18030')}`;
  }
  return 'is not valid UTF-8 text: re-save it as UTF-8 (iconv -f <its encoding> -t UTF-8 converts it; GB18030 and BIG5 are the usual Chinese ones)';
}

function nonEmpty(text: string): { text: string } | { problem: string } {
  return text.trim().replace(/^\uFEFF/, '') === '' ? { problem: 'is empty: nothing to serve' } : { text };
}
