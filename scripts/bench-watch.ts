/**
 * What watching the seeds folder costs and whether it sees each kind of change.
 *
 *   node --expose-gc --import tsx scripts/bench-watch.ts [folder]
 *
 * Copies the folder (default ../shared/benchmarks/mixed/docs) and a generated tree of 10,000 files
 * in 100 folders into a temporary folder, then for the folder watcher (src/desk/watchSeeds.ts):
 * startup time, memory, inotify watches; and for it and Node's recursive fs.watch (what hot reload
 * used before): whether a rename-over save, a later edit of the same file, a deletion, a new
 * subfolder's file and a file after the folder was replaced are seen within 3 s; and the event-loop
 * delay while another process copies the 10,000 files in and deletes half of them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SeedsWatcher } from '../src/desk/watchSeeds.ts';
import { createLogger } from '../src/logging/log.ts';

const SEEN_WITHIN_MS = 3000;
const source = resolve(process.argv[2] ?? '../shared/benchmarks/mixed/docs');
const work = mkdtempSync(join(tmpdir(), 'bench-watch-'));
const silent = createLogger({ level: 'error', write: () => undefined });
const gc = (globalThis as { gc?: () => void }).gc;

function inotifyWatches(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fdinfo')) {
    try {
      count += (readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').match(/^inotify wd:/gm) ?? []).length;
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return count;
}

function generatedTree(dir: string): void {
  for (let folder = 0; folder < 100; folder++) {
    mkdirSync(join(dir, `part-${folder}`), { recursive: true });
    for (let file = 0; file < 100; file++) writeFileSync(join(dir, `part-${folder}`, `doc-${file}.md`), `# Doc ${folder}-${file}\n\ntext\n`);
  }
}

async function cost(label: string, dir: string): Promise<void> {
  for (let run = 1; run <= 3; run++) await costOnce(`${label}, run ${run}`, dir);
}

async function costOnce(label: string, dir: string): Promise<void> {
  gc?.();
  const before = process.memoryUsage();
  const watchesBefore = inotifyWatches();
  const started = performance.now();
  const watcher = new SeedsWatcher({ seedsDir: dir, debounceMs: 100, log: silent });
  await watcher.start();
  const ms = performance.now() - started;
  gc?.();
  const after = process.memoryUsage();
  const status = watcher.status();
  const counts = status.state === 'watching' ? `${status.files} files, ${status.folders} folders` : status.state;
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  console.log(
    `${label} (${counts}): ready in ${ms.toFixed(0)} ms, +${mb(after.rss - before.rss)} MB RSS, +${mb(after.heapUsed - before.heapUsed)} MB heap, ${inotifyWatches() - watchesBefore} inotify watches`,
  );
  await watcher.close();
}

/** Something that reports a change with the path it concerns. */
interface Observer {
  name: string;
  waitFor(path: string): Promise<boolean>;
  close(): Promise<void>;
}

function observe(name: string, subscribe: (onPath: (path: string) => void) => () => Promise<void> | void): Observer {
  const listeners = new Set<(path: string) => void>();
  const stop = subscribe((path) => listeners.forEach((listener) => listener(path)));
  return {
    name,
    waitFor: (path) =>
      new Promise((resolveSeen) => {
        const timer = setTimeout(() => done(false), SEEN_WITHIN_MS);
        const listener = (seen: string): void => {
          if (seen === path) done(true);
        };
        const done = (seen: boolean): void => {
          clearTimeout(timer);
          listeners.delete(listener);
          resolveSeen(seen);
        };
        listeners.add(listener);
      }),
    close: async () => stop(),
  };
}

function nodeRecursiveWatch(dir: string): Observer {
  return observe('fs.watch recursive (before)', (onPath) => {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name !== null) onPath(name.toString().split('\\').join('/'));
    });
    return () => watcher.close();
  });
}

function folderWatcher(dir: string): Observer {
  return observe('SeedsWatcher (after)', (onPath) => {
    const watcher = new SeedsWatcher({ seedsDir: dir, debounceMs: 100, log: silent });
    watcher.on('changed', (paths) => paths.forEach(onPath));
    void watcher.start();
    return () => watcher.close();
  });
}

async function changes(make: (dir: string) => Observer): Promise<void> {
  const dir = join(work, `changes-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.md'), 'a');
  writeFileSync(join(dir, 'b.md'), 'b');
  const observer = make(dir);
  await new Promise((ready) => setTimeout(ready, 300));
  const results: string[] = [];
  const check = async (label: string, path: string, act: () => void): Promise<void> => {
    // Let the events of the step before drain, so they cannot pass for this one's.
    await new Promise((settle) => setTimeout(settle, 500));
    const seen = observer.waitFor(path);
    act();
    results.push(`${label}: ${(await seen) ? 'seen' : 'MISSED'}`);
  };
  // sed -i writes a temporary file and renames it over the original, as most editors save.
  await check('rename-over save (sed -i)', 'a.md', () => execFileSync('sed', ['-i', 's/a/x/', join(dir, 'a.md')]));
  await check('later edit of that file', 'a.md', () => appendFileSync(join(dir, 'a.md'), 'more'));
  await check('its deletion', 'a.md', () => unlinkSync(join(dir, 'a.md')));
  await check('file in a new subfolder', 'sub/c.md', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'c.md'), 'c');
  });
  await new Promise((settle) => setTimeout(settle, 300));
  rmSync(dir, { recursive: true });
  mkdirSync(dir);
  await new Promise((settle) => setTimeout(settle, 300));
  await check('file after the folder was replaced', 'd.md', () => writeFileSync(join(dir, 'd.md'), 'd'));
  console.log(`${observer.name}: ${results.join('; ')}`);
  await observer.close();
}

/**
 * The longest the event loop is held while another process copies a tree in, then deletes half of
 * it; without a watcher too, since on a shared machine the process is also held by being descheduled.
 */
async function burst(tree: string, watched: boolean): Promise<void> {
  const dir = join(work, `burst-${watched ? 'watched' : 'unwatched'}`);
  mkdirSync(dir);
  const watcher = watched ? new SeedsWatcher({ seedsDir: dir, debounceMs: 100, log: silent }) : undefined;
  await watcher?.start();
  const run = promisify(execFile);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  // Waits for the watcher to report the change (for the unwatched run, for the watcher's quiet time).
  const settled = (): Promise<void> =>
    new Promise((done) => (watcher === undefined ? setTimeout(done, 100) : watcher.once('changed', () => done())));
  delay.enable();
  let seen = settled();
  await run('cp', ['-r', `${tree}/.`, dir]);
  await seen;
  seen = settled();
  await run('rm', ['-rf', ...Array.from({ length: 50 }, (_, i) => join(dir, `part-${i}`))]);
  await seen;
  delay.disable();
  const label = watched ? 'SeedsWatcher watching' : 'no watcher (baseline)';
  console.log(`cp -r of 10,000 files then rm -rf of half, ${label}: event loop delay max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
  await watcher?.close();
}

try {
  const copy = join(work, 'docs');
  cpSync(source, copy, { recursive: true });
  const generated = join(work, 'generated');
  generatedTree(generated);
  await cost(source, copy);
  await cost('generated tree', generated);
  await changes(nodeRecursiveWatch);
  await changes(folderWatcher);
  for (let round = 0; round < 3; round++) {
    await burst(generated, false);
    await burst(generated, true);
    rmSync(join(work, 'burst-watched'), { recursive: true });
    rmSync(join(work, 'burst-unwatched'), { recursive: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
