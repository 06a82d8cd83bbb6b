/**
 * Which document a typed name means, one rule for every adapter: its exact path, its display name
 * (documentNames.ts), its title when no other document has it, then a unique match on the folded
 * path or name (深度學習 finds 深度学习.md, "001" finds 001_….txt). A title several documents share
 * names none of them: the caller lists the names that tell them apart.
 */
import { nameKey } from './documentNames.ts';
import type { DocumentInfo } from './types.ts';

function onlyOne<T>(candidates: readonly T[]): T | undefined {
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function findDocument(documents: readonly DocumentInfo[], value: string): DocumentInfo | undefined {
  const typed = value.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const exact =
    documents.find((info) => info.doc === typed) ??
    documents.find((info) => info.name === typed) ??
    onlyOne(documents.filter((info) => info.title === typed));
  if (exact !== undefined) return exact;
  const folded = nameKey(typed);
  if (folded === '') return undefined;
  const named = onlyOne(documents.filter((info) => nameKey(info.name) === folded || nameKey(info.doc) === folded));
  if (named !== undefined) return named;
  return onlyOne(documents.filter((info) => nameKey(info.doc).includes(folded) || nameKey(info.name).includes(folded)));
}
