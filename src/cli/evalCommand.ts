/**
 * `eval --docs DIR --questions FILE [--top 5] [--json]`: how well the answer desk answers a set of
 * questions about a folder of documents — did it cite the right paragraph, did the quote contain
 * the answer, how fast, how much memory. Operators run it on their own documents with questions
 * they wrote; the questions go through the same `search --jsonl` process the bot's tools use.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEvalReport, formatEvalReport, type EvalReport } from '../eval/evalReport.ts';
import { QuestionFileError, queryLineOf, readQuestionFile, type EvalQuestion } from '../eval/questionSet.ts';
import { scoreAnswers, SearchContractError } from '../eval/scoreAnswers.ts';
import { runSearchPipe } from '../eval/searchPipe.ts';
import { CliError } from './openDesk.ts';

const EVAL_USAGE = `usage: npm run --silent cli -- eval --docs DIR --questions FILE [--top N] [--json] [--no-cache]

  --docs DIR         the documents folder to search (as for search --seeds)
  --questions FILE   one JSON object per line:
                     {"id","question","answers":["…"],"doc":"path/in/DIR.md","line":N,"end_line":M}
                     line..end_line: the gold paragraph's 1-based lines in doc; answers: optional
  --top N            results per question to score (default 5)
  --json             one JSON object instead of a table
  --no-cache         the search builds its index instead of loading the on-disk cache, so the
                     time to the first answer includes the build (as on a first start)
`;

/** How many unknown gold documents an error lists before it says "and N more". */
const UNKNOWN_DOCS_LISTED = 5;

export async function runEvalCommand(args: string[], output: NodeJS.WritableStream = process.stdout): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        docs: { type: 'string' },
        questions: { type: 'string' },
        top: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`eval: ${(error as Error).message}\n\n${EVAL_USAGE}`);
  }
  if (values.docs === undefined) throw new CliError(`eval needs --docs DIR, the folder of documents to search\n\n${EVAL_USAGE}`);
  if (values.questions === undefined) throw new CliError(`eval needs --questions FILE, the question file (JSON lines)\n\n${EVAL_USAGE}`);
  const report = await evaluateQuestionSet({
    docs: values.docs,
    questionFile: values.questions,
    top: topOf(values.top),
    indexCache: values['no-cache'] ? 'off' : 'on',
  });
  output.write(values.json ? `${JSON.stringify(report)}\n` : formatEvalReport(report));
}

/** Runs a question file against a docs folder through the search process; bad input throws CliError. */
export async function evaluateQuestionSet(input: {
  docs: string;
  questionFile: string;
  top: number;
  /** 'on': the search loads or writes the index cache as it does for the bot; 'off': it builds. */
  indexCache: 'on' | 'off';
  /** Environment for the search process (the benchmarks give it a cache folder of their own). */
  env?: Readonly<Record<string, string>>;
}): Promise<EvalReport> {
  const { docs, questionFile, top, indexCache } = input;
  const docsDir = resolve(docs);
  await requireFolder(docsDir, docs);

  let questions: EvalQuestion[];
  try {
    questions = await readQuestionFile(questionFile);
  } catch (error) {
    if (error instanceof QuestionFileError) throw new CliError(`eval: ${error.message}`);
    throw error;
  }
  await requireGoldDocuments(questions, docsDir, questionFile);

  try {
    const run = await runSearchPipe({
      docsDir,
      queries: questions.map(queryLineOf),
      top,
      onStderr: (text) => process.stderr.write(text),
      searchOptions: indexCache === 'off' ? ['--no-cache'] : [],
      env: input.env,
    });
    const outcomes = scoreAnswers(questions, run.answers, top);
    return buildEvalReport({ docs, questionFile, questions, outcomes, run, k: top, indexCache });
  } catch (error) {
    if (error instanceof SearchContractError) throw new CliError(`eval: the search output broke its contract: ${error.message}`);
    throw new CliError(`eval: ${(error as Error).message}`);
  }
}

function topOf(value: string | undefined): number {
  if (value === undefined) return 5;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new CliError(`eval: --top takes a whole number from 1 to 100, not "${value}"`);
  return top;
}

async function requireFolder(path: string, asTyped: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new CliError(`eval: --docs ${asTyped}: no such folder`);
  if (!found.isDirectory()) throw new CliError(`eval: --docs ${asTyped}: not a folder (give the folder that holds the documents)`);
}

/** A gold document that is not in the folder would make every question about it a silent miss. */
async function requireGoldDocuments(questions: readonly EvalQuestion[], docsDir: string, questionFile: string): Promise<void> {
  const docs = [...new Set(questions.map((q) => q.doc))];
  const isFile = await Promise.all(docs.map((doc) => stat(join(docsDir, doc)).then((s) => s.isFile(), () => false)));
  const unknown = docs.filter((_, i) => !isFile[i]);
  if (unknown.length === 0) return;
  const listed = unknown.slice(0, UNKNOWN_DOCS_LISTED).map((doc) => `"${doc}"`).join(', ');
  const more = unknown.length > UNKNOWN_DOCS_LISTED ? ` and ${unknown.length - UNKNOWN_DOCS_LISTED} more` : '';
  throw new CliError(
    `eval: ${questionFile}: gold document ${listed}${more} not found in ${docsDir}; "doc" must be a path relative to --docs, with /`,
  );
}
