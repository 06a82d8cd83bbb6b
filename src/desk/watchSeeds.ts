/**
 * Watches the seeds folder and says "changed" once the folder has been quiet for a while.
 *
 * One non-recursive fs.watch per folder: a directory watch sees every entry created, renamed over,
 * edited or removed in it, whatever the editor does. (Node 20's recursive watch on Linux watches
 * files one by one and loses a file once it is replaced by a rename, which is how editors and
 * `sed -i` save.) New subfolders get a watcher of their own, removed ones lose theirs. The parent
 * folder is watched too, so a seeds folder that is deleted, replaced or renamed away and back is
 * noticed; while it is missing nothing is rebuilt and a poll waits for it to come back. Symbolic
 * links are never followed: a folder reached through one is not watched.
 */
import { EventEmitter } from 'node:events';
import { watch, type Dirent, type FSWatcher } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describeError, type Logger } from '../logging/log.ts';
import { isSkippedEntryName } from '../corpus/loadDocuments.ts';

export type SeedsWatchStatus =
  | { state: 'starting'; folder: string }
  | { state: 'watching'; folder: string; files: number; folders: number; unwatchedFolders: number }
  | { state: 'missing'; folder: string }
  | { state: 'stopped'; folder: string };

export interface SeedsWatcherOptions {
  seedsDir: string;
  /** Quiet time after the last change before "changed" is emitted. */
  debounceMs: number;
  log: Logger;
  /** How often to look for the folder while it is missing, or when its parent cannot be watched. */
  pollMs?: number;
  /** fs.watch, unless a test hands in one that fails. */
  watchFolder?: typeof watch;
}

const DEFAULT_POLL_MS = 1000;
/** Editor swap files, backups and dotfiles change constantly and are never served. */
export function isNoise(fileName: string): boolean {
  return fileName.startsWith('.') || fileName.endsWith('~') || /^#.*#$/.test(fileName) || /\.(swp|swx|tmp)$/i.test(fileName);
}

function isWatchedFolderName(name: string): boolean {
  return !isNoise(name) && !isSkippedEntryName(name);
}

/** What the file counts of the status count: anything in a folder but folders and noise. */
function isCountedFile(entry: Dirent): boolean {
  return !entry.isDirectory() && !isNoise(entry.name);
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}

/** What to do about a folder that cannot be watched, by error code. */
function watchFailureAdvice(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOSPC') {
    return 'the system limit on watched folders is reached: raise it (sysctl fs.inotify.max_user_watches=524288) and restart, or restart the bot after editing';
  }
  if (code === 'EMFILE') return 'too many open files: raise the limit (ulimit -n) and restart, or restart the bot after editing';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: let the bot read that folder, or restart the bot after editing';
  return 'restart the bot after editing files there';
}

interface WatchedFolder {
  watcher: FSWatcher;
  /** Entries other than folders and noise. */
  files: number;
  /** Its path relative to the seeds folder with a trailing `/` ('' for the seeds folder itself). */
  prefix: string;
  name: string;
}

