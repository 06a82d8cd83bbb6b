/**
 * `npm run bench:questions [-- --sets FILE,FILE]`: the seeds question sets (../shared/eval/seeds-dev.jsonl
 * and seeds-colloquial-dev.jsonl by default) through the same `search --jsonl --top 5` process the bot's
 * search and ../shared/eval/seeds-eval.mjs use, scored by the same rules (src/eval/seedsQuestionCase.ts),
 * by category. Prints a markdown table and the questions that miss; the report is saved to
 * bench-out/bench-questions.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSearchPipe } from '../src/eval/searchPipe.ts';
import { answerDefects, passesCase, readSeedsQuestionCases } from '../src/eval/seedsQuestionCase.ts';
import { BENCH_OUT, SEEDS_DIR, sharedFolder } from './benchmarkSets.ts';

const defaultSets = ['seeds-dev.jsonl', 'seeds-colloquial-dev.jsonl'].map((name) => join(sharedFolder(), 'eval', name)).join(',');
const { values } = parseArgs({ options: { sets: { type: 'string', default: defaultSets }, seeds: { type: 'string', default: SEEDS_DIR } } });

interface CategoryRow {
  category: string;
  passed: number;
  total: number;
}

const report: Array<{ set: string; categories: CategoryRow[]; passed: number; total: number; defects: number; misses: string[] }> = [];
for (const file of values.sets.split(',').map((s) => resolve(s.trim())).filter(Boolean)) {
  if (!existsSync(file)) {
    process.stderr.write(`bench:questions: ${file} not found: skipped\n`);
    continue;
  }
  const cases = readSeedsQuestionCases(file);
  const run = await runSearchPipe({ docsDir: values.seeds, queries: cases.map((c) => c.q.replace(/[\r\n]+/g, ' ')), top: 5 });
  const byCategory = new Map<string, CategoryRow>();
  const misses: string[] = [];
  let defects = 0;
  cases.forEach((c, i) => {
    const results = run.answers[i].results;
    const category = c.cat ?? (c.none ? 'none' : c.absent ? 'cleaning' : 'answer');
    const row = byCategory.get(category) ?? { category, passed: 0, total: 0 };
    byCategory.set(category, row);
    row.total++;
    const found = answerDefects(results);
    defects += found.length;
    if (passesCase(c, results) && found.length === 0) row.passed++;
    else misses.push(`${c.id} [${category}] ${c.q} → ${results[0]?.excerpt.slice(0, 50).replace(/\s+/g, ' ') ?? '(no results)'}${found.length ? ` (${found.join('; ')})` : ''}`);
  });
  const categories = [...byCategory.values()];
  const passed = categories.reduce((n, r) => n + r.passed, 0);
  report.push({ set: basename(file), categories, passed, total: cases.length, defects, misses });
}

if (report.length === 0) {
  process.stderr.write(`bench:questions: no question set found (set SHARED_DIR to the folder that holds eval/)\n`);
  process.exit(1);
}

const percent = (passed: number, total: number): string => `${passed}/${total} (${((passed / total) * 100).toFixed(0)} %)`;
const lines = ['| set | category | passed |', '|---|---|---:|'];
for (const set of report) {
  for (const row of set.categories) lines.push(`| ${set.set} | ${row.category} | ${percent(row.passed, row.total)} |`);
  lines.push(`| **${set.set}** | **all** | **${percent(set.passed, set.total)}** |`);
}
process.stdout.write(`${lines.join('\n')}\n\n`);
for (const set of report) for (const miss of set.misses) process.stdout.write(`miss ${set.set}: ${miss}\n`);
mkdirSync(BENCH_OUT, { recursive: true });
writeFileSync(join(BENCH_OUT, 'bench-questions.json'), `${JSON.stringify(report, null, 2)}\n`);
