/**
 * The desk being served, rebuilt in the background when the seeds folder changes. A rebuild that
 * succeeds is swapped in with one assignment (an interaction reads the desk once, so it sees the
 * old one or the new one, never a mix); one that fails leaves the old desk serving and logs why.
 */
import { watch, type FSWatcher } from 'node:fs';
import { describeError, type Logger } from '../logging/log.ts';
import type { DeskReader, DeskSource, RuntimeFacts } from '../reply/deskReader.ts';

/** A desk that holds resources of its own (a worker thread): released once a newer desk serves. */
export type OpenedDesk = DeskReader & { close?(): Promise<void> };

export type OpenDesk = (seedsDir: string) => Promise<OpenedDesk>;

/**
 * How long a replaced desk stays open. Replies read the desk synchronously once they have it, but
 * a reply that took the old desk just before the swap may still call it a moment later.
 */
const RETIRE_AFTER_MS = 5_000;

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

/** Editor swap files and dotfiles change constantly and never hold documents. */
function isNoise(fileName: string | null): boolean {
  if (fileName === null) return false;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|swx|tmp)$/i.test(base);
}

export class LiveDesk implements DeskSource {
  private desk: OpenedDesk | undefined;
  private firstLoad: Promise<DeskReader> | undefined;
  private building: Promise<void> | undefined;
  private rebuildAgain = false;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private loadedAt: Date;
  private lastReloadError: string | undefined;
  private readonly startedAt: Date;
  private readonly now: () => Date;

  constructor(private readonly options: LiveDeskOptions) {
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.loadedAt = this.startedAt;
  }

  /** Builds the first desk; rejects when it cannot be built (there is nothing to serve then). */
  start(): Promise<DeskReader> {
    this.firstLoad ??= this.options.open(this.options.seedsDir).then((desk) => {
      this.desk = desk;
      this.loadedAt = this.now();
      this.options.log.info('documents loaded', { documents: desk.stats().documents, problems: desk.problems.length });
      for (const problem of desk.problems) this.options.log.warn('document not served', { path: problem.path, reason: problem.reason });
      return desk;
    });
    return this.firstLoad;
  }

  current(): DeskReader | undefined {
    return this.desk;
  }

  ready(): Promise<DeskReader> {
    return this.desk !== undefined ? Promise.resolve(this.desk) : this.start();
  }

  facts(): RuntimeFacts {
    return { version: this.options.version, startedAt: this.startedAt, loadedAt: this.loadedAt, lastReloadError: this.lastReloadError };
  }

  /** Rebuilds now; a change arriving during a rebuild causes one more rebuild after it. */
  rebuild(): Promise<void> {
    if (this.building !== undefined) {
      this.rebuildAgain = true;
      return this.building;
    }
    this.building = this.rebuildUntilSettled().finally(() => {
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
      const next = await this.options.open(this.options.seedsDir);
      const before = this.desk?.stats().documents ?? 0;
      // An emptied folder is far more often a checkout or a move in progress than the intent.
      if (next.stats().documents === 0 && before > 0) {
        void next.close?.();
        throw new Error('the seeds folder has no servable documents');
      }
      this.retire(this.desk);
      this.desk = next;
      this.loadedAt = this.now();
      this.lastReloadError = undefined;
      this.options.log.info('documents reloaded', {
        documents: next.stats().documents,
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

  /** Watches the seeds folder (recursively where the platform can) and rebuilds after quiet time. */
  watch(): void {
    if (this.watcher !== undefined) return;
    const onChange = (_event: string, fileName: string | Buffer | null): void => {
      if (isNoise(fileName === null ? null : fileName.toString())) return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.rebuild(), this.options.debounceMs);
    };
    try {
      this.watcher = watch(this.options.seedsDir, { recursive: true }, onChange);
    } catch (error) {
      this.options.log.warn('recursive watch unavailable; watching the top folder only', { reason: describeError(error) });
      this.watcher = watch(this.options.seedsDir, onChange);
    }
    this.watcher.on('error', (error) => this.options.log.warn('seeds watcher failed', { reason: describeError(error) }));
  }

  /** Stops watching; a rebuild in progress finishes but nothing new starts. */
  async close(): Promise<void> {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
    await this.building;
  }
}
