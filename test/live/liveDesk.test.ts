import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { LiveDesk, RETIRE_AFTER_MS, type OpenDesk, type OpenedDesk, type ReloadResult } from '../../src/live/liveDesk.ts';
import { createLogger } from '../../src/logging/log.ts';
import { readInProcess, type DeskReader } from '../../src/reply/deskReader.ts';
import { answerTo, ScriptedWorker } from '../desk/scriptedWorker.ts';
import { FakeDesk, sampleDesk } from '../reply/fakeDesk.ts';

const open: LiveDesk[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((live) => live.close()));
});

function liveDesk(openDesk: OpenDesk, seedsDir = '/nonexistent', onReload?: (result: ReloadResult) => void) {
  const logs: string[] = [];
  const live = new LiveDesk({ seedsDir, open: openDesk, log: createLogger({ write: (line) => logs.push(line) }), version: 't', debounceMs: 30, onReload });
  open.push(live);
  return { live, logs };
}

/** Resolves with the next reload result. */
function nextReload(): { promise: Promise<ReloadResult>; onReload: (result: ReloadResult) => void } {
  let onReload: (result: ReloadResult) => void = () => undefined;
  const promise = new Promise<ReloadResult>((resolve) => (onReload = resolve));
  return { promise, onReload: (result) => onReload(result) };
}

describe('LiveDesk: how far the first load has got', () => {
  it('is known from start() until the desk serves, in facts() too; a reload’s progress is not shown to users', async () => {
    const reports: Array<(done: number, total: number) => void> = [];
    const finishes: Array<(desk: DeskReader) => void> = [];
    const { live } = liveDesk((_dir, onProgress) => {
      reports.push(onProgress);
      return new Promise((resolve) => finishes.push(resolve));
    });
    expect(live.loadingProgress()).toBeUndefined();
    const loaded = live.start();
    expect(live.facts().loading).toEqual({ done: 0, total: 0 });
    reports[0](3, 10);
    expect(live.loadingProgress()).toEqual({ done: 3, total: 10 });
    expect(live.facts().loading).toEqual({ done: 3, total: 10 });
    finishes[0](sampleDesk());
    await loaded;
    expect(live.facts().loading).toBeUndefined();

    const rebuilt = live.rebuild();
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    reports[1](1, 10);
    expect(live.loadingProgress()).toBeUndefined();
    finishes[1](sampleDesk());
    await rebuilt;
  });
});

describe('LiveDesk: a change seen during the first load', () => {
  it('is rebuilt once the first load is in, never alongside it', async () => {
    const finishes: Array<(desk: DeskReader) => void> = [];
    const { live } = liveDesk(() => new Promise((resolve) => finishes.push(resolve)));
    const loaded = live.start();
    const rebuilt = live.rebuild();
    void live.rebuild();
    await Promise.resolve();
    // Only the first load runs until it is in.
    expect(finishes).toHaveLength(1);
    const first = sampleDesk();
    finishes[0](first);
    expect(await loaded).toBe(first);
    await vi.waitFor(() => expect(finishes).toHaveLength(2));
    const second = sampleDesk();
    finishes[1](second);
    await rebuilt;
    // The two changes asked for one rebuild after the load, and it serves.
    expect(finishes).toHaveLength(2);
    expect(live.current()).toBe(second);
  });

  it('starts no rebuild once the desk is closed', async () => {
    const finishes: Array<(desk: DeskReader) => void> = [];
    const { live } = liveDesk(() => new Promise((resolve) => finishes.push(resolve)));
    const loaded = live.start();
    const rebuilt = live.rebuild();
    const closed = live.close();
    finishes[0](sampleDesk());
    await loaded;
    await closed;
    await rebuilt;
    expect(finishes).toHaveLength(1);
  });
});

