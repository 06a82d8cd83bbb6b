/**
 * What a command hears while the first documents are still loading and it has waited long enough
 * to be told: the progress, and either that the answer follows or that it should ask again.
 */
import type { LoadingProgress } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { emptyReply, type Reply } from './model.ts';

/** The sentence a deferred reply shows while it waits; the answer replaces it. */
export function loadingNotice(progress: LoadingProgress | undefined, text: Messages): string {
  return `${text.documentsLoading(progress)} ${text.answerFollows}`;
}

/** The reply when the documents are still not in and the reply cannot wait any longer. */
export function stillLoadingReply(progress: LoadingProgress | undefined, text: Messages): Reply {
  return { ...emptyReply('loading', true), notes: [`${text.documentsLoading(progress)} ${text.askAgainLater}`] };
}
