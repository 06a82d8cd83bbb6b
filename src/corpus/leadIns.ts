/**
 * Lead-ins: a sentence ending in ：or : that introduces what comes next ("未来…主要面临的挑战包括：").
 * Alone it says nothing, so it joins the list or paragraph it introduces (a question about the
 * challenges then quotes them), and a section holding nothing but lead-ins counts as empty.
 */
import { sentenceSpans } from '../text/sentences.ts';
import type { LineAnchor, Passage } from './types.ts';

const LEAD_IN_END = /[：:]\s*$/u;

/** True when the text ends with a lead-in sentence. */
export function endsWithLeadIn(text: string): boolean {
  return LEAD_IN_END.test(text);
}

/** True when the text is one lead-in sentence and nothing else: it introduces something that is not there. */
export function isBareLeadIn(text: string): boolean {
  return endsWithLeadIn(text) && sentenceSpans(text).length === 1;
}

/** True when the passage holds text of its own, not only a lead-in to something cleaned away. */
export function hasOwnText(passage: Passage): boolean {
  return passage.kind === 'code' || !isBareLeadIn(passage.text);
}

/**
 * Joins every paragraph ending in a lead-in with the list or paragraph right after it in the same
 * section, when nothing but blank lines stands between them in the source (a list cleaned away
 * leaves its lead-in alone rather than joining it to unrelated text). Returns true when any passage
 * was joined; the caller renumbers.
 */
export function joinLeadIns(passages: Passage[], sourceText: string): boolean {
  let sourceLines: string[] | undefined;
  const onlyBlankBetween = (after: number, before: number): boolean => {
    sourceLines ??= sourceText.split('\n');
    for (let line = after + 1; line < before; line++) if ((sourceLines[line - 1] ?? '').trim() !== '') return false;
    return true;
  };
  let joined = false;
  for (let i = 0; i + 1 < passages.length; ) {
    const leadIn = passages[i];
    const next = passages[i + 1];
    const joins =
      leadIn.kind === 'paragraph' &&
      (next.kind === 'list' || next.kind === 'paragraph') &&
      next.section === leadIn.section &&
      endsWithLeadIn(leadIn.text) &&
      onlyBlankBetween(lastLineOf(leadIn), next.line);
    if (!joins) {
      i++;
      continue;
    }
    const offset = leadIn.text.length + 1;
    leadIn.text = `${leadIn.text}\n${next.text}`;
    leadIn.anchors = [...leadIn.anchors, ...next.anchors.map((a): LineAnchor => ({ offset: a.offset + offset, line: a.line }))];
    leadIn.kind = next.kind;
    passages.splice(i + 1, 1);
    joined = true;
    // Stay on the joined passage: if what it took in ends with a lead-in too, it takes the next one.
  }
  return joined;
}

function lastLineOf(passage: Passage): number {
  return passage.anchors[passage.anchors.length - 1]?.line ?? passage.line;
}
