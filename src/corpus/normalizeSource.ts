/**
 * The first cleaning step: what every later step may assume. No byte-order mark, `\n` line
 * endings, Unicode NFC. Line count is preserved, so line numbers still point into the raw file.
 */
export function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}
