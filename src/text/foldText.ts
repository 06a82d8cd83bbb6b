/**
 * Folding for matching: width (ＧＰＵ → gpu), case, and Traditional → Simplified.
 *
 * Folding is only ever used to compare text; what is quoted stays as written. Every code point is
 * folded on its own and a fold that would change the UTF-16 length is skipped, so offset i of the
 * folded text is offset i of the original: matches found on folded text can be marked in the quote.
 */
import { toSimplifiedCharacter } from './chineseVariants.ts';

const foldedCharacters = new Map<string, string>();

function foldCharacter(char: string): string {
  const cached = foldedCharacters.get(char);
  if (cached !== undefined) return cached;
  let folded = char.normalize('NFKC').toLowerCase();
  if (folded.length !== char.length) {
    const lower = char.toLowerCase();
    folded = lower.length === char.length ? lower : char;
  }
  folded = toSimplifiedCharacter(folded);
  foldedCharacters.set(char, folded);
  return folded;
}

const PLAIN_ASCII = /^[\x00-\x40\x5b-\x7f]*$/;

/** Folds text for matching; the result has exactly the UTF-16 length of the input. */
export function foldForMatching(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  for (const char of text) out += foldCharacter(char);
  return out;
}
