/** /summary: a section's heading path and summary, from an autocomplete id or typed text. */
import { nameKey, sectionNameForms } from '../desk/documentNames.ts';
import type { OutlineEntry } from '../desk/types.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { nothingServedReply } from './nothingServed.ts';
import { sectionMenu, withMention } from './composeAnswer.ts';
import { emptyReply, type FollowUpContext, type Reply } from './model.ts';

export interface SummaryRequest extends FollowUpContext {
  sectionId: string;
}

/**
 * The section a /summary value names. Autocomplete sends ids; anything else (typed or forged) is
 * resolved by the closest section title, then by full-text search.
 */
export async function resolveSectionValue(desk: DeskReader, value: string): Promise<string | undefined> {
  const typed = value.trim();
  if (typed === '') return undefined;
  if ((await desk.summaryById(typed)) !== undefined) return typed;
  const closest = (await desk.suggestSections(typed, 1))[0];
  if (closest !== undefined) return closest.sectionId;
  return (await desk.search(typed, { top: 1 })).results[0]?.sectionId;
}

export async function summarizeSection(desk: DeskReader, request: SummaryRequest, text: Messages): Promise<Reply> {
  const summary = await desk.summaryById(request.sectionId);
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

/** A menu holds at most this many options (Discord's limit). */
const MENU_OPTIONS = 25;

/**
 * The sections carrying exactly the heading typed, when what was typed is neither an id nor a name
 * as shown (labels are unique): with more than one, the user picks instead of getting the first.
 */
async function sectionsCalled(desk: DeskReader, value: string): Promise<OutlineEntry[]> {
  const typed = value.trim();
  if (typed === '' || (await desk.summaryById(typed)) !== undefined) return [];
  const key = nameKey(typed);
  const headed = (await desk.outline()).filter((entry) => entry.level > 0);
  if (headed.some((entry) => sectionNameForms(entry.docName, entry).some((form) => nameKey(form) === key))) return [];
  return headed.filter((entry) => nameKey(entry.title) === key);
}

/** /summary with a value that may not be an id. */
export async function summarizeValue(desk: DeskReader, value: string, context: FollowUpContext, text: Messages): Promise<Reply> {
  const nothing = await nothingServedReply(desk, text);
  if (nothing !== undefined) return nothing;
  const several = await sectionsCalled(desk, value);
  if (several.length > 1) {
    const menu = sectionMenu(several.slice(0, MENU_OPTIONS), context, text);
    return { ...emptyReply('unknown', true), notes: [text.severalSections(value.trim(), several.length)], menu };
  }
  const sectionId = await resolveSectionValue(desk, value);
  if (sectionId === undefined) return { ...emptyReply('unknown', true), notes: [text.unknownSection(value.trim())] };
  return summarizeSection(desk, { sectionId, ...context }, text);
}
