import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { LiveDesk, type OpenDesk, type ReloadResult } from '../../src/discord/liveDesk.ts';
import { createLogger } from '../../src/logging/log.ts';
import type { DeskReader } from '../../src/reply/deskReader.ts';
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

describe('LiveDesk', () => {
  it('rebuilds after a change in the seeds folder and swaps the new desk in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    writeFileSync(join(dir, 'a.md'), '# 甲\n\n大模型是很大的模型。\n');
    const reload = nextReload();
    const { live } = liveDesk((seedsDir) => openAnswerDesk({ seedsDir }), dir, reload.onReload);
    const first = await live.start();
    live.watch();
    expect(first.documents()).toHaveLength(1);
    writeFileSync(join(dir, 'b.md'), '# 乙\n\n部署需要云服务。\n');
    expect(await reload.promise).toEqual({ ok: true });
    expect(live.current()?.documents()).toHaveLength(2);
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