describe('LiveDesk', () => {
  it('rebuilds after a change in the seeds folder and swaps the new desk in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    writeFileSync(join(dir, 'a.md'), '# 甲\n\n大模型是很大的模型。\n');
    const reload = nextReload();
    const { live } = liveDesk(async (seedsDir) => readInProcess(await openAnswerDesk({ seedsDir })), dir, reload.onReload);
    const first = await live.start();
    await live.watch();
    expect(await first.documents()).toHaveLength(1);
    writeFileSync(join(dir, 'b.md'), '# 乙\n\n部署需要云服务。\n');
    expect(await reload.promise).toEqual({ ok: true });
    expect(await live.current()?.documents()).toHaveLength(2);
    expect(live.current()).not.toBe(first);
    expect(live.facts().lastReloadError).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving the old desk when a rebuild fails, and says why', async () => {
    const old = sampleDesk();
    let calls = 0;
    const { live, logs } = liveDesk(async () => {
      calls++;
      if (calls > 1) throw new Error('unreadable file');
      return old;
    });
    await live.start();
    await live.rebuild();
    expect(live.current()).toBe(old);
    expect(live.facts().lastReloadError).toBe('Error: unreadable file');
    expect(logs.some((line) => line.includes('WARN reload failed; still serving the previous documents reason="Error: unreadable file"'))).toBe(true);
  });

  it('treats a folder emptied of documents as a failed rebuild', async () => {
    const desks: DeskReader[] = [sampleDesk(), new FakeDesk([])];
    const { live } = liveDesk(async () => desks.shift() ?? sampleDesk());
    const first = await live.start();
    await live.rebuild();
    expect(live.current()).toBe(first);
    expect(live.facts().lastReloadError).toContain('no servable documents');
  });

  it('coalesces changes that arrive during a rebuild into one more rebuild', async () => {
    const releases: Array<() => void> = [];
    let calls = 0;
    const { live } = liveDesk(
      () =>
        new Promise((resolve) => {
          calls++;
          releases.push(() => resolve(sampleDesk()));
        }),
    );
    const starting = live.start();
    releases.shift()?.();
    await starting;
    const first = live.rebuild();
    live.rebuild();
    live.rebuild();
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
    await first;
    expect(calls).toBe(3);
  });

  it('waits for the first desk when asked before it is built', async () => {
    let release: (desk: DeskReader) => void = () => undefined;
    const { live } = liveDesk(() => new Promise((resolve) => (release = resolve)));
    expect(live.current()).toBeUndefined();
    const ready = live.ready();
    const desk = sampleDesk();
    release(desk);
    expect(await ready).toBe(desk);
  });
});

