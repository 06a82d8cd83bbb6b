/**
 * A desk that serves no document at all (an empty folder, or one whose every file was skipped)
 * says so and why, instead of "nothing matches": the person asking can do nothing about the
 * question, the person running the bot can about the folder.
 */
import { visibleText } from '../text/visibleText.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { emptyReply, type Reply } from './model.ts';

/** How many of the problems the sentence names; the rest are counted. */
const NAMED_PROBLEMS = 3;

/** Why nothing is served, from what the desk reported while loading. */
function whyNothingServed(desk: DeskReader, text: Messages): string {
  const problems = desk.problems;
  if (problems.length === 0) return text.noDocumentFiles;
  const named = problems.slice(0, NAMED_PROBLEMS).map((problem) => `${visibleText(problem.path)} ${visibleText(problem.reason)}`);
  const more = problems.length - named.length;
  return more > 0 ? `${named.join('; ')} ${text.moreProblems(more)}` : named.join('; ');
}

/** The reply for a desk with no documents, or undefined when there is something to serve. */
export function nothingServedReply(desk: DeskReader, text: Messages): Reply | undefined {
  if (desk.stats().documents > 0) return undefined;
  return { ...emptyReply('empty', true), notes: [text.noDocumentsServed(whyNothingServed(desk, text), desk.seedsDir)] };
}
