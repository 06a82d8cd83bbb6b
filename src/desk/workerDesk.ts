/**
 * An answer desk that lives in a worker thread, and the main thread's handle on it.
 *
 * Loading a corpus — reading the snapshot, or cleaning and indexing — and the desk's memory stay in
 * the worker, so the main thread (the Discord gateway, interaction deadlines, the console) never
 * blocks on them: FlexSearch objects cannot cross threads, and importing a big index on the main
 * thread blocks it for seconds. Queries stay synchronous, as every reply composer expects: a call
 * posts the request on a MessagePort and waits on a shared flag (Atomics.wait) until the worker has
 * posted the answer, for as long as the search takes — what the same search cost on the main
 * thread before. The worker does nothing but answer once its desk is built, so a call never waits
 * behind other work.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../config/install.ts';
import { DeskLookupError, type AnswerDesk } from './answerDesk.ts';
import type { Answer, DeskStats, DocumentInfo, FaqEntry, LoadProblem, OutlineEntry, SearchOptions, SectionSummary } from './types.ts';
import type { LoadOptions } from '../corpus/loadDocuments.ts';

/** What the desk in the worker answers: the AnswerDesk methods adapters read. */
export type DeskQuery = 'search' | 'summaryById' | 'outline' | 'documents' | 'suggestSections' | 'faq' | 'stats';

export interface DeskRequest {
  id: number;
  method: DeskQuery;
  args: unknown[];
}

export type DeskResponse = { id: number; result: unknown } | { id: number; error: { name: string; message: string; stack?: string } };

/** What the worker is started with. */
export interface DeskWorkerData {
  seedsDir: string;
  cacheDir?: string;
  loading?: LoadOptions;
  /** Worker threads the build may use for cleaning and tokenizing. */
  buildThreads: number;
  port: MessagePort;
  /** Int32 flag the worker sets to 1 (and notifies) after posting each response. */
  signal: SharedArrayBuffer;
}

/** What the worker tells its parent while it loads. */
export type DeskWorkerEvent =
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready'; problems: LoadProblem[] }
  | { type: 'failed'; message: string; stack?: string };

export interface WorkerDeskOptions {
  seedsDir: string;
  cacheDir?: string;
  /** Following links out of the seeds folder, and the document size limit. */
  loading?: LoadOptions;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Documents cleaned so far while the desk is built (not called when it loads from the cache). */
  onProgress?: (done: number, total: number) => void;
  /** Longest a query may take before it fails (the worker is then presumed stuck). */
  callTimeoutMs?: number;
  /** Called when the worker of a desk that was serving ends without being closed (a crash, out of memory). */
  onLost?: (reason: string) => void;
}

const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/** Starts a worker, builds (or loads) the desk there, and resolves once it answers. */
export function openDeskInWorker(options: WorkerDeskOptions): Promise<WorkerDesk> {
  const channel = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const workerData: DeskWorkerData = {
    seedsDir: options.seedsDir,
    cacheDir: options.cacheDir,
    loading: options.loading,
    buildThreads: Math.max(1, availableParallelism()),
    port: channel.port2,
    signal,
  };
  const worker = startWorker('src/desk/deskWorker.ts', 'deskWorker', { workerData, transferList: [channel.port2] });
  return new Promise<WorkerDesk>((resolve, reject) => {
    let settled = false;
    worker.on('message', (event: DeskWorkerEvent) => {
      if (event.type === 'log') options.log?.(event.level, event.message);
      else if (event.type === 'progress') options.onProgress?.(event.done, event.total);
      else if (event.type === 'ready') {
        settled = true;
        // Answering needs no event loop here (calls wait on the shared flag): a serving desk does
        // not keep the process alive.
        worker.unref();
        resolve(new WorkerDesk(options.seedsDir, worker, channel.port1, new Int32Array(signal), event.problems, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, options.onLost));
      } else if (event.type === 'failed') {
        settled = true;
        const error = new Error(event.message);
        if (event.stack !== undefined) error.stack = event.stack;
        reject(error);
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the desk worker exited (code ${code}) before the documents were loaded`));
    });
  });
}

export class WorkerDesk {
  private nextId = 0;
  private closed = false;
  private exitReason: string | undefined;
  private stats_: DeskStats | undefined;
  private documents_: DocumentInfo[] | undefined;
  private faq_: FaqEntry[] | undefined;
  private outline_: OutlineEntry[] | undefined;

  constructor(
    readonly seedsDir: string,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
    readonly problems: readonly LoadProblem[],
    private readonly callTimeoutMs: number,
    onLost?: (reason: string) => void,
  ) {
    worker.on('error', (error) => {
      this.exitReason = `the desk worker failed (${error.message})`;
    });
    worker.on('exit', (code) => {
      this.exitReason ??= `the desk worker exited (code ${code})`;
      if (!this.closed) onLost?.(this.exitReason);
    });
  }

  search(query: string, options?: SearchOptions): Answer {
    return this.call('search', [query, options]) as Answer;
  }

  summaryById(sectionId: string): SectionSummary | undefined {
    return this.call('summaryById', [sectionId]) as SectionSummary | undefined;
  }

  outline(doc?: string): OutlineEntry[] {
    if (doc !== undefined) return this.call('outline', [doc]) as OutlineEntry[];
    this.outline_ ??= this.call('outline', []) as OutlineEntry[];
    return [...this.outline_];
  }

  suggestSections(text: string, limit: number, options?: { withText?: boolean }): OutlineEntry[] {
    return this.call('suggestSections', [text, limit, options]) as OutlineEntry[];
  }

  // A desk never changes once built: what does not depend on arguments is fetched once (autocomplete
  // asks for documents and questions at every keystroke; the whole outline is 22,000 entries at
  // 50 MB), and handed out as a copy.
  documents(): DocumentInfo[] {
    this.documents_ ??= this.call('documents', []) as DocumentInfo[];
    return [...this.documents_];
  }

  faq(): FaqEntry[] {
    this.faq_ ??= this.call('faq', []) as FaqEntry[];
    return [...this.faq_];
  }

  stats(): DeskStats {
    this.stats_ ??= this.call('stats', []) as DeskStats;
    return { ...this.stats_, removed: { ...this.stats_.removed } };
  }

  /** Stops the worker and frees its memory; calls after this throw. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    await this.worker.terminate();
  }

  private call(method: DeskQuery, args: unknown[]): unknown {
    if (this.closed) throw new Error('this desk was closed (a newer one is serving)');
    if (this.exitReason !== undefined) throw new Error(this.exitReason);
    const id = ++this.nextId;
    Atomics.store(this.signal, 0, 0);
    const request: DeskRequest = { id, method, args };
    this.port.postMessage(request);
    const deadline = performance.now() + this.callTimeoutMs;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const response = received.message as DeskResponse;
        if (response.id !== id) continue; // the late answer to a call that timed out
        if ('result' in response) return response.result;
        const error = response.error.name === 'DeskLookupError' ? new DeskLookupError(response.error.message) : new Error(response.error.message);
        if (response.error.stack !== undefined) error.stack = response.error.stack;
        throw error;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0 || this.exitReason !== undefined) {
        throw new Error(this.exitReason ?? `the desk worker did not answer ${method} within ${this.callTimeoutMs} ms`);
      }
      Atomics.wait(this.signal, 0, 0, Math.min(remaining, 1_000));
      Atomics.store(this.signal, 0, 0);
    }
  }
}

/** The desk the worker serves, by the names the handle calls. */
export type ServedDesk = Pick<AnswerDesk, DeskQuery>;