/** "changed" carries the paths (relative to the seeds folder, with `/`) seen changing since the last one. */
export class SeedsWatcher extends EventEmitter<{ changed: [paths: string[]] }> {
  private readonly root: string;
  private readonly folderName: string;
  private readonly pollMs: number;
  private readonly watchFolder: typeof watch;
  /** Watched folders by absolute path. */
  private readonly folders = new Map<string, WatchedFolder>();
  private readonly unwatched = new Set<string>();
  private parentWatcher: FSWatcher | undefined;
  private state: SeedsWatchStatus['state'] = 'starting';
  private rootIdentity: string | undefined;
  /** Paths whose identity may have changed (created, removed, renamed): looked at again in order. */
  private readonly pending = new Set<string>();
  private readonly toRecount = new Set<string>();
  private readonly changedPaths = new Set<string>();
  private flushQueued = false;
  private rootCheck: { replaced: boolean } | undefined;
  private work: Promise<void> = Promise.resolve();
  private quiet: NodeJS.Timeout | undefined;
  private lastChangeAt = 0;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly options: SeedsWatcherOptions) {
    super();
    this.root = resolve(options.seedsDir);
    this.folderName = `${basename(this.root)}/`;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.watchFolder = options.watchFolder ?? watch;
  }

  /** Starts watching; resolves once every folder has its watcher (never rejects: problems are logged). */
  start(): Promise<void> {
    this.watchParent();
    this.requestRootCheck(true);
    return this.work;
  }

  status(): SeedsWatchStatus {
    const folder = this.folderName;
    if (this.state !== 'watching') return { state: this.state, folder };
    let files = 0;
    for (const entry of this.folders.values()) files += entry.files;
    return { state: 'watching', folder, files, folders: this.folders.size, unwatchedFolders: this.unwatched.size };
  }

  private stopped(): boolean {
    return this.state === 'stopped';
  }

  async close(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.quiet);
    this.quiet = undefined;
    clearInterval(this.poll);
    this.poll = undefined;
    this.parentWatcher?.close();
    this.parentWatcher = undefined;
    this.closeTree(this.root);
    await this.work;
  }

  /** Runs one piece of work after the others, so folders are never added and removed at once. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.work = this.work.then(task).catch((error: unknown) => {
      this.options.log.error('seeds watcher failed; edits may not be picked up until a restart', {
        error: describeError(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    });
    return this.work;
  }

  private watchParent(): void {
    this.parentWatcher?.close();
    this.parentWatcher = undefined;
    const parent = dirname(this.root);
    if (parent === this.root) return this.startPolling();
    try {
      this.parentWatcher = this.watchFolder(parent, { persistent: false }, (event, name) => {
        if (name === null || name.toString() === basename(this.root)) this.requestRootCheck(event === 'rename' || name === null);
      });
      this.parentWatcher.on('error', () => {
        this.parentWatcher?.close();
        this.parentWatcher = undefined;
        this.startPolling();
      });
    } catch (error) {
      this.options.log.warn('cannot watch the folder holding the seeds folder; a replaced seeds folder is noticed by polling', {
        folder: parent,
        reason: describeError(error),
        pollMs: this.pollMs,
      });
      this.startPolling();
    }
  }

  private startPolling(): void {
    if (this.poll !== undefined || this.stopped()) return;
    this.poll = setInterval(() => this.requestRootCheck(false), this.pollMs);
    this.poll.unref();
  }

  private stopPollingIfParentWatched(): void {
    if (this.parentWatcher === undefined) return;
    clearInterval(this.poll);
    this.poll = undefined;
  }

  /** Queues one look at the seeds folder itself; the events of one move or replacement share it. */
  private requestRootCheck(replaced: boolean): void {
    if (this.rootCheck !== undefined) {
      this.rootCheck.replaced ||= replaced;
      return;
    }
    const request = { replaced };
    this.rootCheck = request;
    void this.enqueue(() => {
      // Events from here on need a look of their own.
      this.rootCheck = undefined;
      return this.checkRoot(request.replaced);
    });
  }

  /**
   * Looks at the seeds folder itself. `replaced` says an event told us it was created, removed or
   * renamed (an inode number can be reused by a new folder, so identity alone cannot tell).
   */
  private async checkRoot(replaced: boolean): Promise<void> {
    if (this.stopped()) return;
    const info = await stat(this.root).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      if (this.state === 'missing') return;
      const wasWatching = this.state === 'watching';
      this.closeTree(this.root);
      this.rootIdentity = undefined;
      this.state = 'missing';
      this.options.log.warn(
        wasWatching
          ? 'the seeds folder is gone; serving the last documents, waiting for it to come back'
          : 'the seeds folder is missing; waiting for it to appear',
        { folder: this.root },
      );
      this.startPolling();
      return;
    }
    const identity = `${info.dev}:${info.ino}`;
    const first = this.state === 'starting';
    if (this.state === 'watching' && !replaced && identity === this.rootIdentity) return;
    this.closeTree(this.root);
    this.rootIdentity = identity;
    await this.watchTree(this.root);
    if (this.stopped()) return;
    this.state = 'watching';
    // Its parent may have been replaced along with it: watch that afresh too.
    if (!first) this.watchParent();
    this.stopPollingIfParentWatched();
    const status = this.status();
    const counts = status.state === 'watching' ? { files: status.files, folders: status.folders } : {};
    if (first) {
      this.options.log.info('watching the seeds folder for changes', { folder: this.root, ...counts });
    } else {
      this.options.log.info('the seeds folder was replaced or came back; watching it again', { folder: this.root, ...counts });
      this.changedPaths.add('.');
      this.changedSoon();
    }
  }

  /**
   * Watches a folder and every folder below it (not through symbolic links). `isNew`: the folder
   * appeared while we watched, so the files already in it count as changed.
   */
  private async watchTree(top: string, isNew = false): Promise<void> {
    const failures: Array<{ folder: string; error: unknown }> = [];
    const queue = [top];
    for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
      if (this.stopped()) return;
      // The watcher comes first, so nothing created while the folder is listed goes unseen.
      try {
        const watcher = this.watchFolder(folder, { persistent: false }, (event, name) => this.onEvent(folder, event, name));
        watcher.on('error', () => this.lookAgain(folder));
        this.folders.get(folder)?.watcher.close();
        const relativeFolder = this.relativePath(folder);
        this.folders.set(folder, { watcher, files: 0, prefix: relativeFolder === '' ? '' : `${relativeFolder}/`, name: basename(folder) });
        this.unwatched.delete(folder);
      } catch (error) {
        // A folder removed while we looked is no failure: its removal is an event of its own.
        if (errorCode(error) === 'ENOENT') continue;
        failures.push({ folder, error });
        this.unwatched.add(folder);
      }
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (errorCode(error) === 'ENOENT') this.closeTree(folder);
        else failures.push({ folder, error });
        continue;
      }
      let files = 0;
      for (const entry of entries) {
        if (entry.isDirectory()) {
          if (isWatchedFolderName(entry.name)) queue.push(join(folder, entry.name));
        } else if (isCountedFile(entry)) {
          files++;
          if (isNew) this.changedPaths.add(this.relativePath(join(folder, entry.name)));
        }
      }
      const watched = this.folders.get(folder);
      if (watched !== undefined) watched.files = files;
    }
    if (failures.length > 0) {
      const first = failures[0];
      this.options.log.warn('cannot watch some folders in the seeds folder; their changes are not picked up', {
        folders: failures.length,
        first: first.folder,
        reason: describeError(first.error),
        todo: watchFailureAdvice(first.error),
      });
    }
  }

  /** Stops watching a folder and every folder below it. */
  private closeTree(top: string): void {
    const below = top + sep;
    for (const [folder, entry] of this.folders) {
      if (folder === top || folder.startsWith(below)) {
        entry.watcher.close();
        this.folders.delete(folder);
      }
    }
    for (const folder of this.unwatched) if (folder === top || folder.startsWith(below)) this.unwatched.delete(folder);
  }

  /** Called for every event of every folder (tens of thousands in a burst): kept cheap. */
  private onEvent(folder: string, event: string, name: string | Buffer | null): void {
    const watched = this.folders.get(folder);
    if (watched === undefined || this.stopped()) return;
    if (name === null) {
      // The platform did not say what changed: look at the whole folder again.
      this.lookAgain(folder);
      return;
    }
    const entry = name.toString();
    if (isNoise(entry)) return;
    this.toRecount.add(folder);
    this.changedPaths.add(watched.prefix + entry);
    if (event === 'rename') {
      this.lookAgain(folder + sep + entry);
      // A folder's own removal or move is reported under its own name.
      if (entry === watched.name) this.lookAgain(folder);
    }
    this.changedSoon();
  }

  private lookAgain(path: string): void {
    this.pending.add(path);
    this.changedSoon();
    if (this.flushQueued) return;
    this.flushQueued = true;
    void this.enqueue(() => this.flushPending());
  }

  private async flushPending(): Promise<void> {
    this.flushQueued = false;
    const paths = [...this.pending];
    this.pending.clear();
    for (const path of paths) {
      if (this.stopped()) return;
      if (path === this.root) {
        this.requestRootCheck(true);
        continue;
      }
      const info = await lstat(path).catch(() => undefined);
      // Only a watched folder has watched folders below it: a file's event costs no walk.
      if (this.folders.has(path) || this.unwatched.has(path)) this.closeTree(path);
      const parentWatched = this.folders.has(dirname(path)) || this.unwatched.has(dirname(path));
      if (info?.isDirectory() === true && parentWatched && isWatchedFolderName(basename(path))) await this.watchTree(path, true);
    }
  }

  /** (Re)starts the quiet-time countdown; "changed" follows once nothing has happened for debounceMs. */
  private changedSoon(): void {
    this.lastChangeAt = performance.now();
    if (this.quiet === undefined) this.armQuietTimer(this.options.debounceMs);
  }

  /** One timer per quiet period, pushed back when it fires too early (cheaper than one per event). */
  private armQuietTimer(ms: number): void {
    this.quiet = setTimeout(() => {
      const left = this.lastChangeAt + this.options.debounceMs - performance.now();
      if (left > 0) return this.armQuietTimer(left);
      this.quiet = undefined;
      void this.enqueue(() => this.settle());
    }, ms);
  }

  private async settle(): Promise<void> {
    const folders = [...this.toRecount];
    this.toRecount.clear();
    for (const folder of folders) {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => undefined);
      const watched = this.folders.get(folder);
      if (entries === undefined || watched === undefined) continue;
      watched.files = entries.filter(isCountedFile).length;
    }
    // While the folder is missing there is nothing to rebuild from: the last documents stay.
    if (this.state !== 'watching') return;
    const paths = [...this.changedPaths].sort();
    this.changedPaths.clear();
    this.emit('changed', paths);
  }

  private relativePath(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}
