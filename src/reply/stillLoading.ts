/**
 * What a command hears while the first documents are still loading and it has waited long enough
 * to be told: the progress, and either that the answer follows or that it should ask again.
 */
import type { LoadingProgress } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { emptyReply, type Reply } from './model.ts';

/** The sentence shown while an interaction waits; `then` says what happens once they are in. */
export function loadingNotice(progress: LoadingProgress | undefined, text: Messages, then = text.answerFollows): string {
  return `${text.documentsLoading(progress)} ${then}`;
}

/** The reply when the documents are still not in and the reply cannot wait any longer; `askAgain` ends it. */
export function stillLoadingReply(progress: LoadingProgress | undefined, text: Messages, askAgain = text.askAgainLater): Reply {
  return { ...emptyReply('loading', true), notes: [`${text.documentsLoading(progress)} ${askAgain}`] };
}
