/**
 * An answer desk that lives in a worker thread, and the main thread's handle on it.
 *
 * Loading a corpus — reading the snapshot, or cleaning and indexing — and the desk's memory stay in
 * the worker, so the main thread (the Discord gateway, interaction deadlines, the console) never
 * blocks on them: FlexSearch objects cannot cross threads, and importing a big index on the main
 * thread blocks it for seconds. Queries do not block it either: a call posts the request on a
 * MessagePort and returns a promise, settled when the worker's answer comes back on the port
 * (matched by id: answers may come in any order relative to anything else the main thread does).
 * While the worker searches, the main thread's event loop goes on: heartbeats, other
 * interactions' deadlines, the HTTP server. A call fails plainly when the worker does not answer
 * within the call timeout, and at once when the worker is lost; none is left waiting.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
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
  const workerData: DeskWorkerData = {
    seedsDir: options.seedsDir,
    cacheDir: options.cacheDir,
    loading: options.loading,
    buildThreads: Math.max(1, availableParallelism()),
    port: channel.port2,
  };
  const worker = startWorker('src/desk/deskWorker.ts', 'deskWorker', { workerData, transferList: [channel.port2] });
  return new Promise<WorkerDesk>((resolve, reject) => {
    let settled = false;
    worker.on('message', (event: DeskWorkerEvent) => {
      if (event.type === 'log') options.log?.(event.level, event.message);
      else if (event.type === 'progress') options.onProgress?.(event.done, event.total);
      else if (event.type === 'ready') {
        settled = true;
        // A serving desk does not keep the process alive by itself; a call waiting for its answer does (see WorkerDesk).
        worker.unref();
        resolve(new WorkerDesk(options.seedsDir, worker, channel.port1, event.problems, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, options.onLost));
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

/** A call posted to the worker whose answer has not come back yet. */
interface PendingCall {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Fetches once and shares the answer (a desk never changes once built); a fetch that failed is
 * not kept, so the next call asks again.
 */
function fetchedOnce<T>(fetch: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => {
    answer ??= fetch().catch((error: unknown) => {
      answer = undefined;
      throw error;
    });
    return answer;
  };
}

export class WorkerDesk {
  private nextId = 0;
  /** Set by close(): settles once the worker has stopped. */
  private closing: Promise<void> | undefined;
  private exitReason: string | undefined;
  private readonly pending = new Map<number, PendingCall>();
  /** Who waits for the last call in flight to settle (close). */
  private readonly idleWaiters: Array<() => void> = [];
  // What does not depend on arguments is fetched once (autocomplete asks for documents and
  // questions at every keystroke; the whole outline is 22,000 entries at 50 MB), and handed out
  // as a copy.
  private readonly wholeOutline = fetchedOnce(() => this.call('outline', []));
  private readonly allDocuments = fetchedOnce(() => this.call('documents', []));
  private readonly allFaq = fetchedOnce(() => this.call('faq', []));
  private readonly allStats = fetchedOnce(() => this.call('stats', []));

  constructor(
    readonly seedsDir: string,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    readonly problems: readonly LoadProblem[],
    private readonly callTimeoutMs: number,
    onLost?: (reason: string) => void,
  ) {
    port.on('message', (response: DeskResponse) => this.answered(response));
    // Listening holds the process open; only a call waiting for its answer should (see call).
    port.unref();
    worker.on('error', (error) => {
      this.exitReason = `the desk worker failed (${error.message})`;
      this.failPending(this.exitReason);
    });
    worker.on('exit', (code) => {
      this.exitReason ??= `the desk worker exited (code ${code})`;
      this.failPending(this.exitReason);
      if (this.closing === undefined) onLost?.(this.exitReason);
    });
  }

  search(query: string, options?: SearchOptions): Promise<Answer> {
    return this.call('search', [query, options]);
  }

  summaryById(sectionId: string): Promise<SectionSummary | undefined> {
    return this.call('summaryById', [sectionId]);
  }

  async outline(doc?: string): Promise<OutlineEntry[]> {
    if (doc !== undefined) return this.call('outline', [doc]);
    return [...(await this.wholeOutline())];
  }

  suggestSections(text: string, limit: number, options?: { withText?: boolean }): Promise<OutlineEntry[]> {
    return this.call('suggestSections', [text, limit, options]);
  }

  async documents(): Promise<DocumentInfo[]> {
    return [...(await this.allDocuments())];
  }

  async faq(): Promise<FaqEntry[]> {
    return [...(await this.allFaq())];
  }

  async stats(): Promise<DeskStats> {
    const stats = await this.allStats();
    return { ...stats, removed: { ...stats.removed } };
  }

  /**
   * Takes no new call, lets the calls in flight be answered (each within the call timeout, or
   * failed when the worker is lost), then stops the worker and frees its memory.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.pending.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      this.port.close();
      await this.worker.terminate();
    })();
    return this.closing;
  }

  /** Posts one query; settles with the worker's answer, or fails on the timeout or the worker's loss. */
  private call<M extends DeskQuery>(method: M, args: Parameters<ServedDesk[M]>): Promise<ReturnType<ServedDesk[M]>> {
    if (this.closing !== undefined) return Promise.reject(new Error('this desk was closed (a newer one is serving)'));
    if (this.exitReason !== undefined) return Promise.reject(new Error(this.exitReason));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.finish(id)?.reject(new Error(`the desk worker did not answer ${method} within ${this.callTimeoutMs} ms`)), this.callTimeoutMs);
      // While an answer is awaited the port holds the process open: nothing else may be left to.
      if (this.pending.size === 0) this.port.ref();
      this.pending.set(id, { resolve: (result) => resolve(result as ReturnType<ServedDesk[M]>), reject, timer });
      try {
        this.port.postMessage({ id, method, args } satisfies DeskRequest);
      } catch (error) {
        this.finish(id)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private answered(response: DeskResponse): void {
    const call = this.finish(response.id);
    if (call === undefined) return; // the late answer to a call that timed out
    if ('result' in response) {
      call.resolve(response.result);
      return;
    }
    const error = response.error.name === 'DeskLookupError' ? new DeskLookupError(response.error.message) : new Error(response.error.message);
    if (response.error.stack !== undefined) error.stack = response.error.stack;
    call.reject(error);
  }

  private failPending(reason: string): void {
    for (const id of [...this.pending.keys()]) this.finish(id)?.reject(new Error(reason));
  }

  /** Takes a call off the waiting list (once: an answer, a timeout and a loss may race). */
  private finish(id: number): PendingCall | undefined {
    const call = this.pending.get(id);
    if (call === undefined) return undefined;
    this.pending.delete(id);
    clearTimeout(call.timer);
    if (this.pending.size === 0) {
      this.port.unref();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    return call;
  }
}

/** The desk the worker serves, by the names the handle calls. */
export type ServedDesk = Pick<AnswerDesk, DeskQuery>;
