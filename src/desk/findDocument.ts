/**
 * Which document a typed name means, one rule for every adapter: its exact path, its exact title,
 * then a unique match on the folded path or title (深度學習 finds 深度学习.md, "001" finds 001_….txt).
 */
import { foldForMatching } from '../text/foldText.ts';
import type { DocumentInfo } from './types.ts';

export function findDocument(documents: readonly DocumentInfo[], value: string): DocumentInfo | undefined {
  const typed = value.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const exact = documents.find((info) => info.doc === typed) ?? documents.find((info) => info.title === typed);
  if (exact !== undefined) return exact;
  const folded = foldForMatching(typed);
  if (folded === '') return undefined;
  const partial = documents.filter((info) => foldForMatching(info.doc).includes(folded) || foldForMatching(info.title).includes(folded));
  return partial.length === 1 ? partial[0] : undefined;
}
