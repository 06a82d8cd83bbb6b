/**
 * The console's status line while the first documents load: one line on the terminal, rewritten
 * in place as the count moves ("The documents are still loading (1,234 of 5,000 files)…"), and
 * erased once they are in, before the banner. Only for a person at a terminal: on a pipe the
 * output carries replies and nothing else.
 */
import type { LoadingProgress } from '../reply/deskReader.ts';
import type { Messages } from '../reply/messages.ts';

/** Where the progress comes from (LiveDesk). */
export interface LoadingProgressSource {
  loadingProgress(): LoadingProgress | undefined;
  onLoadingProgress(listener: (progress: LoadingProgress) => void): () => void;
}

/** Return to the line's start and clear it (works on every terminal the console supports). */
const REWRITE_LINE = '\r\x1b[K';

/** Shows the status line until the returned function is called, which erases it. */
export function showLoadingStatus(source: LoadingProgressSource, terminal: NodeJS.WritableStream, text: Messages): () => void {
  let shown: string | undefined;
  const show = (progress: LoadingProgress | undefined): void => {
    const line = text.documentsLoading(progress);
    if (line === shown) return;
    shown = line;
    terminal.write(`${REWRITE_LINE}${line}`);
  };
  show(source.loadingProgress());
  const stopHearing = source.onLoadingProgress(show);
  return () => {
    stopHearing();
    terminal.write(REWRITE_LINE);
  };
}
