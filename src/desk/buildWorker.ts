/**
 * A worker thread of buildInWorkers: reads, cleans and tokenizes a slice of the files, then posts
 * the cleaned documents and the term ids back (the typed arrays transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { buffersOf } from '../search/tokenizedPassages.ts';
import { buildSlice, type BuildSlice } from './buildInWorkers.ts';

parentPort?.on('message', (slice: BuildSlice) => {
  void buildSlice(slice).then((built) => parentPort?.postMessage(built, buffersOf(built.tokenized)));
});
