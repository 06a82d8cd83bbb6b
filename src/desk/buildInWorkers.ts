/**
 * Reading, cleaning and tokenizing on every core: the files are cut into slices of consecutive
 * files, the calling thread and worker threads take them one at a time (a slow slice does not hold
 * the others up), and the results are joined in document order — the same documents, problems and
 * term ids as one thread would produce (see mergeTokenized). Then the calling thread imports them
 * into FlexSearch (PassageIndex.fromTokenized).
 */
import { startWorker } from '../config/install.ts';
import { readDocuments, type DocumentFile, type FileDigest, type LoadOptions } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem, SourceDocument } from '../corpus/types.ts';
import { tokenizePassages, TokenizedMerger, type IndexEntry, type TokenizedPassages } from '../search/tokenizedPassages.ts';
import { cleanDocument } from '../corpus/cleanDocument.ts';
import { rememberingFolds } from '../text/foldText.ts';

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
const SLICE_BYTES = 200_000;
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
  // Most passages are a paragraph as cleaning folded it: tokenizing finds its fold remembered.
  return rememberingFolds(() => {
    const documents = cleanSources(read.documents, cleanProblems);
    return {
      slice: slice.slice,
      documents,
      readProblems: read.problems,
      cleanProblems,
      tokenized: tokenizePassages(indexEntriesOf(documents)),
      digests: read.digests,
    };
  });
}

/**
 * Slices that shrink as the work runs out (guided scheduling): each takes 1/(2 × threads) of the
 * bytes left, at most a quarter of a thread's share (progress is told per slice) and no less than
 * SLICE_BYTES. Big slices first keep merging cheap; small ones last keep a thread from finishing
 * its last slice long after the others have run out.
 */
function slicesOf(files: readonly DocumentFile[], threads: number, loading: LoadOptions): BuildSlice[] {
  const slices: BuildSlice[] = [];
  let left = files.reduce((n, f) => n + Math.max(0, f.size), 0);
  const largest = Math.max(SLICE_BYTES, left / (4 * threads));
  const sliceBytesFor = (remaining: number): number => Math.max(SLICE_BYTES, Math.min(largest, remaining / (2 * threads)));
  let current: DocumentFile[] = [];
  let bytes = 0;
  let sliceBytes = sliceBytesFor(left);
  for (const file of files) {
    current.push(file);
    bytes += Math.max(0, file.size);
    if (bytes >= sliceBytes || current.length >= SLICE_FILES) {
      slices.push({ slice: slices.length, files: current, loading });
      left -= bytes;
      sliceBytes = sliceBytesFor(left);
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
 * Reads, cleans and tokenizes the files on up to `threads` threads: this one and worker threads
 * (all on this one when the corpus is small or one thread is all there is). `onProgress` hears
 * how many files are done.
 */
export async function buildInWorkers(
  files: readonly DocumentFile[],
  threads: number,
  onProgress?: (done: number, total: number) => void,
  loading: LoadOptions = {},
): Promise<CleanedCorpus> {
  const bytes = files.reduce((n, f) => n + Math.max(0, f.size), 0);
  const slices = slicesOf(files, threads, loading);
  // This thread builds slices too: it has the modules loaded and warm, and would otherwise only wait.
  const workerCount = Math.min(threads, slices.length) - 1;
  if (workerCount < 1 || bytes < PARALLEL_FROM_BYTES) {
    const whole = await buildSlice({ slice: 0, files: [...files], loading });
    return joinSlices([whole], whole.tokenized);
  }

  const built = new Array<BuiltSlice | undefined>(slices.length);
  // Slices are joined in order as soon as they and those before them are in: while the workers
  // still tokenize, this thread is merging.
  // About one distinct term per 16 bytes of UTF-8 (see tokenizePassages).
  const merger = new TokenizedMerger(Math.min(1 << 21, bytes / 16));
  let merged = 0;
  let next = 0;
  let done = 0;
  const arrived = (result: BuiltSlice): void => {
    built[result.slice] = result;
    for (; merged < slices.length && built[merged] !== undefined; merged++) merger.add(built[merged]!.tokenized);
    done += slices[result.slice].files.length;
    onProgress?.(done, files.length);
  };
  const workers = Array.from({ length: workerCount }, () => startWorker('src/desk/buildWorker.ts', 'buildWorker'));
  const buildHere = async (): Promise<void> => {
    while (next < slices.length) arrived(await buildSlice(slices[next++]));
  };
  try {
    await Promise.all([
      buildHere(),
      ...workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const handOut = (): void => {
              if (next >= slices.length) return resolve();
              worker.postMessage(slices[next++]);
            };
            worker.on('message', (result: BuiltSlice) => {
              arrived(result);
              handOut();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`a build worker exited (code ${code}) before its work was done`)));
            handOut();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return joinSlices(built as BuiltSlice[], merger.finish());
}
