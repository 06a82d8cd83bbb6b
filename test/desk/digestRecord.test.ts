import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../src/corpus/loadDocuments.ts';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';

/** Every path the program opens with openSync: how documents are read, for the key and for cleaning. */
const opened: string[] = [];
/** Run once a file of that path, opened with openSync, is closed again (to edit it behind a reader's back). */
const afterClose = new Map<string, () => void>();
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  const paths = new Map<number, string>();
  const openSync = (...args: Parameters<typeof original.openSync>) => {
    const fd = original.openSync(...args);
    opened.push(String(args[0]));
    paths.set(fd, String(args[0]));
    return fd;
  };
  const closeSync = (fd: number) => {
    original.closeSync(fd);
    const path = paths.get(fd);
    paths.delete(fd);
    const hook = path === undefined ? undefined : afterClose.get(path);
    if (hook !== undefined) {
      afterClose.delete(path!);
      hook();
    }
  };
  return { ...original, default: { ...original, openSync, closeSync }, openSync, closeSync };
});

const seeds = join(import.meta.dirname, '..', '..', 'seeds');
const names = readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort();
let work: string;
const folders = ['unchanged', 'stat', 'resized', 'touched', 'corrupt', 'fifo', 'cold', 'meanwhile'];

/** Each test has a seeds folder of its own, settled (written longer ago than SETTLE_MS) before any test runs. */
beforeAll(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'answer-desk-digests-')));
  for (const folder of folders) cpSync(seeds, join(work, folder, 'seeds'), { recursive: true });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 100));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  seedsDir: string;
  cacheDir: string;
  messages: string[];
  open(): Promise<{ source: 'built' | 'cache'; read: string[]; search: (q: string) => string | undefined }>;
}

function run(folder: string): Run {
  const seedsDir = join(work, folder, 'seeds');
  const cacheDir = join(work, folder, 'cache');
  const messages: string[] = [];
  return {
    seedsDir,
    cacheDir,
    messages,
    async open() {
      opened.length = 0;
      const desk = await openAnswerDesk({ seedsDir, cacheDir, buildThreads: 1, log: (level, m) => messages.push(`${level}: ${m}`) });
      const read = opened.filter((path) => path.startsWith(seedsDir + sep)).map((path) => path.slice(seedsDir.length + 1));
      return { source: desk.stats().indexSource, read, search: (q) => desk.search(q).results[0]?.excerpt };
    },
  };
}

const recordFile = (r: Run) => join(r.cacheDir, readdirSync(r.cacheDir).find((name) => /^digests-[0-9a-f]{16}\.json$/.test(name))!);

