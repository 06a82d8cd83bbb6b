/**
 * Text echoed to a terminal (error messages, file names, queries) must not carry raw control
 * characters: ESC sequences can recolour, move the cursor or retitle the window, a CR or newline
 * forges another line, and bidirectional overrides reorder what is read. They are shown escaped.
 */

// C0 and C1 controls, DEL, bidirectional embeddings/overrides/isolates, line and paragraph separators, lone surrogates.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_KEEPING_LINES = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

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
