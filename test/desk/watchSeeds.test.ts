import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isNoise, SeedsWatcher } from '../../src/desk/watchSeeds.ts';
import { createLogger } from '../../src/logging/log.ts';

// Generous: the watcher reacts in milliseconds, but the machine running the suite may be busy.
const WAIT = { timeout: 15_000 };
const TEST_TIMEOUT = 30_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'watch-seeds-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A seeds folder inside its own parent (so renaming it away stays inside the test's folder). */
function seedsFolder(files: Record<string, string> = { 'a.md': '# A\n\nalpha\n' }): { parent: string; seeds: string } {
  const parent = tempFolder();
  const seeds = join(parent, 'seeds');
  mkdirSync(seeds);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(seeds, name), text);
  return { parent, seeds };
}

async function startWatcher(seedsDir: string, debounceMs = 50, watchFolder?: typeof watch) {
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const watcher = new SeedsWatcher({ seedsDir, debounceMs, log, pollMs: 100, watchFolder });
  const seen: string[][] = [];
  watcher.on('changed', (paths) => seen.push(paths));
  cleanups.push(() => watcher.close());
  await watcher.start();
  return { watcher, logs, seen };
}

/** Resolves with every path reported until one "changed" names `path` (register before acting). */
function changeNaming(watcher: SeedsWatcher, path: string): Promise<string[]> {
  const collected: string[] = [];
  return new Promise((resolve) => {
    const listener = (paths: string[]): void => {
      collected.push(...paths);
      if (!paths.includes(path)) return;
      watcher.off('changed', listener);
      resolve(collected);
    };
    watcher.on('changed', listener);
  });
}

