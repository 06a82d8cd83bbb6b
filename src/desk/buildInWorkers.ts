/**
 * Reading, cleaning and tokenizing on every core: the files are cut into slices of consecutive
 * files, and the calling thread and worker threads each claim the next slice from a shared counter
 * (Atomics.add) as soon as they are free — nobody hands work out, so a thread that finishes never
 * waits for a busy one — and the results are joined in document order: the same documents,
 * problems and term ids as one thread would produce (see mergeTokenized). Then the calling thread
 * imports them into FlexSearch (PassageIndex.fromTokenized).
 */
import { isMainThread, type Worker } from 'node:worker_threads';
import { startWorker } from '../config/install.ts';
import { readDocuments, type DocumentFile, type FileDigest, type LoadOptions } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem, SourceDocument } from '../corpus/types.ts';
import { SliceTokenizer, TokenizedMerger, type IndexEntry, type TokenizedPassages, type TokenizedSlice } from '../search/tokenizedPassages.ts';
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
  /** Term ids of the thread that built the slice (see SliceTokenizer). */
  tokenized: TokenizedSlice;
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
  /** How many slices this thread and the worker threads built (the whole corpus is one slice on one thread). */
  slicesBuilt: { here: number; inWorkers: number };
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

/** Reads, cleans and tokenizes files on the calling thread, into the term table of this thread's tokenizer. */
export async function buildSlice(slice: BuildSlice, tokenizer: SliceTokenizer): Promise<BuiltSlice> {
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
      tokenized: tokenizer.tokenize(indexEntriesOf(documents)),
      digests: read.digests,
    };
  });
}

/**
 * Slices that shrink as the work runs out (guided scheduling): each takes 1/(2 × threads) of the
 * bytes left, at most a quarter of a thread's share (progress is told per slice) and no less than
 * SLICE_BYTES. Big slices first keep messages few; small ones last keep a thread from finishing
 * its last slice long after the others have run out. The first slice, which this thread builds
 * while the workers start, is half a thread's share.
 */
function slicesOf(files: readonly DocumentFile[], threads: number, loading: LoadOptions): BuildSlice[] {
  const slices: BuildSlice[] = [];
  let left = files.reduce((n, f) => n + Math.max(0, f.size), 0);
  const largest = Math.max(SLICE_BYTES, left / (4 * threads));
  const sliceBytesFor = (remaining: number): number => Math.max(SLICE_BYTES, Math.min(largest, remaining / (2 * threads)));
  let current: DocumentFile[] = [];
  let bytes = 0;
  let sliceBytes = Math.max(SLICE_BYTES, left / (2 * threads));
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

function joinSlices(built: readonly BuiltSlice[], tokenized: TokenizedPassages, builtHere: number): CleanedCorpus {
  return {
    documents: built.flatMap((b) => b.documents),
    problems: [...built.flatMap((b) => b.readProblems), ...built.flatMap((b) => b.cleanProblems)],
    tokenized,
    digests: built.flatMap((b) => b.digests),
    slicesBuilt: { here: builtHere, inWorkers: built.length - builtHere },
  };
}

/** What a build worker is sent, once per build: every slice, and the counter it claims them from. */
export interface BuildJob {
  slices: BuildSlice[];
  /** Int32 [next slice index]: every thread claims its next slice with Atomics.add, no one hands them out. */
  next: SharedArrayBuffer;
  /**
   * The build runs behind a process main thread that serves something else (the bot's gateway):
   * the workers lower their scheduling priority so that it keeps a core whenever it needs one.
   */
  background: boolean;
  /** About how many distinct terms each thread meets, to size its term table. */
  expectedTerms: number;
}

/** What a build worker posts: each slice it built, then that there are none left. */
export type BuildWorkerMessage = { type: 'ready' } | { type: 'built'; built: BuiltSlice } | { type: 'done' };

/** The next slice index to build, taken from the shared counter (past the end when none are left). */
export function claimSlice(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/**
 * Build worker threads, started before the files are known (their modules load while the folder
 * is listed) and used by one buildInWorkers call, or closed unused when the corpus is small.
 */
export class BuildWorkers {
  private readonly loaded: Promise<void>;
  private readonly exited: Promise<void>;
  /** Why a worker failed or ended before it was given its job (so that run rejects at once). */
  private readonly lost = new Map<Worker, Error>();

  private constructor(private readonly workers: Worker[]) {
    const all = (each: (worker: Worker, resolve: () => void) => void): Promise<void> =>
      Promise.all(workers.map((worker) => new Promise<void>((resolve) => each(worker, resolve)))).then(() => undefined);
    this.loaded = all((worker, resolve) => worker.on('message', (message: BuildWorkerMessage) => message.type === 'ready' && resolve()));
    this.exited = all((worker, resolve) => worker.once('exit', () => resolve()));
    for (const worker of workers) {
      // Listened to from the start: a worker that fails while it loads must not crash a process that then never uses it.
      worker.on('error', (error) => this.lost.set(worker, error));
      worker.on('exit', (code) => this.lost.has(worker) || this.lost.set(worker, new Error(`a build worker exited (code ${code}) before its work was done`)));
    }
  }

  static start(count: number): BuildWorkers {
    return new BuildWorkers(Array.from({ length: Math.max(0, count) }, () => startWorker('src/desk/buildWorker.ts', 'buildWorker')));
  }

  /** Resolves once every worker has loaded its modules and waits for a job. */
  ready(): Promise<void> {
    return this.loaded;
  }

  /**
   * Runs the job on every worker; resolves when each has said it is done (or rejects when one
   * fails). `arrived` hears each slice with the worker that built it (whose term ids it holds).
   */
  run(job: BuildJob, arrived: (built: BuiltSlice, from: Worker) => void): Promise<void> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const lost = this.lost.get(worker);
            if (lost !== undefined) return reject(lost);
            worker.on('message', (message: BuildWorkerMessage) => {
              if (message.type === 'built') arrived(message.built, worker);
              else if (message.type === 'done') resolve();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`a build worker exited (code ${code}) before its work was done`)));
            worker.postMessage(job);
          }),
      ),
    ).then(() => undefined);
  }

  /** Resolves once every worker thread has ended. */
  ended(): Promise<void> {
    return this.exited;
  }

  /** Ends the workers (buildInWorkers does not wait for them to stop: see ended). */
  close(): Promise<void> {
    return Promise.all(this.workers.map((worker) => worker.terminate())).then(() => undefined);
  }
}

