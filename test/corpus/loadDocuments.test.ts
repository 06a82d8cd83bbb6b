import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeDocument, loadDocuments, readRegularFile } from '../../src/corpus/loadDocuments.ts';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'answer-desk-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function reasonOf(problems: readonly { path: string; reason: string }[], path: string): string {
  const problem = problems.find((p) => p.path === path);
  if (problem === undefined) throw new Error(`no problem reported for ${path}: ${JSON.stringify(problems)}`);
  return problem.reason;
}

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

  it('never serves hidden files or folders', async () => {
    await mkdir(join(dir, '.private'));
    await writeFile(join(dir, '.private', 'plan.md'), '秘密计划。');
    await writeFile(join(dir, '.env.md'), 'DISCORD_TOKEN=x');
    await writeFile(join(dir, 'open.md'), '公开文档。');
    expect((await loadDocuments(dir)).documents.map((d) => d.path)).toEqual(['open.md']);
  });
});

describe('links out of the seeds folder', () => {
  const FAKE_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.fakeTokenNeverServed0123456789';
  let seeds: string;

  beforeEach(async () => {
    // dir/.env and dir/elsewhere/ sit next to the seeds folder, as in a project checkout.
    seeds = join(dir, 'seeds');
    await mkdir(join(seeds, 'inner'), { recursive: true });
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, '.env'), `DISCORD_TOKEN=${FAKE_TOKEN}\n`);
    await writeFile(join(dir, 'elsewhere', 'outside.md'), '外面的文档：DISCORD_TOKEN 不在这里。\n');
    await writeFile(join(seeds, 'guide.md'), '# 指南\n\n深度学习是机器学习的一个分支。\n');
    await writeFile(join(seeds, 'inner', 'real.md'), '# 内部\n\n内部文档的正文。\n');
    await symlink('../.env', join(seeds, 'notes.md'));
    await symlink('/etc/passwd', join(seeds, 'passwd.txt'));
    await symlink('../elsewhere', join(seeds, 'linked-folder'));
    await symlink('inner/real.md', join(seeds, 'alias.md'));
    await symlink('loop.md', join(seeds, 'loop.md'));
    await symlink('missing.md', join(seeds, 'dangling.md'));
    await symlink('..', join(seeds, 'inner', 'up'));
    await symlink('inner', join(seeds, 'also-inner'));
    await symlink('.', join(dir, 'elsewhere', 'again'));
  });

  it('serves links that stay inside (a folder once, where it really is), skips links out with one warning each naming them', async () => {
    const { documents, problems } = await loadDocuments(seeds);
    expect(documents.map((d) => d.path)).toEqual(['alias.md', 'guide.md', 'inner/real.md']);
    expect(reasonOf(problems, 'notes.md')).toMatch(/hidden file/);
    expect(reasonOf(problems, 'passwd.txt')).toMatch(/outside the seeds folder.*FOLLOW_SYMLINKS=1/);
    expect(reasonOf(problems, 'linked-folder')).toMatch(/folder outside the seeds folder/);
    expect(reasonOf(problems, 'loop.md')).toMatch(/loops/);
    expect(reasonOf(problems, 'dangling.md')).toMatch(/does not exist/);
    expect(problems.map((p) => p.path).sort()).toEqual(['dangling.md', 'linked-folder', 'loop.md', 'notes.md', 'passwd.txt']);
    for (const { reason } of problems) expect(reason).not.toMatch(/permission/);
  });

  it('follows links out when allowed, without looping, but never to a hidden file whatever the link is called', async () => {
    const { documents, problems } = await loadDocuments(seeds, { followSymlinks: true });
    expect(documents.map((d) => d.path)).toEqual(['alias.md', 'guide.md', 'inner/real.md', 'linked-folder/outside.md', 'passwd.txt']);
    expect(reasonOf(problems, 'notes.md')).toMatch(/hidden file.*never served/);
  });

  it('never puts the token of a linked .env in any search result', async () => {
    for (const followSymlinks of [false, true]) {
      const desk = await openAnswerDesk({ seedsDir: seeds, loading: { followSymlinks } });
      for (const query of ['DISCORD_TOKEN', FAKE_TOKEN, 'fakeTokenNeverServed0123456789', 'GaBcDe', 'TOKEN', 'root']) {
        const answer = desk.search(query, { top: 20 });
        expect(JSON.stringify(answer.results)).not.toContain('fakeToken');
        expect(JSON.stringify(answer.results)).not.toContain(FAKE_TOKEN);
      }
      expect(desk.documents().map((d) => d.doc)).not.toContain('notes.md');
    }
  });
});

