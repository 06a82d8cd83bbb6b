import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';

const seeds = join(import.meta.dirname, '..', '..', 'seeds');
let work: string;
let seedsDir: string;
let cacheDir: string;
let messages: string[];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'answer-desk-cache-'));
  seedsDir = join(work, 'seeds');
  cacheDir = join(work, 'cache');
  cpSync(seeds, seedsDir, { recursive: true });
  messages = [];
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const open = () => openAnswerDesk({ seedsDir, cacheDir, log: (_level, m) => messages.push(m) });
const snapshotFile = (name: string) => join(cacheDir, readdirSync(cacheDir).find((n) => /^[0-9a-f]{64}$/.test(n))!, name);

describe('the index cache', () => {
  it('given an unchanged corpus, loads the index instead of building it, and answers the same', async () => {
    const built = await open();
    const loaded = await open();
    expect(built.stats().indexSource).toBe('built');
    expect(loaded.stats().indexSource).toBe('cache');
    for (const query of ['GPT-3', '深度學習', '大模型需要GPU吗', '怎么做红烧肉']) {
      const { ms: _a, ...fresh } = built.search(query);
      const { ms: _b, ...cached } = loaded.search(query);
      expect(cached).toEqual(fresh);
    }
    expect(loaded.summarizeSection('003_6c99d61fa6fdf524.txt')).toEqual(built.summarizeSection('003_6c99d61fa6fdf524.txt'));
  });

  it('given a changed document, does not serve the stale snapshot', async () => {
    await open();
    writeFileSync(join(seedsDir, 'new.md'), '# 新文档\n\n量子计算是一种新的计算方式。\n');
    const desk = await open();
    expect(desk.stats().indexSource).toBe('built');
    expect(desk.search('量子计算').results[0]?.doc).toBe('new.md');
  });

  it('given an edited document, rebuilds instead of serving the old text', async () => {
    await open();
    const file = join(seedsDir, '003_6c99d61fa6fdf524.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Q4：AI大模型是否会导致失业？', 'Q4：AI大模型是否会改变教育？'));
    const desk = await open();
    expect(desk.stats().indexSource).toBe('built');
    expect(desk.search('改变教育').results[0]?.excerpt).toContain('改变教育');
  });

  it('still names the files it could not serve after a restart from the cache', async () => {
    writeFileSync(join(seedsDir, 'broken.md'), Buffer.from([0, 1, 2, 3]));
    expect((await open()).problems.map((p) => p.path)).toEqual(['broken.md']);
    const restarted = await open();
    expect(restarted.stats().indexSource).toBe('cache');
    expect(restarted.problems).toEqual([{ path: 'broken.md', reason: expect.stringMatching(/binary/) }]);
  });

  it('detects a truncated snapshot file and rebuilds', async () => {
    await open();
    truncateSync(snapshotFile('flexsearch.utf16'), 10);
    const desk = await open();
    expect(desk.stats().indexSource).toBe('built');
    expect(messages.join('\n')).toMatch(/flexsearch\.utf16 is truncated/);
    expect(desk.search('GPT-3').results.length).toBeGreaterThan(0);
    expect((await open()).stats().indexSource).toBe('cache');
  });

  it('detects a corrupt snapshot file of the right size and rebuilds', async () => {
    await open();
    const file = snapshotFile('arrays.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    const desk = await open();
    expect(desk.stats().indexSource).toBe('built');
    expect(messages.join('\n')).toMatch(/arrays\.bin is corrupt/);
  });

  it('detects an unreadable manifest and rebuilds', async () => {
    await open();
    writeFileSync(snapshotFile('manifest.json'), '{ not json');
    expect((await open()).stats().indexSource).toBe('built');
    expect(messages.join('\n')).toMatch(/manifest .* unreadable/);
  });
});