describe('the digest record of the index cache', () => {
  it('lets a restart whose files are unchanged serve the snapshot without reading any of them', async () => {
    const r = run('unchanged');
    expect((await r.open()).source).toBe('built');
    const restart = await r.open();
    expect(restart.source).toBe('cache');
    expect(restart.read).toEqual([]);
  });

  it('reads each document once on a cold build: the key is the hash of the bytes cleaned', async () => {
    const r = run('cold');
    const cold = await r.open();
    expect(cold.source).toBe('built');
    expect(cold.read).toEqual(names);
    // That key finds the snapshot again on a restart that hashes every file itself (no record).
    rmSync(recordFile(r));
    const restart = await r.open();
    expect(restart.source).toBe('cache');
    expect(restart.read).toEqual(names);
  });

  it('reads again a file whose modification or status-change time moved, and only it', async () => {
    const r = run('stat');
    await r.open();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(r.seedsDir, names[1]), later, later);
    chmodSync(join(r.seedsDir, names[2]), 0o600); // the status-change time alone
    const restart = await r.open();
    expect(restart.source).toBe('cache');
    expect(restart.read).toEqual([names[1], names[2]]);
  });

  it('reads again a file whose size changed, and serves its new text', async () => {
    const r = run('resized');
    await r.open();
    appendFileSync(join(r.seedsDir, names[0]), '\n\n量子退火是一种新的优化方法。\n');
    const restart = await r.open();
    expect(restart.source).toBe('built');
    expect(restart.search('量子退火')).toContain('量子退火');
    expect(r.messages.join('\n')).toMatch(new RegExp(`documents edited: ${names[0]}`));
  });

  it('sees an edit that keeps size and modification time (touch -r): its status-change time moved', async () => {
    const r = run('touched');
    await r.open();
    const file = join(r.seedsDir, '003_6c99d61fa6fdf524.txt');
    const before = statSync(file, { bigint: true });
    const edited = readFileSync(file, 'utf8').replace('AI大模型是否会导致失业', 'AI大模型是否会导致加班');
    const reference = join(work, 'touched', 'reference');
    execFileSync('touch', ['-r', file, reference]);
    writeFileSync(file, edited);
    execFileSync('touch', ['-r', reference, file]);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const restart = await r.open();
    expect(restart.source).toBe('built');
    expect(restart.search('导致加班')).toContain('导致加班');
    expect(r.messages.join('\n')).toMatch(/documents edited: 003_6c99d61fa6fdf524\.txt/);
  });

  it('writes no snapshot when a document is edited after the build read it (seen by its stat, not a second read)', async () => {
    const r = run('meanwhile');
    const file = join(r.seedsDir, names[3]);
    afterClose.set(file, () => appendFileSync(file, '\n\n冷启动期间新增的一段文字。\n'));
    const cold = await r.open();
    expect(cold.source).toBe('built');
    expect(cold.read).toEqual(names);
    expect(r.messages.join('\n')).toContain(`a document changed while it was indexed (${names[3]}); the snapshot is not written`);
    expect(readdirSync(r.cacheDir).filter((name) => /^[0-9a-f]{64}$/.test(name))).toEqual([]);
    const restart = await r.open();
    expect(restart.source).toBe('built');
    expect(restart.search('冷启动期间新增')).toContain('冷启动期间新增');
  });

  describe('ignores, without a warning, a record that is not one it wrote, and hashes every file again:', () => {
    const forgeries: Array<[string, (record: Record<string, any>) => unknown]> = [
      ['not JSON', () => '{ not json'],
      ['null', () => null],
      ['another format', (record) => ({ ...record, format: 99 })],
      ['another seeds folder', (record) => ({ ...record, seedsDir: '/elsewhere' })],
      ['an entry without a hash', (record) => void (Object.values(record.files)[0] as string[]).pop()],
      ['an entry whose hash is not SHA-256 hex', (record) => void ((Object.values(record.files)[0] as string[])[1] = 'x'.repeat(64))],
      ['an entry with a malformed stamp', (record) => void ((Object.values(record.files)[0] as string[])[0] = 'yesterday')],
      ['a relative path', (record) => ({ ...record, files: { 'a.txt': Object.values(record.files)[0] } })],
    ];
    for (const [what, forge] of forgeries) {
      it(what, async () => {
        const r = run('corrupt');
        rmSync(r.cacheDir, { recursive: true, force: true });
        await r.open();
        const file = recordFile(r);
        const record = JSON.parse(readFileSync(file, 'utf8'));
        const forged = forge(record);
        writeFileSync(file, typeof forged === 'string' ? forged : JSON.stringify(forged === undefined ? record : forged));
        r.messages.length = 0;
        const restart = await r.open();
        expect(restart.source).toBe('cache');
        expect(restart.read).toEqual(names);
        expect(r.messages.filter((m) => m.startsWith('warn'))).toEqual([]);
        // The record is written anew: the next restart reads nothing.
        expect((await r.open()).read).toEqual([]);
      });
    }

    it('a FIFO in its place (not read: it would block)', async () => {
      const r = run('fifo');
      await r.open();
      const file = recordFile(r);
      rmSync(file);
      execFileSync('mkfifo', [file]);
      const restart = await r.open();
      expect(restart.source).toBe('cache');
      expect(restart.read).toEqual(names);
    });
  });

  it('keeps a record per seeds folder when several share a cache folder', async () => {
    const r = run('unchanged');
    const other = join(work, 'other-seeds');
    mkdirSync(other);
    writeFileSync(join(other, 'a.md'), '# 另一个文件夹\n\n别的文档。\n');
    await openAnswerDesk({ seedsDir: other, cacheDir: r.cacheDir });
    expect(readdirSync(r.cacheDir).filter((name) => name.startsWith('digests-'))).toHaveLength(2);
    expect((await r.open()).read).toEqual([]);
  });
});
