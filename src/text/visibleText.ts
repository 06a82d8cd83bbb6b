/**
 * Text that must stay on one line and read as written (names, citations): control characters and
 * direction overrides are made visible instead of acting. A newline in a file name must not break
 * a citation line, and U+202E must not turn "exe.txt" around.
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** C0 controls become their Control Pictures (␊ for a newline, ␛ for ESC), anything else <U+XXXX>. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
