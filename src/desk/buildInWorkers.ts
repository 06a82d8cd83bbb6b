/**
 * Reading, cleaning and tokenizing on every core: the files are cut into slices of consecutive
 * files, worker threads take them one at a time (a slow slice does not hold the others up),
 * and the results are joined in document order — the same documents, problems and term ids as one
 * thread would produce (see mergeTokenized). What is left for the calling thread is the FlexSearch
 * import (PassageIndex.fromTokenized), a fraction of the work.
 */
import { startWorker } from '../config/install.ts';
import { readDocuments, type DocumentFile, type FileDigest, type LoadOptions } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem, SourceDocument } from '../corpus/types.ts';
import { tokenizePassages, TokenizedMerger, type IndexEntry, type TokenizedPassages } from '../search/tokenizedPassages.ts';
import { cleanDocument } from '../corpus/cleanDocument.ts';

export interface BuildSlice {
  slice: number;
  files: DocumentFile[];
  /** Following links out of the seeds folder, and the document size limit. */
  loading: LoadOptions;
}

export interface BuiltSlice {
  slice: number;
  documents: CleanDocument[];
  /** Files that could not be read, then documents that could not be cleaned. */
  readProblems: LoadProblem[];
  cleanProblems: LoadProblem[];
  tokenized: TokenizedPassages;
  /** The SHA-256 of the bytes read of each file, with its stat (the index cache's key). */
  digests: FileDigest[];
}

/** The documents read, cleaned and tokenized, with what could not be served in file order. */
export interface CleanedCorpus {
  documents: CleanDocument[];
  problems: LoadProblem[];
  tokenized: TokenizedPassages;
  /** What was read of each file, in file order. */
  digests: FileDigest[];
}

/** Below this much text a worker's start (loading the modules and dictionaries, 0.1–0.3 s) costs more than it saves. */
const PARALLEL_FROM_BYTES = 1_000_000;
/** Smallest slice: big enough that messages are few. */
const SLICE_BYTES = 400_000;
const SLICE_FILES = 2_000;

/** Cleans every source; a document the cleaner chokes on becomes a problem, the others are served. */
export function cleanSources(sources: readonly SourceDocument[], problems: LoadProblem[]): CleanDocument[] {
  const docs: CleanDocument[] = [];
  for (const source of sources) {
    try {
      docs.push(cleanDocument(source));
    } catch (error) {
      problems.push({ path: source.path, reason: `could not be cleaned (${(error as Error).message}); it is left out` });
    }
  }
  return docs;
}

/** What the index holds for each passage, in passage order: its text, and its document title and heading path. */
export function indexEntriesOf(docs: readonly CleanDocument[]): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const doc of docs) {
    for (const passage of doc.passages) {
      const section = doc.sections[passage.section];
      entries.push({ text: passage.text, heading: [doc.title, ...section.path.filter((t) => t !== doc.title)].join(' ') });
    }
  }
  return entries;
}

/** Reads, cleans and tokenizes files on the calling thread. */
export async function buildSlice(slice: BuildSlice): Promise<BuiltSlice> {
  const read = await readDocuments(slice.files, slice.loading);
  const cleanProblems: LoadProblem[] = [];
  const documents = cleanSources(read.documents, cleanProblems);
  return {
    slice: slice.slice,
    documents,
    readProblems: read.problems,
    cleanProblems,
    tokenized: tokenizePassages(indexEntriesOf(documents)),
    digests: read.digests,
  };
}

function slicesOf(files: readonly DocumentFile[], sliceBytes: number, loading: LoadOptions): BuildSlice[] {
  const slices: BuildSlice[] = [];
  let current: DocumentFile[] = [];
  let bytes = 0;
  for (const file of files) {
    current.push(file);
    bytes += Math.max(0, file.size);
    if (bytes >= sliceBytes || current.length >= SLICE_FILES) {
      slices.push({ slice: slices.length, files: current, loading });
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) slices.push({ slice: slices.length, files: current, loading });
  return slices;
}

function joinSlices(built: readonly BuiltSlice[], tokenized: TokenizedPassages): CleanedCorpus {
  return {
    documents: built.flatMap((b) => b.documents),
    problems: [...built.flatMap((b) => b.readProblems), ...built.flatMap((b) => b.cleanProblems)],
    tokenized,
    digests: built.flatMap((b) => b.digests),
  };
}

/**
 * Reads, cleans and tokenizes the files on up to `threads` worker threads (on this thread when
 * the corpus is small or one thread is all there is). `onProgress` hears how many files are done.
 */
export async function buildInWorkers(
  files: readonly DocumentFile[],
  threads: number,
  onProgress?: (done: number, total: number) => void,
  loading: LoadOptions = {},
): Promise<CleanedCorpus> {
  const bytes = files.reduce((n, f) => n + Math.max(0, f.size), 0);
  // About four slices per thread: enough to even out, few enough that merging meets each term rarely twice.
  const slices = slicesOf(files, Math.max(SLICE_BYTES, Math.ceil(bytes / (threads * 4))), loading);
  const workerCount = Math.min(threads, slices.length);
  if (workerCount < 2 || bytes < PARALLEL_FROM_BYTES) {
    const whole = await buildSlice({ slice: 0, files: [...files], loading });
    return joinSlices([whole], whole.tokenized);
  }

  const built = new Array<BuiltSlice | undefined>(slices.length);
  // Slices are joined in order as soon as they and those before them are in: while the workers
  // still tokenize, this thread is merging.
  const merger = new TokenizedMerger();
  let merged = 0;
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: workerCount }, () => startWorker('src/desk/buildWorker.ts', 'buildWorker'));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const handOut = (): void => {
              if (next >= slices.length) return resolve();
              worker.postMessage(slices[next++]);
            };
            worker.on('message', (result: BuiltSlice) => {
              built[result.slice] = result;
              for (; merged < slices.length && built[merged] !== undefined; merged++) merger.add(built[merged]!.tokenized);
              done += slices[result.slice].files.length;
              onProgress?.(done, files.length);
              handOut();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`a build worker exited (code ${code}) before its work was done`)));
            handOut();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return joinSlices(built as BuiltSlice[], merger.finish());
}
