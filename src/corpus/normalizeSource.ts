/**
 * The first cleaning step: what every later step may assume. No byte-order mark, `\n` line
 * endings, Unicode NFC. Line count is preserved, so line numbers still point into the raw file.
 */
export function normalizeSource(text: string): string {
  const withoutMark = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most files have neither a carriage return nor anything NFC changes: a native scan each, no copy.
  const lineEnds = withoutMark.includes('\r') ? withoutMark.replace(/\r\n?/g, '\n') : withoutMark;
  return lineEnds.normalize('NFC');
}