describe('special files', () => {
  it('skips a link to /dev/zero, a FIFO and a link to it, promptly, with the reason', async () => {
    await writeFile(join(dir, 'good.md'), '正常的文档。');
    await symlink('/dev/zero', join(dir, 'zero.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    await symlink('pipe.md', join(dir, 'pipe-link.txt'));
    const { documents, problems } = await loadDocuments(dir, { followSymlinks: true });
    expect(documents.map((d) => d.path)).toEqual(['good.md']);
    expect(reasonOf(problems, 'zero.txt')).toMatch(/character device.*not a regular file/);
    expect(reasonOf(problems, 'pipe.md')).toMatch(/named pipe \(FIFO\)/);
    expect(reasonOf(problems, 'pipe-link.txt')).toMatch(/named pipe \(FIFO\)/);
  });

  it('skips a socket with the reason', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    const socketPath = join(dir, 'socket.md');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await writeFile(join(dir, 'good.md'), '正常的文档。');
      const { problems } = await loadDocuments(dir);
      expect(reasonOf(problems, 'socket.md')).toMatch(/socket/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a file over the size limit before reading it, naming its size, the limit and the setting', async () => {
    await writeFile(join(dir, 'small.md'), '小文档。');
    await writeFile(join(dir, 'big.md'), 'x'.repeat(3000));
    const { documents, problems } = await loadDocuments(dir, { maxDocumentBytes: 2048 });
    expect(documents.map((d) => d.path)).toEqual(['small.md']);
    expect(reasonOf(problems, 'big.md')).toMatch(/is 2\.9 KiB, over the document size limit of 2\.0 KiB.*MAX_DOCUMENT_BYTES \(now 2048 bytes\)/);
  });

  it('reads at most the limit from a file whose descriptor is not a regular file', async () => {
    expect(await readRegularFile('/dev/zero', 1024)).toMatchObject({ problem: expect.stringMatching(/character device/) });
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Opened non-blocking: no writer, yet the read returns at once.
    expect(await readRegularFile(fifo, 1024)).toMatchObject({ problem: expect.stringMatching(/FIFO/) });
  });

  it('gives ENOENT, ELOOP, EISDIR and EACCES each their own message; only EACCES says permissions', async () => {
    const missing = await readRegularFile(join(dir, 'gone.md'), 1024);
    await symlink('x', join(dir, 'link.md'));
    const link = await readRegularFile(join(dir, 'link.md'), 1024);
    await mkdir(join(dir, 'folder.md'));
    const folder = await readRegularFile(join(dir, 'folder.md'), 1024);
    const reasons = [missing, link, folder].map((r) => ('problem' in r ? r.problem : ''));
    expect(reasons[0]).toMatch(/no longer exists/);
    expect(reasons[1]).toMatch(/symbolic link/);
    expect(reasons[2]).toMatch(/folder/);
    for (const reason of reasons) expect(reason).not.toMatch(/permission/);
    expect(new Set(reasons).size).toBe(3);
    if (process.getuid?.() !== 0) {
      await writeFile(join(dir, 'locked.md'), '锁住的文档。', { mode: 0o000 });
      const locked = await readRegularFile(join(dir, 'locked.md'), 1024);
      expect(locked).toMatchObject({ problem: expect.stringMatching(/permission denied.*check its permissions/) });
    }
  });
});

describe('decodeDocument', () => {
  const traditional = '深度學習是機器學習的一個分支，它使用多層神經網路來學習資料的表示。我們在這裡介紹它的基本概念。\n';
  const simplified = '深度学习是机器学习的一个分支，它使用多层神经网络来学习数据的表示。我们在这里介绍它的基本概念。\n';
  const iconv = (to: string, text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: text });

  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('深度学习', 'utf16le')]);
    expect(decodeDocument(bytes)).toEqual({ text: '深度学习' });
  });

  it('decodes UTF-16 without a byte-order mark, either byte order, instead of calling it binary', () => {
    expect(decodeDocument(Buffer.from(simplified, 'utf16le'))).toEqual({ text: simplified });
    expect(decodeDocument(Buffer.from(simplified, 'utf16le').swap16())).toEqual({ text: simplified });
    expect(decodeDocument(Buffer.from('Deep learning\nis a branch.\n', 'utf16le'))).toEqual({ text: 'Deep learning\nis a branch.\n' });
  });

  it('calls a whitespace-only file empty', () => {
    expect(decodeDocument(Buffer.from('  \n\n '))).toMatchObject({ problem: expect.stringMatching(/empty/) });
  });

  it('finds a NUL byte anywhere, not only in the first 8 KiB', () => {
    const bytes = Buffer.concat([Buffer.from('正文。'.repeat(5000)), Buffer.from([0]), Buffer.from('尾')]);
    expect(decodeDocument(bytes)).toMatchObject({ problem: expect.stringMatching(/binary/) });
  });

  it.runIf(existsSync('/usr/bin/iconv') || existsSync('/bin/iconv'))('tells Big5 from GBK and says how to convert each', () => {
    expect(decodeDocument(iconv('BIG5', traditional))).toMatchObject({ problem: expect.stringMatching(/Big5.*iconv -f BIG5 -t UTF-8/) });
    expect(decodeDocument(iconv('GBK', simplified))).toMatchObject({ problem: expect.stringMatching(/GBK.*iconv -f GB18030 -t UTF-8/) });
  });
});
