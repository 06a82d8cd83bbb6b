/** The console as people start it: npm run console (piped) and npm start without a token. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../discord/botHarness.ts';
import { MAIN, spawnEntry } from '../discord/spawnMain.ts';

describe('npm run console', () => {
  it('answers piped commands over the real seeds and exits 0 at end of input', async () => {
    const { code, stdout, stderr } = await spawnEntry(MAIN, ['--console'], { SEEDS_DIR }, '/ask AI大模型需要多少计算资源？\n/about\n').finished;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Results for “AI大模型需要多少计算资源？” \(1–\d of \d+\)\n/);
    expect(stdout).toContain('**计算资源**');
    expect(stdout).toMatch(/  └ 1\.背景介绍 \(1\.1 背景介绍\) › .+, line \d+/);
    expect(stdout).toContain('Documents: 5, sections: 33');
    expect(stdout).not.toMatch(/^> /m);
    expect(stderr).toBe('');
  });
});

describe('npm start without a token', () => {
  it('opens the console and says how to connect to Discord', async () => {
    const { code, stdout, stderr } = await spawnEntry(MAIN, [], { SEEDS_DIR }, '/sections\n').finished;
    expect(code).toBe(0);
    expect(stderr).toContain('DISCORD_TOKEN is not set, so this is the local console.');
    expect(stderr).toContain('npm run deploy-commands');
    expect(stdout).toContain('Documents (5)');
  });
});

describe('the console with nothing to serve', () => {
  it('says no documents are being served, why, and where to put them, instead of "nothing matches"', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'answer-desk-empty-'));
    const first = await spawnEntry(MAIN, ['--console'], { SEEDS_DIR: empty }, '/ask 大模型\n').finished;
    // The reason is the loader's own sentence about the folder.
    expect(first.stdout.trim()).toMatch(new RegExp(`^No documents are being served: ${empty} .+; add \\.md/\\.txt files to ${empty}$`));

    writeFileSync(join(empty, 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const skipped = await spawnEntry(MAIN, ['--console'], { SEEDS_DIR: empty }, '/ask 大模型\n/sections\n').finished;
    const lines = skipped.stdout.trim().split('\n\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^No documents are being served: picture\\.txt .+; add \\.md/\\.txt files to ${empty}$`));
    expect(skipped.stdout).not.toContain('Nothing in the documents matches');
  });
});
