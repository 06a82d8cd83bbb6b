/**
 * A worker thread of buildInWorkers: claims slices of the files from the shared counter until none
 * are left, reads, cleans and tokenizes each, and posts the cleaned documents and the term ids
 * back (the typed arrays transferred, not copied) without waiting for the parent to take them.
 */
import { parentPort } from 'node:worker_threads';
import { buffersOf } from '../search/tokenizedPassages.ts';
import { buildSlice, claimSlice, type BuildJob, type BuildWorkerMessage } from './buildInWorkers.ts';

const post = (message: BuildWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);

parentPort?.on('message', async ({ slices, next }: BuildJob) => {
  const counter = new Int32Array(next);
  for (let slice = claimSlice(counter); slice < slices.length; slice = claimSlice(counter)) {
    const built = await buildSlice(slices[slice]);
    post({ type: 'built', built }, buffersOf(built.tokenized));
  }
  post({ type: 'done' });
});
post({ type: 'ready' });
