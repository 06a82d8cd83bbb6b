/**
 * Truncation for platform limits. Counts code points (as Discord does), never splits a
 * character, and ends at a sentence boundary (。！？； . ! ?) when one is near the limit, else at
 * a clause boundary (，、： , :), else at a space, else anywhere.
 */
import { codePointLength, takeCodePoints, toCodePointOffset } from '../text/codePoints.ts';
import { clauseSpans, endsWithSentenceTerminator, sentenceSpans } from '../text/sentences.ts';

export interface CutOptions {
  /** Appended when text is cut; counted in the limit. Default "…". */
  ellipsis?: string;
  /** A boundary counts as near when it keeps at least this share of the limit. Default 0.6. */
  near?: number;
}

/** UTF-16 offsets in text where a cut leaves whole sentences (or whole lines). */
function sentenceEnds(text: string): number[] {
  return sentenceSpans(text)
    .filter((span) => endsWithSentenceTerminator(text.slice(span.start, span.end)) || text[span.end] === '\n')
    .map((span) => span.end);
}

function clauseEnds(text: string): number[] {
  // The last span runs to the cut itself, which is no boundary.
  return clauseSpans(text)
    .map((span) => span.end)
    .filter((end) => end < text.trimEnd().length || /[，、：,:。！？；.!?]$/u.test(text.trimEnd()));
}

function spaceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 1; i < text.length; i++) if (/\s/u.test(text[i]) && !/\s/u.test(text[i - 1])) ends.push(i);
  return ends;
}

/** Text cut to at most maxCodePoints code points, ellipsis included. */
export function cutToLimit(text: string, maxCodePoints: number, options: CutOptions = {}): string {
  if (codePointLength(text) <= maxCodePoints) return text;
  const ellipsis = options.ellipsis ?? '…';
  const room = maxCodePoints - codePointLength(ellipsis);
  if (room <= 0) return takeCodePoints(ellipsis, Math.max(0, maxCodePoints));
  const head = takeCodePoints(text, room);
  const minimum = Math.ceil(room * (options.near ?? 0.6));
  const nearEnough = (end: number): boolean => toCodePointOffset(head, end) >= minimum;
  for (const ends of [sentenceEnds(head), clauseEnds(head), spaceEnds(head)]) {
    const end = ends.filter(nearEnough).pop();
    if (end !== undefined) return head.slice(0, end).trimEnd() + ellipsis;
  }
  return head + ellipsis;
}
