/**
 * The desk being served, rebuilt in the background when the seeds folder changes. A rebuild that
 * succeeds is swapped in with one assignment (an interaction reads the desk once, so it sees the
 * old one or the new one, never a mix); one that fails leaves the old desk serving and logs why.
 * It is also the one place that knows how far the first load has got (loadingProgress): /about,
 * the "still loading" notices and the console's status line all read it here.
 */
import { SeedsWatcher } from '../desk/watchSeeds.ts';
import { describeError, type Logger } from '../logging/log.ts';
import type { DeskReader, DeskSource, LoadingProgress, RuntimeFacts } from '../reply/deskReader.ts';

/**
 * A desk that holds resources of its own (a worker thread): released once a newer desk serves.
 * `close` takes no new call and lets the calls in flight be answered before it frees anything.
 */
export type OpenedDesk = DeskReader & { close?(): Promise<void> };

/** Builds (or loads) a desk; `onProgress` hears how many files are done while it is built. */
export type OpenDesk = (seedsDir: string, onProgress: (done: number, total: number) => void) => Promise<OpenedDesk>;

/**
 * How long a replaced desk stays open for new calls. A reply reads the desk once and makes all its
 * calls on it: one that took the old desk just before the swap may still call it a moment later.
 * Calls in flight when it closes are answered first (OpenedDesk.close).
 */
export const RETIRE_AFTER_MS = 5_000;

export interface ReloadResult {
  ok: boolean;
  error?: string;
}

export interface LiveDeskOptions {
  seedsDir: string;
  open: OpenDesk;
  log: Logger;
  version: string;
  debounceMs: number;
  now?: () => Date;
  /** Called after every rebuild attempt (tests wait on it). */
  onReload?: (result: ReloadResult) => void;
}

export class LiveDesk implements DeskSource {
  private desk: OpenedDesk | undefined;
  private firstLoad: Promise<DeskReader> | undefined;
  private building: Promise<void> | undefined;
  private rebuildAgain = false;
  /** Set by close(): no rebuild starts after it. */
  private closed = false;
  private watcher: SeedsWatcher | undefined;
  private watching: Promise<void> | undefined;
  private loadedAt: Date;
  private lastReloadError: string | undefined;
  private readonly startedAt: Date;
  private readonly now: () => Date;
  /** How far the first load has got; undefined before start() and once a desk serves. */
  private progress: LoadingProgress | undefined;
  private readonly progressListeners = new Set<(progress: LoadingProgress) => void>();

  constructor(private readonly options: LiveDeskOptions) {
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.loadedAt = this.startedAt;
  }

  /** Builds the first desk; rejects when it cannot be built (there is nothing to serve then). */
  start(): Promise<DeskReader> {
    if (this.firstLoad !== undefined) return this.firstLoad;
    this.reportProgress({ done: 0, total: 0 });
    this.firstLoad = this.options
      .open(this.options.seedsDir, (done, total) => this.buildProgress(done, total))
      .then(async (desk) => {
        const { documents } = await desk.stats();
        this.desk = desk;
        this.progress = undefined;
        this.loadedAt = this.now();
        this.options.log.info('documents loaded', { documents, problems: desk.problems.length });
        for (const problem of desk.problems) this.options.log.warn('document not served', { path: problem.path, reason: problem.reason });
        return desk;
      });
    return this.firstLoad;
  }

  /** How far the first load has got, while no desk serves yet (total 0: not counted yet). */
  loadingProgress(): LoadingProgress | undefined {
    return this.progress;
  }

  /** Hears every step of the first load (the console's status line); returns the way to stop hearing. */
  onLoadingProgress(listener: (progress: LoadingProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Progress of any build, first or reload; only the first load's is shown to users. */
  private buildProgress(done: number, total: number): void {
    this.options.log.debug('loading documents', { done, total });
    if (this.desk === undefined) this.reportProgress({ done, total });
  }

  private reportProgress(progress: LoadingProgress): void {
    this.progress = progress;
    for (const listener of this.progressListeners) listener(progress);
  }

  current(): DeskReader | undefined {
    return this.desk;
  }

  ready(): Promise<DeskReader> {
    return this.desk !== undefined ? Promise.resolve(this.desk) : this.start();
  }

  facts(): RuntimeFacts {
    return {
      version: this.options.version,
      startedAt: this.startedAt,
      loadedAt: this.loadedAt,
      lastReloadError: this.lastReloadError,
      watching: this.watcher?.status(),
      loading: this.progress,
    };
  }

  /**
   * Rebuilds now, or once the first load is in when it is still under way (a change seen while it
   * read the folder may have come after it read that file); a change arriving during a rebuild
   * causes one more rebuild after it.
   */
  rebuild(): Promise<void> {
    if (this.building !== undefined) {
      this.rebuildAgain = true;
      return this.building;
    }
    if (this.closed) return Promise.resolve();
    const firstLoad = this.desk === undefined ? this.firstLoad : undefined;
    // After a failed first load there is nothing to rebuild: the program ends.
    const afterFirstLoad = firstLoad?.then(
      () => (this.closed ? undefined : this.rebuildUntilSettled()),
      () => undefined,
    );
    this.building = (afterFirstLoad ?? this.rebuildUntilSettled()).finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async rebuildUntilSettled(): Promise<void> {
    do {
      this.rebuildAgain = false;
      const result = await this.rebuildOnce();
      this.options.onReload?.(result);
    } while (this.rebuildAgain);
  }

  private async rebuildOnce(): Promise<ReloadResult> {
    const started = performance.now();
    try {
      const next = await this.options.open(this.options.seedsDir, (done, total) => this.buildProgress(done, total));
      const before = (await this.desk?.stats())?.documents ?? 0;
      const { documents } = await next.stats();
      // An emptied folder is far more often a checkout or a move in progress than the intent.
      if (documents === 0 && before > 0) {
        void next.close?.();
        throw new Error('the seeds folder has no servable documents');
      }
      this.retire(this.desk);
      this.desk = next;
      this.loadedAt = this.now();
      this.lastReloadError = undefined;
      this.options.log.info('documents reloaded', {
        documents,
        problems: next.problems.length,
        ms: Math.round(performance.now() - started),
      });
      return { ok: true };
    } catch (error) {
      this.lastReloadError = describeError(error);
      this.options.log.warn('reload failed; still serving the previous documents', { reason: this.lastReloadError });
      return { ok: false, error: this.lastReloadError };
    }
  }

  /** Closes a desk that no longer serves, after the moment replies that read it may still need. */
  private retire(desk: OpenedDesk | undefined): void {
    if (desk?.close === undefined) return;
    setTimeout(() => void desk.close?.(), RETIRE_AFTER_MS).unref();
  }

  /**
   * Watches the seeds folder and rebuilds after quiet time (see SeedsWatcher). Resolves once every
   * folder is watched; never rejects (what cannot be watched is logged).
   */
  watch(): Promise<void> {
    if (this.watching !== undefined) return this.watching;
    this.watcher = new SeedsWatcher({ seedsDir: this.options.seedsDir, debounceMs: this.options.debounceMs, log: this.options.log });
    this.watcher.on('changed', () => void this.rebuild());
    this.watching = this.watcher.start();
    return this.watching;
  }

  /** Stops watching; a rebuild in progress finishes but nothing new starts. */
  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.close();
    this.watcher = undefined;
    this.watching = undefined;
    await this.building;
  }
}
