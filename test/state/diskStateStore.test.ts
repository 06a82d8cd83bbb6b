import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/log.ts';
import { DiskStateStore } from '../../src/state/diskStateStore.ts';

async function openStore(clock = { now: 1_000_000 }) {
  const folder = mkdtempSync(join(tmpdir(), 'answer-desk-disk-state-'));
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  const store = await DiskStateStore.open({ folder, log, now: () => clock.now, sweepEveryMs: 0 });
  return { folder, lines, store, clock };
}

const entryFiles = (folder: string): string[] => readdirSync(folder).filter((name) => name.endsWith('.json'));

describe('the disk component state store', () => {
  it('keeps one file per key, named by a hash of the key and readable by its owner only', async () => {
    const { folder, store } = await openStore();
    await store.set('reply:../../escape/关键', 'value', 60_000);
    const [name] = entryFiles(folder);
    expect(name).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('checks expiry on read with its clock, and deletes the expired file', async () => {
    const { folder, store, clock } = await openStore();
    await store.set('k', 'v', 1_000);
    clock.now += 999;
    expect(await store.get('k')).toBe('v');
    clock.now += 1;
    expect(await store.get('k')).toBeUndefined();
    expect(entryFiles(folder)).toEqual([]);
  });

  it('treats a damaged or edited file as absent, says so, and removes it', async () => {
    const { folder, store, lines } = await openStore();
    await store.set('a', 'v', 60_000);
    await store.set('b', 'v', 60_000);
    const [damaged, edited] = entryFiles(folder);
    writeFileSync(join(folder, damaged), '{"key":');
    writeFileSync(join(folder, edited), JSON.stringify({ key: 'someone else', value: 'v', expiresAt: Number.MAX_SAFE_INTEGER }));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    expect(lines.filter((line) => line.includes('a state file is damaged'))).toHaveLength(2);
    expect(entryFiles(folder)).toEqual([]);
  });

  it('sweeps expired entries and leftovers of interrupted writes, and leaves the rest (the secret) alone', async () => {
    const { folder, store, clock } = await openStore();
    await store.set('stays', 'v', 60_000);
    await store.set('goes', 'v', 1_000);
    writeFileSync(join(folder, 'secret'), 'kept\n');
    const leftover = join(folder, `${'0'.repeat(64)}.json.1.abc.tmp`);
    writeFileSync(leftover, '{');
    utimesSync(leftover, new Date(0), new Date(0));
    clock.now += 5_000;
    expect(await store.sweep()).toBe(2);
    expect(await store.get('stays')).toBe('v');
    expect(readdirSync(folder).sort()).toEqual([...entryFiles(folder), 'secret'].sort());
    expect(readFileSync(join(folder, 'secret'), 'utf8')).toBe('kept\n');
  });

  it('breaks a counter lock left behind by a process that died holding it', async () => {
    const { folder, store, lines } = await openStore();
    await store.increment('cooldown:u1', 60_000);
    const [entry] = entryFiles(folder);
    const lock = join(folder, `${entry}.lock`);
    writeFileSync(lock, '');
    utimesSync(lock, new Date(0), new Date(0));
    expect((await store.increment('cooldown:u1', 60_000)).count).toBe(2);
    expect(lines.join('\n')).toMatch(/broke a state lock/);
  });
});