describe('SeedsWatcher', () => {
  it('says what it is watching', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder({ 'a.md': 'a', 'b.txt': 'b', '.hidden.md': 'h' });
    mkdirSync(join(seeds, 'guides'));
    writeFileSync(join(seeds, 'guides', 'c.md'), 'c');
    mkdirSync(join(seeds, '.git'));
    const { watcher, logs } = await startWatcher(seeds);
    expect(watcher.status()).toEqual({ state: 'watching', folder: 'seeds/', files: 3, folders: 2, unwatchedFolders: 0 });
    expect(logs.some((line) => line.includes('watching the seeds folder for changes') && line.includes('files=3') && line.includes('folders=2'))).toBe(true);
  });

  it('sees a file saved by renaming a temporary file over it, then its edits and its deletion', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    const { watcher } = await startWatcher(seeds);
    const file = join(seeds, 'a.md');

    let change = changeNaming(watcher, 'a.md');
    writeFileSync(join(seeds, 'a.md.tmp-save'), '# A\n\nbeta\n');
    renameSync(join(seeds, 'a.md.tmp-save'), file);
    await change;

    // What used to be lost on Node 20: the same path after it was replaced by a rename.
    change = changeNaming(watcher, 'a.md');
    writeFileSync(file, '# A\n\ngamma\n');
    await change;

    change = changeNaming(watcher, 'a.md');
    unlinkSync(file);
    await change;
    await vi.waitFor(() => expect(watcher.status()).toMatchObject({ files: 0 }), WAIT);
  });

  it('watches a new subfolder and forgets a removed one', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    const { watcher } = await startWatcher(seeds);

    let change = changeNaming(watcher, 'guides');
    mkdirSync(join(seeds, 'guides'));
    await change;
    await vi.waitFor(() => expect(watcher.status()).toMatchObject({ folders: 2 }), WAIT);

    change = changeNaming(watcher, 'guides/setup.md');
    writeFileSync(join(seeds, 'guides', 'setup.md'), '# Setup\n');
    await change;

    change = changeNaming(watcher, 'guides');
    rmSync(join(seeds, 'guides'), { recursive: true });
    await change;
    await vi.waitFor(() => expect(watcher.status()).toMatchObject({ folders: 1 }), WAIT);
  });

  it('watches a folder tree created in one go (mkdir -p, cp -r)', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    const { watcher } = await startWatcher(seeds);
    // Written before the new folders had watchers: reported when they are found.
    const change = changeNaming(watcher, 'deep/er/still/x.md');
    mkdirSync(join(seeds, 'deep', 'er', 'still'), { recursive: true });
    writeFileSync(join(seeds, 'deep', 'er', 'still', 'x.md'), 'x');
    await change;
    expect(watcher.status()).toMatchObject({ folders: 4, files: 2 });
    const inner = changeNaming(watcher, 'deep/er/still/y.md');
    writeFileSync(join(seeds, 'deep', 'er', 'still', 'y.md'), 'y');
    await inner;
  });

  it('ignores dotfiles, swap files and backups', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    const { watcher } = await startWatcher(seeds);
    const change = changeNaming(watcher, 'real.md');
    writeFileSync(join(seeds, '.env'), 'TOKEN=x');
    writeFileSync(join(seeds, '.a.md.swp'), 'swap');
    writeFileSync(join(seeds, 'a.md~'), 'backup');
    writeFileSync(join(seeds, '#a.md#'), 'emacs');
    mkdirSync(join(seeds, '.git'));
    // Events arrive in order, so once real.md is reported everything written before it was seen too.
    writeFileSync(join(seeds, 'real.md'), 'real');
    expect(await change).toEqual(['real.md']);
  });

  it('reports a burst of changes once, after quiet time', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    const { watcher, seen } = await startWatcher(seeds, 300);
    const change = changeNaming(watcher, 'e.md');
    for (const name of ['b.md', 'c.md', 'd.md', 'e.md']) writeFileSync(join(seeds, name), name);
    await change;
    expect(seen).toEqual([['b.md', 'c.md', 'd.md', 'e.md']]);
  });

  it('keeps watching a folder that was replaced (rm -rf, mkdir, copy back), and sees later files', { timeout: TEST_TIMEOUT }, async () => {
    const { parent, seeds } = seedsFolder({ 'a.md': 'a', 'b.md': 'b' });
    const backup = join(parent, 'backup');
    cpSync(seeds, backup, { recursive: true });
    const { watcher } = await startWatcher(seeds);

    const replaced = changeNaming(watcher, '.');
    rmSync(seeds, { recursive: true });
    mkdirSync(seeds);
    cpSync(backup, seeds, { recursive: true });
    await replaced;
    await vi.waitFor(() => expect(watcher.status()).toMatchObject({ state: 'watching', files: 2 }), WAIT);

    const later = changeNaming(watcher, 'c.md');
    writeFileSync(join(seeds, 'c.md'), 'c');
    await later;
  });

  it('waits for a folder renamed away, says so once, and watches it again when it is back', { timeout: TEST_TIMEOUT }, async () => {
    const { parent, seeds } = seedsFolder();
    const { watcher, logs, seen } = await startWatcher(seeds);

    renameSync(seeds, join(parent, 'elsewhere'));
    await vi.waitFor(() => expect(watcher.status()).toEqual({ state: 'missing', folder: 'seeds/' }), WAIT);
    writeFileSync(join(parent, 'elsewhere', 'moved-away.md'), 'not watched any more');
    expect(logs.filter((line) => line.includes('WARN the seeds folder is gone; serving the last documents, waiting for it to come back'))).toHaveLength(1);
    expect(seen).toEqual([]);

    const back = changeNaming(watcher, '.');
    renameSync(join(parent, 'elsewhere'), seeds);
    await back;
    expect(watcher.status()).toMatchObject({ state: 'watching', files: 2 });
    expect(logs.some((line) => line.includes('the seeds folder was replaced or came back; watching it again'))).toBe(true);

    const edit = changeNaming(watcher, 'a.md');
    writeFileSync(join(seeds, 'a.md'), 'edited');
    await edit;
  });

  it('waits for a seeds folder that does not exist yet', { timeout: TEST_TIMEOUT }, async () => {
    const parent = tempFolder();
    const seeds = join(parent, 'seeds');
    const { watcher, logs } = await startWatcher(seeds);
    expect(watcher.status()).toEqual({ state: 'missing', folder: 'seeds/' });
    expect(logs.some((line) => line.includes('WARN the seeds folder is missing; waiting for it to appear'))).toBe(true);

    const appeared = changeNaming(watcher, '.');
    mkdirSync(seeds);
    writeFileSync(join(seeds, 'a.md'), 'a');
    await appeared;
    await vi.waitFor(() => expect(watcher.status()).toMatchObject({ state: 'watching', files: 1 }), WAIT);
  });

  it('does not follow a symbolic link to a folder outside the seeds folder', { timeout: TEST_TIMEOUT }, async () => {
    const { parent, seeds } = seedsFolder();
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(seeds, 'linked'));
    const { watcher } = await startWatcher(seeds);
    expect(watcher.status()).toMatchObject({ folders: 1 });
  });

  it('says at warn what to do when a folder cannot be watched, and counts it', { timeout: TEST_TIMEOUT }, async () => {
    const { seeds } = seedsFolder();
    mkdirSync(join(seeds, 'guides'));
    const limitReached = ((path: string, ...rest: unknown[]) => {
      if (path.endsWith('guides')) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      return (watch as (path: string, ...rest: unknown[]) => ReturnType<typeof watch>)(path, ...rest);
    }) as typeof watch;
    const { watcher, logs } = await startWatcher(seeds, 50, limitReached);
    expect(watcher.status()).toMatchObject({ state: 'watching', folders: 1, unwatchedFolders: 1 });
    const warning = logs.find((line) => line.includes('WARN cannot watch some folders in the seeds folder; their changes are not picked up'));
    expect(warning).toContain('ENOSPC');
    expect(warning).toContain('fs.inotify.max_user_watches');
  });

  it('reports when it has stopped', async () => {
    const { seeds } = seedsFolder();
    const { watcher } = await startWatcher(seeds);
    await watcher.close();
    expect(watcher.status()).toEqual({ state: 'stopped', folder: 'seeds/' });
  });
});

describe('isNoise', () => {
  it('tells editor leftovers and dotfiles from documents', () => {
    for (const name of ['.env', '.a.md.swp', 'a.md~', '#a.md#', 'draft.tmp', 'x.SWX']) expect(isNoise(name)).toBe(true);
    for (const name of ['a.md', 'notes.txt', 'guides', 'a.md.bak']) expect(isNoise(name)).toBe(false);
  });
});
