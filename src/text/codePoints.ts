/**
 * Code point arithmetic. Discord and the JSON contract count characters as Unicode code points;
 * JavaScript strings index UTF-16 units. These helpers convert between the two without ever
 * splitting a surrogate pair.
 */

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** Number of code points in text. */
export function codePointLength(text: string): number {
  // Without a high surrogate every unit is a code point: a native scan instead of a loop.
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Code point offset of a UTF-16 offset within text. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  return codePointLength(text.slice(0, utf16Offset));
}

/** True when a UTF-16 offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, utf16Offset: number): boolean {
  if (utf16Offset <= 0 || utf16Offset >= text.length) return false;
  const before = text.charCodeAt(utf16Offset - 1);
  const after = text.charCodeAt(utf16Offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** The longest prefix of text with at most maxCodePoints code points. */
export function takeCodePoints(text: string, maxCodePoints: number): string {
  let count = 0;
  let i = 0;
  while (i < text.length && count < maxCodePoints) {
    i += splitsSurrogatePair(text, i + 1) ? 2 : 1;
    count++;
  }
  return text.slice(0, i);
}

/**
 * Code points before every UTF-16 offset of text (length + 1 entries): the code point length of any
 * slice is then one subtraction, for code that measures many overlapping slices.
 */
export function codePointPrefix(text: string): Uint32Array {
  const prefix = new Uint32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = count;
    if (!splitsSurrogatePair(text, i + 1)) count++;
  }
  prefix[text.length] = count;
  return prefix;
}
