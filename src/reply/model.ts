/**
 * The neutral reply model: what a command answers, described without any platform. The Discord
 * renderer turns it into a message payload, the terminal renderer into text. All text here is
 * plain (not escaped, not marked up); offsets are Unicode code points.
 */

/** Where a quote or summary comes from. */
export interface SourceRef {
  doc: string;
  sectionPath: string[];
  line: number;
}

/** A quoted excerpt of a document with the matched terms to emphasise. */
export interface Quote {
  text: string;
  /** [start, end) code point ranges of `text` to show in bold. */
  bold: Array<[number, number]>;
  clippedStart: boolean;
  clippedEnd: boolean;
  source: SourceRef;
  /** Localized "document › section, line N". */
  citation: string;
}

export interface SummaryBlock {
  /** Heading path of the section, top level first. */
  path: string[];
  text: string;
  empty: boolean;
  source: SourceRef;
  citation: string;
}

/** One row of a listing (outline, documents, statistics). */
export interface ReplyLine {
  text: string;
  /** Nesting depth, 0 for top level. */
  indent: number;
  /** A short remark shown after the text, e.g. "(empty)". */
  note?: string;
}

/** A /ask result page: what "More" and "Send in chat" need to produce it again. */
export interface AskSubject {
  kind: 'ask';
  query: string;
  offset: number;
}

export interface SummarySubject {
  kind: 'summary';
  sectionId: string;
}

export interface OutlineSubject {
  kind: 'outline';
  document?: string;
  page: number;
}

/** The context every follow-up keeps from the original command. */
export interface FollowUpContext {
  hidden: boolean;
  /** User id to mention; the only mention a reply may make. */
  mention?: string;
}

/**
 * A button, described by what pressing it does. `replace` edits the message it sits on, `new`
 * answers with another message.
 */
export type ReplyAction =
  | ({ kind: 'more'; label: string; subject: AskSubject } & FollowUpContext)
  | ({ kind: 'summary'; label: string; subject: SummarySubject } & FollowUpContext)
  | ({ kind: 'page'; label: string; subject: OutlineSubject } & FollowUpContext)
  | { kind: 'share'; label: string; subject: AskSubject | SummarySubject; mention?: string };

export type ReplyActionKind = ReplyAction['kind'];

/** A choice among sections ("did you mean"); picking one shows that section's summary. */
export interface ReplyMenu extends FollowUpContext {
  placeholder: string;
  options: Array<{ label: string; description?: string; sectionId: string }>;
}

/** How the reply went, for the interaction log. */
export type ReplyOutcome = 'answered' | 'miss' | 'empty' | 'invalid' | 'unknown' | 'listed' | 'loading' | 'closing';

export interface Reply {
  /** Short heading line. */
  title?: string;
  /** Plain sentences shown under the title. */
  notes: string[];
  quotes: Quote[];
  summary?: SummaryBlock;
  lines: ReplyLine[];
  actions: ReplyAction[];
  menu?: ReplyMenu;
  /** Only the invoker sees it. */
  hidden: boolean;
  /** User id to address in a leading line. */
  mention?: string;
  /** Localized leading line for the mention ("this may help"). */
  mentionLine?: string;
  outcome: ReplyOutcome;
  /** How many results (quotes, sections, entries) the reply carries, for logs. */
  resultCount: number;
}

/** A reply with nothing in it yet; composers fill in what they need. */
export function emptyReply(outcome: ReplyOutcome, hidden: boolean): Reply {
  return { notes: [], quotes: [], lines: [], actions: [], hidden, outcome, resultCount: 0 };
}
