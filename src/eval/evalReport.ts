/**
 * What the eval command reports: answer quality and speed of one run of a question file through
 * the search pipe, as one JSON object or as a table for a terminal.
 */
import type { EvalQuestion } from './questionSet.ts';
import { percentile, summarizeQuality, type QualityMetrics, type QuestionOutcome } from './scoreAnswers.ts';
import type { PeakMemorySource, SearchPipeRun } from './searchPipe.ts';

export interface LatencySummary {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export interface EvalReport {
  docs: string;
  questionFile: string;
  /** Whether the search process could use its on-disk index cache ('off': it built the index). */
  indexCache: 'on' | 'off';
  quality: QualityMetrics;
  speed: {
    /** Per query, the "ms" the search reports: time inside the search process, without I/O. */
    searchMs: LatencySummary;
    /**
     * Per query, wall-clock time between consecutive answer lines as they arrive through the pipe
     * (JSON and I/O included). Lines that arrive in one read count as 0, so the mean is the
     * meaningful figure: (last answer − first answer) / (answers − 1).
     */
    answerGapMs: { mean: number; p99: number };
    /** Spawn → first answer line: process start, load, clean, index and the first search. */
    firstAnswerMs: number;
    /** Spawn → last answer line. */
    lastAnswerMs: number;
    peakMemoryBytes: number | null;
    peakMemorySource: PeakMemorySource | null;
  };
  outcomes: QuestionOutcome[];
}

export function buildEvalReport(input: {
  docs: string;
  questionFile: string;
  questions: readonly EvalQuestion[];
  outcomes: QuestionOutcome[];
  run: SearchPipeRun;
  k: number;
  indexCache: 'on' | 'off';
}): EvalReport {
  const { run } = input;
  const searchMs = run.answers.map((answer) => answer.ms);
  const gaps = run.arrivalMs.slice(1).map((at, i) => at - run.arrivalMs[i]);
  return {
    docs: input.docs,
    questionFile: input.questionFile,
    indexCache: input.indexCache,
    quality: summarizeQuality(input.outcomes, input.k),
    speed: {
      searchMs: summarizeLatency(searchMs),
      answerGapMs: {
        mean: gaps.length === 0 ? 0 : (run.lastAnswerMs - run.firstAnswerMs) / gaps.length,
        p99: percentile(gaps, 99),
      },
      firstAnswerMs: run.firstAnswerMs,
      lastAnswerMs: run.lastAnswerMs,
      peakMemoryBytes: run.peakMemoryBytes,
      peakMemorySource: run.peakMemorySource,
    },
    outcomes: input.outcomes,
  };
}

export function summarizeLatency(values: readonly number[]): LatencySummary {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    mean: values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length,
    max: values.length === 0 ? 0 : Math.max(...values),
  };
}

/** How many missed questions the text report lists, so an operator sees what to look at first. */
const MISSES_SHOWN = 10;

export function formatEvalReport(report: EvalReport): string {
  const { quality: q, speed } = report;
  const k = q.k;
  const percent = (rate: number | null): string => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);
  const of = (count: number, total: number): string => `${count}/${total}`;
  const ms = (value: number): string => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(2)} ms`);
  const quality: TableRow[] = [
    ['hit@1', percent(q.hitAt1), of(q.counts.hitAt1, q.questions)],
    [`hit@${k}`, percent(q.hitAtK), of(q.counts.hitAtK, q.questions)],
    [`MRR@${k}`, q.mrrAtK.toFixed(3), ''],
    ['answer in excerpt @1', percent(q.answerInExcerptAt1), of(q.counts.answerInExcerptAt1, q.withAnswers)],
    [`answer in excerpt @${k}`, percent(q.answerInExcerptAtK), of(q.counts.answerInExcerptAtK, q.withAnswers)],
    ['no results', String(q.noResults), ''],
  ];
  const memory = speed.peakMemoryBytes === null ? 'not measurable here' : `${(speed.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB`;
  const timing: TableRow[] = [
    ['search p50 / p99', `${ms(speed.searchMs.p50)} / ${ms(speed.searchMs.p99)}`, 'in-process, the answers\' "ms"'],
    ['between answers mean / p99', `${ms(speed.answerGapMs.mean)} / ${ms(speed.answerGapMs.p99)}`, 'wall clock through the pipe'],
    [
      'spawn → first answer',
      ms(speed.firstAnswerMs),
      report.indexCache === 'off' ? 'start, load, clean, index, first search' : 'start, index cache or build, first search',
    ],
    ['spawn → last answer', ms(speed.lastAnswerMs), ''],
    ['peak memory', memory, speed.peakMemorySource ?? ''],
  ];
  const lines = [
    `eval: ${q.questions} questions from ${report.questionFile}`,
    `      docs ${report.docs}, top ${k}, index cache ${report.indexCache}`,
    '',
    'quality',
    ...formatTable(quality),
    '',
    'speed (search process)',
    ...formatTable(timing),
  ];
  const missed = report.outcomes.filter((o) => o.hitRank === null);
  if (missed.length > 0) {
    lines.push('', `missed (no hit in the top ${k}): ${missed.length}, the first ${Math.min(MISSES_SHOWN, missed.length)}:`);
    for (const outcome of missed.slice(0, MISSES_SHOWN)) {
      const { gold, top } = outcome;
      const span = gold.endLine > gold.line ? `${gold.line}-${gold.endLine}` : String(gold.line);
      const found = top ? `top result ${top.doc}:${top.line}` : 'no results';
      lines.push(`  ${outcome.id}  ${outcome.question.slice(0, 60)}  (gold ${gold.doc}:${span}, ${found})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

type TableRow = [name: string, value: string, note: string];

function formatTable(rows: readonly TableRow[]): string[] {
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value, note]) => `  ${name.padEnd(nameWidth)}  ${value.padStart(valueWidth)}  ${note}`.trimEnd());
}