/**
 * Starts the build workers while the folder is being listed, as soon as the files listed so far
 * are enough to be built on several threads: their modules load during the rest of the listing,
 * and a small corpus never starts them.
 */
export class WorkersWhileListing {
  private bytes = 0;
  private workers: BuildWorkers | undefined;

  constructor(private readonly threads: number) {}

  /** For listDocuments' onListed. */
  readonly listed = (file: DocumentFile): void => {
    this.bytes += Math.max(0, file.size);
    if (this.workers === undefined && this.threads > 1 && this.bytes >= PARALLEL_FROM_BYTES) this.workers = BuildWorkers.start(this.threads - 1);
  };

  /** The workers started, if the listing got that far. */
  get started(): BuildWorkers | undefined {
    return this.workers;
  }
}

/** Lets queued messages (slices other threads finished) in between two slices built on this thread. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads, cleans and tokenizes the files on up to `threads` threads: this one and worker threads
 * (all on this one when the corpus is small or one thread is all there is). `onProgress` hears
 * how many files are done. `started`: workers started ahead for this build (closed here when
 * they are not needed); else they are started here.
 */
export async function buildInWorkers(
  files: readonly DocumentFile[],
  threads: number,
  onProgress?: (done: number, total: number) => void,
  loading: LoadOptions = {},
  started?: BuildWorkers,
): Promise<CleanedCorpus> {
  const bytes = files.reduce((n, f) => n + Math.max(0, f.size), 0);
  const slices = slicesOf(files, threads, loading);
  // This thread builds slices too: it has the modules loaded and warm, and would otherwise only wait.
  const workerCount = Math.min(threads, slices.length) - 1;
  // About one distinct term per 16 bytes of UTF-8: only the files' sizes are known before they are
  // read (expectedTermsIn estimates the same from characters, for text already in hand).
  const expectedTerms = Math.min(1 << 21, bytes / 16);
  const merger = new TokenizedMerger(expectedTerms);
  if (workerCount < 1 || bytes < PARALLEL_FROM_BYTES) {
    void started?.close();
    const tokenizer = new SliceTokenizer(expectedTerms, true);
    const whole = await buildSlice({ slice: 0, files: [...files], loading }, tokenizer);
    merger.add(whole.tokenized, tokenizer);
    return joinSlices([whole], merger.finish(), 1);
  }

  // Slices are joined in order as soon as they and those before them are in (each with the thread
  // whose term ids it holds): while the workers still tokenize, this thread is merging.
  const built = new Array<{ result: BuiltSlice; from: object } | undefined>(slices.length);
  let merged = 0;
  let done = 0;
  const arrived = (result: BuiltSlice, from: object): void => {
    built[result.slice] = { result, from };
    for (; merged < slices.length && built[merged] !== undefined; merged++) merger.add(built[merged]!.result.tokenized, built[merged]!.from);
    done += slices[result.slice].files.length;
    onProgress?.(done, files.length);
  };
  const workers = started ?? BuildWorkers.start(workerCount);
  // Slice 0 is this thread's, built while the workers start: the merge starts from a copy of this
  // thread's term table (see SliceTokenizer.tableOnlyAfter), so that table is sized for all the
  // terms, where the merge would otherwise rehash it at once. A worker meets a share of the terms:
  // a table sized for all of them would be probed across more memory at every token.
  const expectedTermsPerThread = expectedTerms / (workerCount + 1);
  const here = new SliceTokenizer(expectedTerms);
  const next = new Int32Array(new SharedArrayBuffer(4));
  next[0] = 1;
  let failed = false;
  let builtHere = 0;
  const buildHere = async (): Promise<void> => {
    for (let slice = 0; slice < slices.length && !failed; slice = claimSlice(next)) {
      arrived(await buildSlice(slices[slice], here), here);
      builtHere++;
      await nextTurn();
    }
  };
  try {
    // Built off the process main thread (the desk's worker of the bot), the build is background work.
    const job: BuildJob = { slices, next: next.buffer as SharedArrayBuffer, background: !isMainThread, expectedTerms: expectedTermsPerThread };
    await Promise.all([buildHere(), workers.run(job, arrived)]);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Not awaited: every worker has said it is done (or one failed), and the join need not wait for the threads to stop.
    void workers.close();
  }
  return joinSlices(
    built.map((slice) => slice!.result),
    merger.finish(),
    builtHere,
  );
}
