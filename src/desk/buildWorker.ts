/**
 * A worker thread of buildInWorkers: claims slices of the files from the shared counter until none
 * are left, reads, cleans and tokenizes each (into one term table for all of them), and posts the
 * cleaned documents and the term ids back (the typed arrays transferred, not copied) without
 * waiting for the parent to take them.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { buffersOf, SliceTokenizer } from '../search/tokenizedPassages.ts';
import { buildSlice, claimSlice, type BuildJob, type BuildWorkerMessage } from './buildInWorkers.ts';

const post = (message: BuildWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);

/**
 * Lowers this thread's scheduling priority (its own nice value: on Linux, /proc/thread-self names
 * the thread, and setpriority on a thread id applies to that thread alone). Where that is not
 * possible the build simply runs at the process's priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: nothing to lower.
  }
}

parentPort?.on('message', async ({ slices, next, background, expectedTerms }: BuildJob) => {
  if (background) lowerThisThreadsPriority();
  const counter = new Int32Array(next);
  // One term table for every slice of this job: each slice sends only the terms new to this thread.
  const tokenizer = new SliceTokenizer(expectedTerms);
  for (let slice = claimSlice(counter); slice < slices.length; slice = claimSlice(counter)) {
    const built = await buildSlice(slices[slice], tokenizer);
    post({ type: 'built', built }, buffersOf(built.tokenized));
  }
  post({ type: 'done' });
});
post({ type: 'ready' });
