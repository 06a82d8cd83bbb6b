import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDocuments } from '../../src/corpus/loadDocuments.ts';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { snapshotKey } from '../../src/desk/indexCache.ts';
import { programShape, type ProgramShape } from '../../src/desk/programFingerprint.ts';

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

const open = (shape?: ProgramShape) => openAnswerDesk({ seedsDir, cacheDir, programShape: shape, log: (_level, m) => messages.push(m) });
const snapshotFile = (name: string) => join(cacheDir, readdirSync(cacheDir).find((n) => /^[0-9a-f]{64}$/.test(n))!, name);

/** Rewrites a snapshot file and its checksum in the manifest, as a writer that knows the format would. */
function forge(name: string, data: Buffer): void {
  writeFileSync(snapshotFile(name), data);
  const manifest = JSON.parse(readFileSync(snapshotFile('manifest.json'), 'utf8'));
  manifest.files[name] = { bytes: data.length, crc32: crc32(data) };
  writeFileSync(snapshotFile('manifest.json'), JSON.stringify(manifest));
}

function editManifest(edit: (manifest: Record<string, any>) => unknown): void {
  const manifest = JSON.parse(readFileSync(snapshotFile('manifest.json'), 'utf8'));
  const replaced = edit(manifest);
  writeFileSync(snapshotFile('manifest.json'), JSON.stringify(replaced === undefined ? manifest : replaced));
}

