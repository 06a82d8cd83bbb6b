import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runEvalCommand } from '../../src/cli/evalCommand.ts';
import { CliError } from '../../src/cli/openDesk.ts';
import type { EvalReport } from '../../src/eval/evalReport.ts';
import { cliCommandLine } from '../../src/eval/searchPipe.ts';

const docs = fileURLToPath(new URL('../fixtures/eval/docs', import.meta.url));
const questions = fileURLToPath(new URL('../fixtures/eval/questions.jsonl', import.meta.url));

async function runEval(args: string[]): Promise<string> {
  let text = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  await runEvalCommand(args, output);
  return text;
}

describe('eval command, end to end through the real search process', () => {
  it('answers every question and reports quality, timing and memory as one JSON object', async () => {
    const text = await runEval(['--docs', docs, '--questions', questions, '--json']);
    expect(text.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(text) as EvalReport;
    expect(report.quality.questions).toBe(6);
    expect(report.quality.k).toBe(5);
    expect(report.indexCache).toBe('on');
    expect(report.outcomes.map((o) => o.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    // q1 repeats its gold sentence almost word for word: any working search cites it first.
    expect(report.outcomes[0]).toMatchObject({ hitRank: 1, answerRank: 1 });
    for (const rate of [report.quality.hitAt1, report.quality.hitAtK, report.quality.mrrAtK]) {
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    expect(report.speed.firstAnswerMs).toBeGreaterThan(0);
    expect(report.speed.lastAnswerMs).toBeGreaterThanOrEqual(report.speed.firstAnswerMs);
    expect(report.speed.searchMs.p99).toBeGreaterThanOrEqual(report.speed.searchMs.p50);
    if (process.platform === 'linux') {
      expect(report.speed.peakMemorySource).toBe('VmHWM');
      expect(report.speed.peakMemoryBytes).toBeGreaterThan(10 * 2 ** 20);
    }
  });

  it('prints a readable table by default, and can make the search build its index', async () => {
    const text = await runEval(['--docs', docs, '--questions', questions, '--top', '3', '--no-cache']);
    expect(text).toContain('6 questions from');
    expect(text).toContain('index cache off');
    expect(text).toMatch(/hit@1 +\d+\.\d%/);
    expect(text).toMatch(/MRR@3 +\d\.\d{3}/);
    expect(text).toMatch(/spawn → first answer +\d+/);
  });

  it('explains bad input instead of running', async () => {
    await expect(runEval(['--questions', questions])).rejects.toThrow(/eval needs --docs DIR/);
    await expect(runEval(['--docs', docs])).rejects.toThrow(/eval needs --questions FILE/);
    await expect(runEval(['--docs', `${docs}/missing`, '--questions', questions])).rejects.toThrow(/no such folder/);
    await expect(runEval(['--docs', docs, '--questions', `${questions}.missing`])).rejects.toThrow(/no such file/);
    await expect(runEval(['--docs', `${docs}/notes`, '--questions', questions])).rejects.toThrow(/gold document "tea.md".* not found/);
    await expect(runEval(['--docs', docs, '--questions', questions, '--top', 'five'])).rejects.toThrow(CliError);
  });
});

describe('eval through the command line (npm run cli -- eval)', () => {
  const cli = cliCommandLine();
  const runCli = (args: string[]) => promisify(execFile)(cli.command, [...cli.args, ...args], { cwd: cli.cwd });

  it('prints one JSON report and exits 0', async () => {
    const { stdout } = await runCli(['eval', '--docs', docs, '--questions', questions, '--json']);
    expect((JSON.parse(stdout) as EvalReport).quality.questions).toBe(6);
  });

  it('exits non-zero with one clear message for a bad question file', async () => {
    const failure = await runCli(['eval', '--docs', docs, '--questions', `${questions}.missing`]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('questions.jsonl.missing: cannot read the questions (no such file)');
  });
});
