/** The CLI contract, through real processes: tools outside the project rely on these shapes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const seeds = join(root, 'seeds');

function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, SEEDS_DIR: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'answer-desk-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('search --jsonl', () => {
  it('through npm run --silent cli, writes one JSON line per query line, in order, and nothing else on stdout', () => {
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', 'search', '--jsonl', '--top', '2', '--seeds', seeds], {
      cwd: root,
      input: 'GPT-3\n\n怎么做红烧肉\n深度學習\n',
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['GPT-3', '', '怎么做红烧肉', '深度學習']);
    expect(lines[1].results).toEqual([]);
    expect(lines[2].results).toEqual([]);
    expect(lines[0].results.length).toBeGreaterThan(0);
    expect(lines[3].results.length).toBeLessThanOrEqual(2);
  });

  it('gives each result exactly doc, section, line, excerpt, score and matches, plus ms per answer', () => {
    const { stdout } = cli(['search', '--jsonl', '--seeds', seeds], 'GPT-3\n');
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['query', 'results', 'ms']);
    expect(typeof answer.ms).toBe('number');
    expect(answer.results.length).toBeLessThanOrEqual(5);
    for (const r of answer.results) {
      expect(Object.keys(r)).toEqual(['doc', 'section', 'line', 'excerpt', 'score', 'matches']);
      expect(r.doc).toMatch(/^\d{3}_[0-9a-f]+\.txt$/);
      expect(Number.isInteger(r.line) && r.line >= 1).toBe(true);
      for (const [s, e] of r.matches) expect(0 <= s && s < e && e <= [...r.excerpt].length).toBe(true);
    }
  });

  it('frames lines by \\n only: a lone CR stays inside its query, a CRLF ending is dropped', () => {
    const input = 'GPT-3\rDALL-E\n深度学习\r\n\u2028GPU\nlast line without newline';
    const { stdout } = cli(['search', '--jsonl', '--top', '1', '--seeds', seeds], input);
    const queries = stdout.trimEnd().split('\n').map((l) => JSON.parse(l).query);
    expect(queries).toEqual(['GPT-3\rDALL-E', '深度学习', 'GPU', 'last line without newline']);
  });

  it('answers 200 lines holding lone CRs with exactly 200 answers', () => {
    const input = Array.from({ length: 200 }, (_, i) => `问题${i}\r第二部分`).join('\n') + '\n';
    const { stdout } = cli(['search', '--jsonl', '--top', '1', '--seeds', seeds], input);
    expect(stdout.trimEnd().split('\n')).toHaveLength(200);
  });

  it('finds text across zero-width and format characters, marking the original code points', () => {
    const dir = join(scratch, 'zero-width');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plain.md'), '# 简介\n\n深度学习是机器学习的一个分支。\n');
    writeFileSync(join(dir, 'hidden.md'), '# 模型\n\n神\u200b经\u200b网\u200b络是一种模型。\n');
    const { stdout } = cli(['search', '--jsonl', '--no-cache', '--top', '1', '--seeds', dir], '深\u200b度\u200b学\u200b习\n神经网络\n');
    const [byHiddenQuery, ofHiddenText] = stdout.trimEnd().split('\n').map((l) => JSON.parse(l).results[0]);
    expect(byHiddenQuery).toMatchObject({ doc: 'plain.md', matches: [[0, 4], [7, 9]] });
    expect(ofHiddenText).toMatchObject({ doc: 'hidden.md', excerpt: '神\u200b经\u200b网\u200b络是一种模型。', matches: [[0, 7]] });
  });

  it('cites the line of the raw file where the quoted text starts', () => {
    const { stdout } = cli(['search', '--jsonl', '--top', '1', '--seeds', seeds], 'DALL-E\n');
    const [hit] = JSON.parse(stdout).results;
    expect(hit).toMatchObject({ doc: '004_90d9711735599f06.txt', line: 34 });
  });
});

describe('search "<query>"', () => {
  it('prints a readable answer with sources', () => {
    const { code, stdout } = cli(['search', 'GPT-3', '--seeds', seeds]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1\.背景介绍 \(004_90d9711735599f06\.txt\) › .*, line 38/);
    expect(stdout).toContain('**GPT-3**');
  });
});

describe('summary', () => {
  it('--json gives doc, section, line, empty, summary and sentences', () => {
    const { stdout } = cli(['summary', '--doc', '003_6c99d61fa6fdf524.txt', '--section', '1.1 背景介绍', '--json', '--seeds', seeds]);
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary)).toEqual(['doc', 'section', 'line', 'empty', 'summary', 'sentences']);
    expect(summary).toMatchObject({ doc: '003_6c99d61fa6fdf524.txt', section: '1.背景介绍 > 1.1 背景介绍', line: 7, empty: false });
    expect([...summary.summary].length).toBeLessThanOrEqual(600);
  });

  it('says an empty section is empty instead of borrowing text', () => {
    const { stdout } = cli(['summary', '--doc', '001_08f69f4bcd10ebae.txt', '--section', '2.核心概念与联系', '--json', '--seeds', seeds]);
    expect(JSON.parse(stdout)).toMatchObject({ empty: true, summary: '', sentences: [] });
  });

  it('without --section summarizes the whole document', () => {
    const { stdout } = cli(['summary', '--doc', '004_90d9711735599f06.txt', '--json', '--seeds', seeds]);
    expect(JSON.parse(stdout)).toMatchObject({ section: '', line: 1, empty: false });
  });

  it('names an unknown section and exits non-zero', () => {
    const { code, stderr } = cli(['summary', '--doc', '003_6c99d61fa6fdf524.txt', '--section', '没有这节', '--seeds', seeds]);
    expect(code).toBe(1);
    expect(stderr).toContain('No section "没有这节"');
  });
});

describe('sections and report', () => {
  it('sections --json lists title, level, line, empty flag and passage count', () => {
    const { stdout } = cli(['sections', '--doc', '001_08f69f4bcd10ebae.txt', '--json', '--seeds', seeds]);
    const entries = JSON.parse(stdout);
    expect(entries.find((e: { title: string }) => e.title === '2.核心概念与联系')).toMatchObject({ level: 2, line: 24, empty: true, passages: 0 });
  });

  it('report --json gives per-document sizes and drops by reason', () => {
    const reports = JSON.parse(cli(['report', '--json', '--seeds', seeds]).stdout);
    expect(reports).toHaveLength(5);
    expect(reports[4]).toMatchObject({ doc: '004_90d9711735599f06.txt', paragraphsDropped: { templateRun: 88 } });
  });

  it('report lists the files it could not serve, with the reason, after the documents', () => {
    const dir = join(scratch, 'report-skipped');
    mkdirSync(dir, { recursive: true });
    cpSync(join(seeds, '003_6c99d61fa6fdf524.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'broken.md'), Buffer.from([0x00, 0x01, 0x02]));
    symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
    const entries = JSON.parse(cli(['report', '--json', '--no-cache', '--seeds', dir]).stdout);
    expect(entries[0]).toMatchObject({ doc: 'good.txt', charsIn: expect.any(Number) });
    expect(entries.slice(1)).toEqual([
      { doc: 'passwd.txt', skipped: expect.stringMatching(/outside the seeds folder/) },
      { doc: 'broken.md', skipped: expect.stringMatching(/binary/) },
    ]);
    const text = cli(['report', '--no-cache', '--seeds', dir]).stdout;
    expect(text).toMatch(/not served \(2\):\n {2}passwd\.txt: is a symbolic link to a file outside the seeds folder.*\n {2}broken\.md: looks binary/);
  });
});

describe('bad input', () => {
  it('names an unreadable file and why on stderr, and still serves the other documents', () => {
    const dir = join(scratch, 'mixed');
    cpSync(join(seeds, '003_6c99d61fa6fdf524.txt'), join(dir, 'good.txt'), { recursive: true });
    writeFileSync(join(dir, 'broken.md'), Buffer.from([0x00, 0x01, 0x02]));
    const { code, stdout, stderr } = cli(['search', '--jsonl', '--seeds', dir], 'GPU\n');
    expect(code).toBe(0);
    expect(stderr).toMatch(/broken\.md: looks binary/);
    expect(JSON.parse(stdout).results[0].doc).toBe('good.txt');
  });

  it('skips a FIFO and a link to /dev/zero without hanging, even when following links, and answers from the rest', () => {
    const dir = join(scratch, 'special');
    mkdirSync(dir, { recursive: true });
    cpSync(join(seeds, '003_6c99d61fa6fdf524.txt'), join(dir, 'good.txt'));
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    spawnSync('mkfifo', [join(dir, 'pipe.md')]);
    const { code, stdout, stderr } = cli(['search', '--jsonl', '--no-cache', '--seeds', dir], 'GPU\n', { FOLLOW_SYMLINKS: '1' });
    expect(code).toBe(0);
    expect(stderr).toMatch(/zero\.txt: is a character device/);
    expect(stderr).toMatch(/pipe\.md: is a named pipe \(FIFO\)/);
    expect(JSON.parse(stdout).results[0].doc).toBe('good.txt');
  });

  it('names a malformed loading setting', () => {
    const { code, stderr } = cli(['search', 'GPU', '--seeds', seeds], undefined, { MAX_DOCUMENT_BYTES: 'lots' });
    expect(code).toBe(1);
    expect(stderr).toContain('MAX_DOCUMENT_BYTES must be a whole number');
  });

  it('exits non-zero only when nothing at all can be served', () => {
    const { code, stderr } = cli(['search', '--jsonl', '--seeds', join(scratch, 'missing')], 'GPU\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/does not exist/);
  });

  it('never echoes raw control characters in an error message', () => {
    const top = cli(['search', 'x', '--top', '\x1b[2J\x07']);
    expect(top.code).toBe(1);
    expect(top.stderr).toContain('\\x1b[2J\\x07');
    const doc = cli(['summary', '--doc', 'evil\x1b]0;title\x07\rname', '--seeds', seeds]);
    expect(doc.code).toBe(1);
    expect(doc.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(doc.stderr).toContain('evil\\x1b]0;title\\x07\\rname');
  });

  it('explains a wrong option', () => {
    const { code, stderr } = cli(['report', '--top', '3']);
    expect(code).toBe(1);
    expect(stderr).toContain('report does not take --top');
  });
});
