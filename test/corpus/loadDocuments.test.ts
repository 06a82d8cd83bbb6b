import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeDocument, loadDocuments } from '../../src/corpus/loadDocuments.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'answer-desk-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadDocuments', () => {
  it('reads .md and .txt files recursively, in a stable order, with / paths', async () => {
    await mkdir(join(dir, 'guide', 'deep'), { recursive: true });
    await writeFile(join(dir, 'b.txt'), '乙');
    await writeFile(join(dir, 'guide', 'deep', 'a.md'), '甲');
    await writeFile(join(dir, 'notes.pdf'), '%PDF');
    const { documents, problems } = await loadDocuments(dir);
    expect(documents.map((d) => d.path)).toEqual(['b.txt', 'guide/deep/a.md']);
    expect(problems).toEqual([]);
  });

  it('names a binary or undecodable file and why, and still serves the others', async () => {
    await writeFile(join(dir, 'good.md'), '好的文档。');
    await writeFile(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(join(dir, 'gbk.txt'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xff]));
    const { documents, problems } = await loadDocuments(dir);
    expect(documents.map((d) => d.path)).toEqual(['good.md']);
    expect(problems.map((p) => p.path).sort()).toEqual(['gbk.txt', 'image.md']);
    expect(problems.find((p) => p.path === 'image.md')!.reason).toMatch(/binary/);
    expect(problems.find((p) => p.path === 'gbk.txt')!.reason).toMatch(/UTF-8/);
  });

  it('says a missing folder does not exist, and an empty one holds no documents', async () => {
    expect((await loadDocuments(join(dir, 'nope'))).problems[0].reason).toMatch(/does not exist/);
    expect((await loadDocuments(dir)).problems[0].reason).toMatch(/no \.md or \.txt/);
  });
});

describe('decodeDocument', () => {
  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('深度学习', 'utf16le')]);
    expect(decodeDocument(bytes)).toEqual({ text: '深度学习' });
  });

  it('calls a whitespace-only file empty', () => {
    expect(decodeDocument(Buffer.from('  \n\n '))).toMatchObject({ problem: expect.stringMatching(/empty/) });
  });
});
