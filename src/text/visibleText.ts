/**
 * Text shown to a person must not carry characters that act instead of reading as written: ESC
 * sequences recolour or retitle a terminal, a CR or newline forges another line (a newline in a
 * file name must not break a citation line), and direction overrides turn "exe.txt" around.
 * One set of such characters; two ways to show them: escaped for terminals and error messages,
 * as pictures for names and citations in replies.
 */

// C0 and C1 controls, DEL, bidirectional marks, embeddings, overrides and isolates, line and
// paragraph separators, lone surrogates.
const ACTING = '\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE = new RegExp(`[${ACTING}]|${LONE_SURROGATE}`, 'g');
const UNSAFE_KEEPING_LINES = new RegExp(`(?!\\n)[${ACTING}]|${LONE_SURROGATE}`, 'g');

function escapeUnit(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text, safe to print: every control character (newlines included) shown escaped, e.g. ESC as \x1b. */
export function visibleLine(text: string): string {
  return text.replace(UNSAFE, escapeUnit);
}

/** The same, keeping line breaks (\n) as they are: for multi-line messages such as a usage text. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, escapeUnit);
}

/** For names and citations: C0 controls become their Control Pictures (␊ for a newline, ␛ for ESC), anything else <U+XXXX>. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
