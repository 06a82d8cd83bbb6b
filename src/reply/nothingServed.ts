/**
 * A desk that serves no document at all (an empty folder, or one whose every file was skipped)
 * says so and why, instead of "nothing matches": the person asking can do nothing about the
 * question, the person running the bot can about the folder.
 */
import { visibleText } from '../text/visibleText.ts';
import type { LoadProblem } from '../desk/types.ts';
import type { DeskReader } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { emptyReply, type Reply } from './model.ts';

/** How many of the problems the sentence names; the rest are counted. */
const NAMED_PROBLEMS = 3;

/**
 * The first `limit` files not served, each as its name (control characters made visible) and
 * reason, and how many more there are: what /about and the "nothing served" sentence show.
 */
export function namedProblems(problems: readonly LoadProblem[], limit: number): { named: Array<{ path: string; reason: string }>; more: number } {
  const named = problems.slice(0, limit).map((problem) => ({ path: visibleText(problem.path), reason: visibleText(problem.reason) }));
  return { named, more: problems.length - named.length };
}

/** Why nothing is served, from what the desk reported while loading. */
function whyNothingServed(desk: DeskReader, text: Messages): string {
  if (desk.problems.length === 0) return text.noDocumentFiles;
  const { named, more } = namedProblems(desk.problems, NAMED_PROBLEMS);
  const sentence = named.map(({ path, reason }) => `${path} ${reason}`).join('; ');
  return more > 0 ? `${sentence} ${text.moreProblems(more)}` : sentence;
}

/** The reply for a desk with no documents, or undefined when there is something to serve. */
export async function nothingServedReply(desk: DeskReader, text: Messages): Promise<Reply | undefined> {
  if ((await desk.stats()).documents > 0) return undefined;
  return { ...emptyReply('empty', true), notes: [text.noDocumentsServed(whyNothingServed(desk, text), desk.seedsDir)] };
}
