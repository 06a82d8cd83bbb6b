/**
 * The store in a folder (STATE_DIR) that every process on the machine, or on a shared volume,
 * opens: one file per key, named by a hash of the key (keys may hold any character; file names
 * then never do), written to a temporary file and renamed into place so that a reader sees the
 * old entry or the new one, never half of one. Expiry is checked on every read; a periodic sweep
 * deletes what expired without being read again. Counters take a lock file (created exclusively,
 * so only one process holds it; a lock left by a process that died is broken after a while).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, type Logger } from '../logging/log.ts';
import { StateStoreError, type ComponentStateStore, type CounterReading } from './componentStateStore.ts';

export interface DiskStateStoreOptions {
  folder: string;
  log: Logger;
  now?: () => number;
  /** How often expired files are deleted; 0 turns the sweep off (tests call sweep()). */
  sweepEveryMs?: number;
}

interface StoredEntry {
  key: string;
  value: string;
  expiresAt: number;
}

const ENTRY_SUFFIX = '.json';
const LOCK_SUFFIX = '.lock';
const TEMP_SUFFIX = '.tmp';
/** A lock held longer than this belongs to a process that died holding it. */
const STALE_LOCK_MS = 5_000;
/** How long an increment waits for the lock before giving up with an error. */
const LOCK_WAIT_MS = 3_000;
/** Temporary files older than this are leftovers of a write that died before its rename. */
const STALE_TEMP_MS = 60_000;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The entry in a file, or undefined when the text is not one (damaged, edited, another program's). */
function parseEntry(text: string): StoredEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { key, value, expiresAt } = json as Record<string, unknown>;
  if (typeof key !== 'string' || typeof value !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  return { key, value, expiresAt };
}

export class DiskStateStore implements ComponentStateStore {
  readonly description: string;
  private readonly folder: string;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  private constructor(options: DiskStateStoreOptions) {
    this.folder = options.folder;
    this.description = `disk (${options.folder})`;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    const every = options.sweepEveryMs ?? 10 * 60_000;
    if (every > 0) {
      this.sweeper = setInterval(() => void this.sweep().catch((error: unknown) => this.log.warn('could not sweep the state folder', { folder: this.folder, error: describeError(error) })), every);
      this.sweeper.unref();
    }
  }

  /** Creates the folder (mode 0700: the entries name users and what they asked) and opens the store. */
  static async open(options: DiskStateStoreOptions): Promise<DiskStateStore> {
    try {
      await mkdir(options.folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new StateStoreError(`cannot create the state folder ${options.folder} (STATE_DIR): ${describeError(error)}`);
    }
    return new DiskStateStore(options);
  }

  private fileOf(key: string): string {
    return join(this.folder, `${createHash('sha256').update(key, 'utf8').digest('hex')}${ENTRY_SUFFIX}`);
  }

  /** The live entry under key; an expired or damaged file is deleted on the way. */
  private async read(key: string): Promise<StoredEntry | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new StateStoreError(`cannot read the state file ${file}: ${describeError(error)}`);
    }
    const entry = parseEntry(text);
    if (entry === undefined || entry.key !== key) {
      this.log.warn('a state file is damaged; it is dropped (the button it served says it expired)', { file });
      await rm(file, { force: true });
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      await rm(file, { force: true });
      return undefined;
    }
    return entry;
  }

  private async write(entry: StoredEntry): Promise<void> {
    const file = this.fileOf(entry.key);
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      await writeFile(temp, JSON.stringify(entry), { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw new StateStoreError(`cannot write the state file ${file}: ${describeError(error)}`);
    }
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.read(key))?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.write({ key, value, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }

  async increment(key: string, ttlMs: number): Promise<CounterReading> {
    return this.withLock(key, async () => {
      const now = this.now();
      const current = await this.read(key);
      const count = current === undefined ? 1 : (Number.parseInt(current.value, 10) || 0) + 1;
      const expiresAt = current?.expiresAt ?? now + ttlMs;
      await this.write({ key, value: String(count), expiresAt });
      return { count, expiresInMs: expiresAt - now };
    });
  }

  private async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lock = `${this.fileOf(key)}${LOCK_SUFFIX}`;
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw new StateStoreError(`cannot take the state lock ${lock}: ${describeError(error)}`);
      }
      if (await this.breakIfStale(lock)) continue;
      if (Date.now() > giveUpAt) throw new StateStoreError(`the state lock ${lock} stayed taken for ${LOCK_WAIT_MS} ms`);
      await sleep(2 + Math.floor(Math.random() * 8));
    }
    try {
      return await work();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }

  /** Deletes a lock whose holder died; true when it did. */
  private async breakIfStale(lock: string): Promise<boolean> {
    try {
      if (Date.now() - (await stat(lock)).mtimeMs < STALE_LOCK_MS) return false;
    } catch {
      return true; // released meanwhile
    }
    this.log.warn('broke a state lock left by a process that stopped while holding it', { lock });
    await rm(lock, { force: true });
    return true;
  }

  /** Deletes expired and damaged entries and leftovers of interrupted writes; returns how many files went. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    let removed = 0;
    const now = this.now();
    for (const name of await readdir(this.folder)) {
      const file = join(this.folder, name);
      try {
        if (name.endsWith(ENTRY_SUFFIX)) {
          const entry = parseEntry(await readFile(file, 'utf8'));
          if (entry !== undefined && entry.expiresAt > now) continue;
        } else if (name.endsWith(TEMP_SUFFIX) || name.endsWith(LOCK_SUFFIX)) {
          const age = Date.now() - (await stat(file)).mtimeMs;
          if (age < (name.endsWith(TEMP_SUFFIX) ? STALE_TEMP_MS : STALE_LOCK_MS)) continue;
        } else {
          continue; // not ours (the secret lives here too)
        }
        await rm(file, { force: true });
        removed += 1;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    await this.sweeping;
  }
}
