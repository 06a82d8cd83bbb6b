import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheFile } from '../../src/desk/readCacheFile.ts';

describe('readCacheFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'read-cache-file-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a regular file of at most the size asked for', async () => {
    writeFileSync(join(folder, 'manifest.json'), '{"format":1}');
    expect((await readCacheFile(join(folder, 'manifest.json'), 12)).toString('utf8')).toBe('{"format":1}');
  });

  it('refuses a file bigger than expected, saying how big it is', async () => {
    writeFileSync(join(folder, 'blob'), 'x'.repeat(13));
    await expect(readCacheFile(join(folder, 'blob'), 12)).rejects.toThrow('holds 13 bytes, more than the 12 expected');
  });

  it('refuses a folder, a link to /dev/zero and a FIFO without reading them', async () => {
    mkdirSync(join(folder, 'folder'));
    symlinkSync('/dev/zero', join(folder, 'zero'));
    execFileSync('mkfifo', [join(folder, 'fifo')]);
    for (const name of ['folder', 'zero', 'fifo']) {
      await expect(readCacheFile(join(folder, name), 1024)).rejects.toThrow('is not a regular file');
    }
  });

  it('passes on a missing file as the error of open', async () => {
    await expect(readCacheFile(join(folder, 'missing'), 1024)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
