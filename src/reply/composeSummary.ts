/** /summary: a section's heading path and summary, from an autocomplete id or typed text. */
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { withMention } from './composeAnswer.ts';
import { emptyReply, type FollowUpContext, type Reply } from './model.ts';

export interface SummaryRequest extends FollowUpContext {
  sectionId: string;
}

/**
 * The section a /summary value names. Autocomplete sends ids; anything else (typed or forged) is
 * resolved by the closest section title, then by full-text search.
 */
export function resolveSectionValue(desk: DeskReader, value: string): string | undefined {
  const typed = value.trim();
  if (typed === '') return undefined;
  if (desk.summaryById(typed) !== undefined) return typed;
  const closest = desk.suggestSections(typed, 1)[0];
  if (closest !== undefined) return closest.sectionId;
  return desk.search(typed, { top: 1 }).results[0]?.sectionId;
}

export function summarizeSection(desk: DeskReader, request: SummaryRequest, text: Messages): Reply {
  const summary = desk.summaryById(request.sectionId);
  if (summary === undefined) return { ...emptyReply('unknown', true), notes: [text.sectionGone] };
  const source = { doc: summary.doc, sectionPath: summary.sectionPath, line: summary.line };
  const reply: Reply = {
    ...emptyReply(summary.empty ? 'empty' : 'answered', request.hidden),
    title: [summary.docName, ...summary.citedPath].join(' › '),
    notes: summary.empty || summary.summary.trim() === '' ? [text.emptySection] : [],
    summary: {
      path: summary.sectionPath,
      text: summary.summary,
      empty: summary.empty,
      source,
      citation: text.citation(summary.docName, summary.citedPath, summary.line),
    },
    actions: request.hidden
      ? [{ kind: 'share', label: text.shareButton, subject: { kind: 'summary', sectionId: summary.sectionId }, mention: request.mention }]
      : [],
    resultCount: 1,
  };
  return withMention(reply, request.mention, text);
}

/** /summary with a value that may not be an id. */
export function summarizeValue(desk: DeskReader, value: string, context: FollowUpContext, text: Messages): Reply {
  const sectionId = resolveSectionValue(desk, value);
  if (sectionId === undefined) return { ...emptyReply('unknown', true), notes: [text.unknownSection(value.trim())] };
  return summarizeSection(desk, { sectionId, ...context }, text);
}