/** After an attack on the snapshot: the desk is rebuilt, says why, answers, and the next start uses the new snapshot. */
async function expectRebuilt(why: RegExp): Promise<void> {
  const desk = await open();
  expect(desk.stats().indexSource).toBe('built');
  expect(messages.join('\n')).toMatch(why);
  expect(desk.search('GPT-3').results.length).toBeGreaterThan(0);
  expect((await open()).stats().indexSource).toBe('cache');
}

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

  describe('rebuilds, with a warning saying why, a snapshot whose manifest', () => {
    const attacks: Array<[string, (m: Record<string, any>) => unknown, RegExp]> = [
      ['is null', () => null, /manifest .* is not an object \(it is null\)/],
      ['is a number', () => 42, /manifest .* is not an object \(it is number\)/],
      ['is an array', () => [], /manifest .* is not an object \(it is an array\)/],
      ['is an empty object', () => ({}), /manifest .* has no valid format/],
      ['has a format of the wrong type', (m) => void (m.format = String(m.format)), /has no valid format/],
      ['has arrays of the wrong type', (m) => void (m.arrays = Object.values(m.arrays)), /has no valid arrays/],
      ['has a negative length', (m) => void (m.arrays.sequence = -1), /has no valid arrays/],
      ['lacks a file', (m) => void delete m.files['terms.utf16'], /has no valid files/],
      ['has malformed FlexSearch entries', (m) => void (m.flexsearch = [[1, 'x']]), /has no valid flexsearch/],
      ['has no key parts', (m) => void delete m.program, /has no valid program/],
      ['has array lengths shifted by one', (m) => void (m.arrays.starts += 1, m.arrays.sequence -= 1), /term offsets describe|starts does not run/],
      ['has text lengths shifted by one', (m) => void (m.arrays.textLengths += 1, m.arrays.headingOf -= 1), /texts describe|headings given/],
      ['has FlexSearch lengths shifted by one', (m) => void ((m.flexsearch[0][1] += 1), (m.flexsearch[1][1] -= 1)), /cannot be restored/],
    ];
    for (const [what, attack, why] of attacks) {
      it(what, async () => {
        await open();
        editManifest(attack);
        await expectRebuilt(why);
      });
    }
  });

  describe('rebuilds, with a warning saying why, a snapshot whose checksums match but whose', () => {
    it('documents.json is null', async () => {
      await open();
      forge('documents.json', Buffer.from('null'));
      await expectRebuilt(/documents\.json: not \{ documents, problems \}/);
    });

    it('documents.json lost a passage', async () => {
      await open();
      const stored = JSON.parse(readFileSync(snapshotFile('documents.json'), 'utf8'));
      stored.documents[3].passages.pop();
      forge('documents.json', Buffer.from(JSON.stringify(stored)));
      await expectRebuilt(/inconsistent|texts describe/);
    });

    it('documents.json has a section pointing nowhere', async () => {
      await open();
      const stored = JSON.parse(readFileSync(snapshotFile('documents.json'), 'utf8'));
      stored.documents[0].sections[0].children.push(9999);
      forge('documents.json', Buffer.from(JSON.stringify(stored)));
      await expectRebuilt(/section 0 is malformed/);
    });

    it('arrays hold term ids out of range', async () => {
      await open();
      const bytes = readFileSync(snapshotFile('arrays.bin'));
      const manifest = JSON.parse(readFileSync(snapshotFile('manifest.json'), 'utf8'));
      // The first value of `sequence`, after documentFrequencies and firstPassage.
      bytes.writeUInt32LE(0xffffffff, 4 * (manifest.arrays.documentFrequencies + manifest.arrays.firstPassage));
      forge('arrays.bin', bytes);
      await expectRebuilt(/sequence\[0\] = 4294967295 is out of range/);
    });

    it('blob is truncated and its recorded size too', async () => {
      await open();
      forge('terms.utf16', readFileSync(snapshotFile('terms.utf16')).subarray(0, 100));
      await expectRebuilt(/inconsistent \(\d+ document frequencies for \d+ terms\)/);
    });

    it('FlexSearch export is garbage', async () => {
      await open();
      const data = readFileSync(snapshotFile('flexsearch.utf16'));
      forge('flexsearch.utf16', Buffer.from('x'.repeat(data.length / 2), 'utf16le'));
      await expectRebuilt(/cannot be restored|cannot be read/);
    });
  });

  describe('rebuilds, without reading it, a snapshot file that is not a regular file:', () => {
    it('manifest.json linked to /dev/zero', async () => {
      await open();
      rmSync(snapshotFile('manifest.json'));
      symlinkSync('/dev/zero', snapshotFile('manifest.json'));
      await expectRebuilt(/manifest .* unreadable .*not a regular file/);
    });

    it('a blob replaced by a FIFO', async () => {
      await open();
      rmSync(snapshotFile('terms.utf16'));
      execFileSync('mkfifo', [snapshotFile('terms.utf16')]);
      await expectRebuilt(/snapshot file terms\.utf16 cannot be read .*not a regular file/);
    });
  });

  it('given an edit that keeps size and modification time (touch -r), serves the new text', async () => {
    await open();
    const file = join(seedsDir, '003_6c99d61fa6fdf524.txt');
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('AI大模型是否会导致失业', 'AI大模型是否会导致加班');
    expect(Buffer.byteLength(edited)).toBe(before.size);
    const reference = join(work, 'reference');
    execFileSync('touch', ['-r', file, reference]);
    writeFileSync(file, edited);
    execFileSync('touch', ['-r', reference, file]);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    const desk = await open();
    expect(desk.stats().indexSource).toBe('built');
    expect(desk.search('导致加班').results[0]?.excerpt).toContain('导致加班');
    expect(messages.join('\n')).toMatch(/documents edited: 003_6c99d61fa6fdf524\.txt/);
  });

  it('given a dependency that shapes the index upgraded, rebuilds and says which one changed', async () => {
    const installed = programShape();
    expect(Object.keys(installed.packages)).toEqual(expect.arrayContaining(['flexsearch', 'opencc-js', 'stemmer']));
    expect(installed.packages.flexsearch).toMatch(/^\d+\.\d+\.\d+/);
    await open(installed);
    expect((await open(installed)).stats().indexSource).toBe('cache');
    const upgraded = { ...installed, packages: { ...installed.packages, flexsearch: '9.9.9' } };
    expect((await open(upgraded)).stats().indexSource).toBe('built');
    expect(messages.join('\n')).toContain(`flexsearch ${installed.packages.flexsearch} → 9.9.9`);
  });

  it("given a Node with another Unicode version (its NFKC and case rules fold every character), rebuilds and says so", async () => {
    const installed = programShape();
    await open(installed);
    expect((await open({ ...installed, unicode: '99.0' })).stats().indexSource).toBe('built');
    expect(messages.join('\n')).toContain(`Unicode ${installed.unicode} → 99.0`);
  });

  it('given a new snapshot format, rebuilds and says so', async () => {
    const installed = programShape();
    await open(installed);
    expect((await open({ ...installed, format: installed.format + 1 })).stats().indexSource).toBe('built');
    expect(messages.join('\n')).toContain(`snapshot format ${installed.format} → ${installed.format + 1}`);
  });

  it('given a cache folder that cannot be created (under /proc), warns and serves without it', async () => {
    const desk = await openAnswerDesk({ seedsDir, cacheDir: '/proc/answer-desk-cache-test/index', log: (_level, m) => messages.push(m) });
    expect(desk.search('GPT-3').results.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/could not be written to \/proc\/answer-desk-cache-test\/index .*serving without it/);
  });

  it('given a cache folder path that is a file, warns and serves without it', async () => {
    const file = join(work, 'not-a-folder');
    writeFileSync(file, 'x');
    const desk = await openAnswerDesk({ seedsDir, cacheDir: join(file, 'index'), log: (_level, m) => messages.push(m) });
    expect(desk.search('GPT-3').results.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/could not be written .*serving without it/);
  });

  it('hashes a link to a FIFO in the listing as what it is, without blocking on it', async () => {
    execFileSync('mkfifo', [join(seedsDir, 'pipe.fifo')]);
    symlinkSync('pipe.fifo', join(seedsDir, 'pipe.md'));
    const { files, problems } = await listDocuments(seedsDir);
    // The listing already skips it; a FIFO swapped in after listing must not block the hashing either.
    expect(problems.map((p) => p.path)).toContain('pipe.md');
    const swapped = { path: 'pipe.md', absolutePath: join(seedsDir, 'pipe.fifo'), size: 0, modifiedMs: 0 };
    const key = await snapshotKey(seedsDir, [...files, swapped]);
    expect(key.documents['pipe.md']).toMatch(/named pipe \(FIFO\), not a regular file/);
    expect(key.documents['003_6c99d61fa6fdf524.txt']).toMatch(/^[0-9a-f]{64}$/);
  });
});
