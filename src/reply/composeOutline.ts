/** /sections: the documents, or one document's headings with empty ones marked, page by page. */
import { nameKey } from '../desk/documentNames.ts';
import { findDocument } from '../desk/findDocument.ts';
import { visibleText } from '../text/visibleText.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { nothingServedReply } from './nothingServed.ts';
import { emptyReply, type FollowUpContext, type Reply, type ReplyAction, type ReplyLine } from './model.ts';

export const OUTLINE_PAGE_SIZE = 15;

export interface OutlineRequest extends FollowUpContext {
  /** A document path or title; absent lists the documents. */
  document?: string;
  /** 1-based. */
  page: number;
}

function paginate(reply: Reply, lines: ReplyLine[], request: OutlineRequest, text: Messages): Reply {
  const pages = Math.max(1, Math.ceil(lines.length / OUTLINE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(request.page)), pages);
  const actions: ReplyAction[] = [];
  const context: FollowUpContext = { hidden: request.hidden, mention: request.mention };
  const at = (target: number) => ({ kind: 'outline', document: request.document, page: target }) as const;
  if (page > 1) actions.push({ kind: 'page', label: text.previousPage, subject: at(page - 1), ...context });
  if (page < pages) actions.push({ kind: 'page', label: text.nextPage, subject: at(page + 1), ...context });
  return {
    ...reply,
    lines: lines.slice((page - 1) * OUTLINE_PAGE_SIZE, page * OUTLINE_PAGE_SIZE),
    notes: pages > 1 ? [...reply.notes, text.pageNote(page, pages)] : reply.notes,
    actions,
  };
}

export async function listSections(desk: DeskReader, request: OutlineRequest, text: Messages): Promise<Reply> {
  const nothing = await nothingServedReply(desk, text);
  if (nothing !== undefined) return nothing;
  const documents = await desk.documents();
  if (request.document === undefined || request.document.trim() === '') {
    const lines = documents.map((info) => ({ text: text.documentLine(info.name, visibleText(info.doc), info.sections, info.passages), indent: 0 }));
    const reply = { ...emptyReply('listed', request.hidden), title: text.documentsTitle(documents.length), resultCount: documents.length };
    return paginate(reply, lines, request, text);
  }
  const info = findDocument(documents, request.document);
  if (info === undefined) {
    const typed = request.document.trim();
    const sameTitle = documents.filter((entry) => nameKey(entry.title) === nameKey(typed));
    const note =
      sameTitle.length > 1
        ? text.severalDocuments(typed, sameTitle.map((entry) => entry.name))
        : text.unknownDocument(typed, documents.map((entry) => entry.name));
    return { ...emptyReply('unknown', true), notes: [note] };
  }
  const entries = await desk.outline(info.doc);
  const lines = entries.map((entry) => ({
    text: visibleText(entry.title || entry.doc),
    indent: Math.max(0, entry.level - 1),
    note: entry.empty ? text.emptyMark : undefined,
  }));
  const reply = { ...emptyReply('listed', request.hidden), title: text.outlineTitle(info.name, visibleText(info.doc)), resultCount: entries.length };
  // Paging buttons carry the resolved path, so a later page never depends on how the name was typed.
  return paginate(reply, lines, { ...request, document: info.doc }, text);
}
