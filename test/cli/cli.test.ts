/** The CLI contract, through real processes: tools outside the project rely on these shapes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const seeds = join(root, 'seeds');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, SEEDS_DIR: '' },
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

  it('exits non-zero only when nothing at all can be served', () => {
    const { code, stderr } = cli(['search', '--jsonl', '--seeds', join(scratch, 'missing')], 'GPU\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/does not exist/);
  });

  it('explains a wrong option', () => {
    const { code, stderr } = cli(['report', '--top', '3']);
    expect(code).toBe(1);
    expect(stderr).toContain('report does not take --top');
  });
});