describe('LiveDesk hot reload', () => {
  // Generous: reloads take milliseconds, but the machine running the suite may be busy.
  const TEST_TIMEOUT = 30_000;

  /** A live desk over a real seeds folder, and a way to wait until a reload makes a search true. */
  async function watchedDesk(files: Record<string, string>) {
    const parent = mkdtempSync(join(tmpdir(), 'live-seeds-'));
    const seeds = join(parent, 'seeds');
    mkdirSync(seeds);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(seeds, name), text);
    const waiters = new Set<() => void>();
    const { live, logs } = liveDesk(async (seedsDir) => readInProcess(await openAnswerDesk({ seedsDir })), seeds, () => waiters.forEach((check) => check()));
    await live.start();
    await live.watch();
    const found = async (word: string): Promise<boolean> => ((await live.current()?.search(word))?.results.length ?? 0) > 0;
    /** Resolves after the reload that makes `found(word) === expected` (checked after every reload). */
    const reloadUntil = (word: string, expected: boolean): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          void found(word).then((now) => {
            if (now !== expected) return;
            waiters.delete(check);
            resolve();
          });
        };
        waiters.add(check);
      });
    return { live, logs, parent, seeds, found, reloadUntil, done: () => rmSync(parent, { recursive: true, force: true }) };
  }

  it('answers from a file saved by rename-over, then from its edit, and stops answering once it is deleted', { timeout: TEST_TIMEOUT }, async () => {
    const desk = await watchedDesk({ 'a.md': '# Animals\n\nThe aardvark digs.\n', 'b.md': '# Birds\n\nThe bluebird sings.\n' });
    const file = join(desk.seeds, 'a.md');

    let reloaded = desk.reloadUntil('zebra', true);
    writeFileSync(join(desk.seeds, '.a.md.swp-save'), '# Animals\n\nThe zebra runs.\n');
    renameSync(join(desk.seeds, '.a.md.swp-save'), file);
    await reloaded;
    expect(await desk.found('aardvark')).toBe(false);

    reloaded = desk.reloadUntil('giraffe', true);
    writeFileSync(file, '# Animals\n\nThe giraffe eats leaves.\n');
    await reloaded;

    reloaded = desk.reloadUntil('giraffe', false);
    unlinkSync(file);
    await reloaded;
    expect(await desk.found('bluebird')).toBe(true);
    desk.done();
  });

  it('answers from a new subfolder', { timeout: TEST_TIMEOUT }, async () => {
    const desk = await watchedDesk({ 'a.md': '# Animals\n\nThe aardvark digs.\n' });
    const reloaded = desk.reloadUntil('kubernetes', true);
    mkdirSync(join(desk.seeds, 'guides'));
    writeFileSync(join(desk.seeds, 'guides', 'deploy.md'), '# Deploy\n\nRun it on kubernetes.\n');
    await reloaded;
    expect(watchStatusOf(desk.live)).toMatchObject({ state: 'watching', files: 2, folders: 2 });
    desk.done();
  });

  it('keeps reloading after the seeds folder is replaced (rm -rf, mkdir, copy back), and serves a file added later', { timeout: TEST_TIMEOUT }, async () => {
    const desk = await watchedDesk({ 'a.md': '# Animals\n\nThe aardvark digs.\n', 'b.md': '# Birds\n\nThe bluebird sings.\n' });
    const backup = join(desk.parent, 'backup');
    cpSync(desk.seeds, backup, { recursive: true });
    writeFileSync(join(backup, 'c.md'), '# Cats\n\nThe cat sleeps.\n');

    let reloaded = desk.reloadUntil('cat', true);
    rmSync(desk.seeds, { recursive: true });
    mkdirSync(desk.seeds);
    cpSync(backup, desk.seeds, { recursive: true });
    await reloaded;

    // The finding: a file added a few seconds after the replacement was never served.
    reloaded = desk.reloadUntil('dolphin', true);
    writeFileSync(join(desk.seeds, 'd.md'), '# Dolphins\n\nThe dolphin swims.\n');
    await reloaded;
    desk.done();
  });

  it('keeps serving while the seeds folder is renamed away, says so in /about, and reloads when it is back', { timeout: TEST_TIMEOUT }, async () => {
    const desk = await watchedDesk({ 'a.md': '# Animals\n\nThe aardvark digs.\n' });
    const away = join(desk.parent, 'away');
    renameSync(desk.seeds, away);
    await vi.waitFor(() => expect(watchStatusOf(desk.live)).toEqual({ state: 'missing', folder: 'seeds/' }), { timeout: 15_000 });
    expect(await desk.found('aardvark')).toBe(true);

    writeFileSync(join(away, 'e.md'), '# Eagles\n\nThe eagle soars.\n');
    const reloaded = desk.reloadUntil('eagle', true);
    renameSync(away, desk.seeds);
    await reloaded;
    expect(watchStatusOf(desk.live)).toMatchObject({ state: 'watching', files: 2 });
    expect(desk.logs.filter((line) => line.includes('seeds folder is gone'))).toHaveLength(1);
    desk.done();
  });
});

function watchStatusOf(live: LiveDesk) {
  return live.facts().watching;
}

describe('LiveDesk: a call in flight when a reload swaps desks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finishes on the old desk, whose worker is not closed under it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const old = new ScriptedWorker(10 * RETIRE_AFTER_MS);
    const newer = sampleDesk();
    const desks: OpenedDesk[] = [old.desk, newer];
    const { live } = liveDesk(async () => desks.shift() ?? sampleDesk());
    // The old desk's statistics, read once at the first load (the swap reads them again from memory).
    const answerStats = async (): Promise<void> => old.answer(await old.nextRequest(), await newer.stats());
    const started = live.start();
    await answerStats();
    const taken = await started;

    const search = taken.search('大模型');
    const request = await old.nextRequest();
    await live.rebuild();
    expect(live.current()).toBe(newer);
    // Well past the time a replaced desk stays open: its close waits for the call in flight.
    await vi.advanceTimersByTimeAsync(2 * RETIRE_AFTER_MS);
    await expect(taken.search('after the close')).rejects.toThrow('this desk was closed (a newer one is serving)');
    old.answer(request, answerTo('大模型 on the old desk'));
    expect((await search).query).toBe('大模型 on the old desk');
    await old.exited;
    expect(old.lost).toEqual([]);
  });
});
