/**
 * What pressing a button or picking from a menu does, the same for Discord and the console.
 * `replace` edits the message the button sits on; `new` answers with another message.
 */
import { answerQuestion } from './composeAnswer.ts';
import { listSections } from './composeOutline.ts';
import { summarizeSection } from './composeSummary.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import type { Reply, ReplyAction, ReplyMenu } from './model.ts';

export type Placement = 'replace' | 'new';

export interface ActionResult {
  reply: Reply;
  placement: Placement;
}

/** Where an action's answer goes, known before it runs (a deferral must pick its kind up front). */
export function placementOf(action: ReplyAction): Placement {
  return action.kind === 'more' || action.kind === 'page' ? 'replace' : 'new';
}

/** Whether an action's answer will be hidden, known before it runs. */
export function actionHides(action: ReplyAction): boolean {
  return action.kind === 'share' ? false : action.hidden;
}

export async function performAction(desk: DeskReader, action: ReplyAction, text: Messages): Promise<ActionResult> {
  switch (action.kind) {
    case 'more': {
      const { query, offset } = action.subject;
      return { reply: await answerQuestion(desk, { query, offset, hidden: action.hidden, mention: action.mention }, text), placement: placementOf(action) };
    }
    case 'summary':
      return { reply: await summarizeSection(desk, { sectionId: action.subject.sectionId, hidden: action.hidden, mention: action.mention }, text), placement: placementOf(action) };
    case 'page': {
      const { document, page } = action.subject;
      return { reply: await listSections(desk, { document, page, hidden: action.hidden, mention: action.mention }, text), placement: placementOf(action) };
    }
    case 'share': {
      // "Send in chat": the same content again, this time for everyone.
      const subject = action.subject;
      const reply =
        subject.kind === 'ask'
          ? await answerQuestion(desk, { query: subject.query, offset: subject.offset, hidden: false, mention: action.mention }, text)
          : await summarizeSection(desk, { sectionId: subject.sectionId, hidden: false, mention: action.mention }, text);
      return { reply, placement: placementOf(action) };
    }
  }
}

export function menuPlacement(menu: ReplyMenu): Placement {
  return menu.hidden ? 'replace' : 'new';
}

/**
 * A section picked from a "did you mean" menu. A hidden miss turns into the summary in place; for
 * a public question the summary is posted for everyone, as the question was.
 */
export async function pickFromMenu(desk: DeskReader, menu: ReplyMenu, sectionId: string, text: Messages): Promise<ActionResult> {
  const reply = await summarizeSection(desk, { sectionId, hidden: menu.hidden, mention: menu.mention }, text);
  return { reply, placement: menuPlacement(menu) };
}
