/** /ask: search results as quoted excerpts with their sources, or a plain miss with "did you mean". */
import type { Answer, OutlineEntry, SearchHit } from '../desk/types.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { nothingServedReply } from './nothingServed.ts';
import { emptyReply, type FollowUpContext, type Quote, type Reply, type ReplyAction, type ReplyMenu } from './model.ts';

export const RESULTS_PER_PAGE = 3;
export const DID_YOU_MEAN_OPTIONS = 5;

export interface AskRequest extends FollowUpContext {
  query: string;
  /** How many of the best results to skip ("More"). */
  offset: number;
}

/** Collapses white space so that one question typed two ways shares a cache key and a title. */
export function normalizeQuestion(query: string): string {
  return query.replace(/\s+/gu, ' ').trim();
}

export function quoteOf(hit: SearchHit, text: Messages): Quote {
  return {
    text: hit.excerpt,
    bold: hit.matches.map(([start, end]) => [start, end] as [number, number]),
    clippedStart: hit.clippedStart,
    clippedEnd: hit.clippedEnd,
    source: { doc: hit.doc, sectionPath: hit.sectionPath, line: hit.line },
    citation: text.citation(hit.docName, hit.citedPath, hit.line),
  };
}

/** Sections to pick from, as a menu that keeps the original reply's context: each by its heading, under its document's name. */
export function sectionMenu(entries: readonly OutlineEntry[], context: FollowUpContext, text: Messages): ReplyMenu | undefined {
  const options = entries.map((entry) => ({
    label: entry.citedPath.at(-1) ?? entry.docName,
    // The document's top is its name already: nothing above it to say.
    description: entry.citedPath.length > 0 ? [entry.docName, ...entry.citedPath.slice(0, -1)].join(' › ') : undefined,
    sectionId: entry.sectionId,
  }));
  if (options.length === 0) return undefined;
  return { placeholder: text.didYouMean, options, hidden: context.hidden, mention: context.mention };
}

/** The closest sections to typed text. Only sections with text: pointing a miss at an empty section answers nothing. */
export async function didYouMeanMenu(desk: DeskReader, typed: string, context: FollowUpContext, text: Messages): Promise<ReplyMenu | undefined> {
  return sectionMenu(await desk.suggestSections(typed, DID_YOU_MEAN_OPTIONS, { withText: true }), context, text);
}

/** Adds the leading mention line a `mention` option asks for. */
export function withMention(reply: Reply, mention: string | undefined, text: Messages): Reply {
  if (mention === undefined) return reply;
  return { ...reply, mention, mentionLine: text.mentionLine };
}

/**
 * The reply for one page of search results. `menu` is what a miss offers instead ("did you mean");
 * without a desk at hand (the CLI renders a ready Answer) there is none.
 */
export function replyFromAnswer(answer: Answer, request: AskRequest, text: Messages, menu?: ReplyMenu): Reply {
  const query = normalizeQuestion(request.query);
  const offset = Math.max(0, Math.floor(request.offset));
  const context: FollowUpContext = { hidden: request.hidden, mention: request.mention };
  if (answer.results.length === 0) {
    if (offset > 0) return { ...emptyReply('empty', request.hidden), notes: [text.noMoreResults(query)] };
    // A miss is said plainly to the invoker only: nobody else needs to see it.
    return { ...emptyReply('miss', true), notes: [text.nothingFound(query)], menu };
  }

  const subject = { kind: 'ask', query, offset } as const;
  const actions: ReplyAction[] = [];
  const seenSections = new Set<string>();
  answer.results.forEach((hit, i) => {
    if (seenSections.has(hit.sectionId)) return;
    seenSections.add(hit.sectionId);
    // Short names are unique in the corpus, so two buttons never read the same.
    actions.push({ kind: 'summary', label: text.summaryButton(i + 1, hit.shortName), subject: { kind: 'summary', sectionId: hit.sectionId }, ...context });
  });
  const shown = offset + answer.results.length;
  if (shown < answer.total) {
    actions.push({ kind: 'more', label: text.moreButton, subject: { kind: 'ask', query, offset: shown }, ...context });
  }
  if (request.hidden) actions.push({ kind: 'share', label: text.shareButton, subject, mention: request.mention });

  const reply: Reply = {
    ...emptyReply('answered', request.hidden),
    title: text.resultsTitle(query, offset + 1, shown, Math.max(answer.total, shown)),
    quotes: answer.results.map((hit) => quoteOf(hit, text)),
    actions,
    resultCount: answer.results.length,
  };
  return withMention(reply, request.mention, text);
}

export async function answerQuestion(desk: DeskReader, request: AskRequest, text: Messages): Promise<Reply> {
  const nothing = await nothingServedReply(desk, text);
  if (nothing !== undefined) return nothing;
  const query = normalizeQuestion(request.query);
  if (query === '') return { ...emptyReply('invalid', true), notes: [text.emptyQuestion] };
  const offset = Math.max(0, Math.floor(request.offset));
  const answer = await desk.search(query, { top: RESULTS_PER_PAGE, offset });
  const menu =
    answer.results.length === 0 && offset === 0
      ? await didYouMeanMenu(desk, query, { hidden: request.hidden, mention: request.mention }, text)
      : undefined;
  return replyFromAnswer(answer, { ...request, query, offset }, text, menu);
}
