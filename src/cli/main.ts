/**
 * The command line: `npm run --silent cli -- <command>`.
 *   search --jsonl [--top N] [--seeds DIR]      JSON lines, one per query line on stdin
 *   search "<query>" [--top N] [--seeds DIR]    the same answer, readable
 *   summary --doc FILE [--section TITLE] [--json] [--seeds DIR]
 *   sections [--doc FILE] [--json] [--seeds DIR]
 *   report [--json] [--seeds DIR]
 *   eval --docs DIR --questions FILE [--top N] [--json]
 * Answers go to stdout, diagnostics to stderr. Exit code 2 when nothing at all can be served.
 */
import { parseArgs } from 'node:util';
import { DeskLookupError } from '../desk/answerDesk.ts';
import { runEvalCommand } from './evalCommand.ts';
import { CliError, openDeskForCli } from './openDesk.ts';
import { answerForTerminal, answerJsonLines } from './searchCommand.ts';
import { formatOutline, formatRemovals, formatReports, formatSkippedFiles, formatSummary } from './terminalText.ts';
import { visibleLines } from '../text/visibleText.ts';

const USAGE = `usage: npm run --silent cli -- <command> [options]

commands:
  search --jsonl [--top N] [--seeds DIR]     answer one query per stdin line as JSON lines
  search "<query>" [--top N] [--seeds DIR]   answer one query, readable
  summary --doc FILE [--section TITLE] [--json] [--seeds DIR]
  sections [--doc FILE] [--json] [--seeds DIR]
  report [--json] [--seeds DIR]              what cleaning removed, per document, and the files not served

Every command also takes --no-cache: build the index from scratch instead of loading
the on-disk index cache (.cache/index, or INDEX_CACHE_DIR; INDEX_CACHE_DIR=off disables it).
`;

const OPTIONS = {
  seeds: { type: 'string' },
  json: { type: 'boolean', default: false },
  jsonl: { type: 'boolean', default: false },
  top: { type: 'string' },
  doc: { type: 'string' },
  section: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Parses a command's arguments, refusing options that belong to other commands. */
function parse(command: string, args: string[], allowed: readonly OptionName[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`);
  }
  for (const name of Object.keys(parsed.values) as OptionName[]) {
    const value = parsed.values[name];
    if (!allowed.includes(name) && name !== 'no-cache' && value !== undefined && value !== false) {
      throw new CliError(`${command} does not take --${name}\n\n${USAGE}`);
    }
  }
  return parsed;
}

function topOf(value: string | undefined): number {
  if (value === undefined) return 5;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new CliError(`--top takes a whole number from 1 to 100, not "${value}"`);
  return top;
}

function write(text: string): void {
  process.stdout.write(text);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'search': {
      const { values, positionals } = parse(command, rest, ['jsonl', 'top', 'seeds']);
      const top = topOf(values.top);
      if (!values.jsonl && positionals.length === 0) throw new CliError(`search needs a query, or --jsonl to read queries from stdin\n\n${USAGE}`);
      const desk = await openDeskForCli(values.seeds, !values['no-cache']);
      if (values.jsonl) await answerJsonLines(desk, top, process.stdin, process.stdout);
      else write(answerForTerminal(desk, positionals.join(' '), top, process.stdout.isTTY === true));
      return;
    }
    case 'summary': {
      const { values } = parse(command, rest, ['doc', 'section', 'json', 'seeds']);
      if (values.doc === undefined) throw new CliError(`summary needs --doc FILE (a path as shown by: sections)\n\n${USAGE}`);
      const desk = await openDeskForCli(values.seeds, !values['no-cache']);
      const summary = desk.summarizeSection(values.doc, values.section);
      if (values.json) {
        const { doc, section, line, empty, summary: text, sentences } = summary;
        write(`${JSON.stringify({ doc, section, line, empty, summary: text, sentences })}\n`);
      } else write(formatSummary(summary));
      return;
    }
    case 'sections': {
      const { values } = parse(command, rest, ['doc', 'json', 'seeds']);
      const desk = await openDeskForCli(values.seeds, !values['no-cache']);
      const outline = desk.outline(values.doc);
      if (values.json) {
        const entries = outline.map(({ doc, title, level, line, empty, passageCount, path }) => ({ doc, title, level, line, empty, passages: passageCount, path }));
        write(`${JSON.stringify(entries)}\n`);
      } else write(formatOutline(outline));
      return;
    }
    case 'report': {
      const { values } = parse(command, rest, ['json', 'seeds']);
      const desk = await openDeskForCli(values.seeds, !values['no-cache']);
      const reports = desk.reports();
      // Files not served follow the documents, as {"doc","skipped"}: the document entries keep their shape.
      const skipped = desk.problems.map((problem) => ({ doc: problem.path, skipped: problem.reason }));
      if (values.json) write(`${JSON.stringify([...reports, ...skipped])}\n`);
      else write(formatReports(reports) + formatRemovals(reports) + formatSkippedFiles(desk.problems));
      return;
    }
    case 'eval':
      return runEvalCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      write(USAGE);
      return;
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof DeskLookupError) {
    // Messages quote what was typed (a query, a document name): never echo its control characters raw.
    process.stderr.write(`${visibleLines(error.message)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    return;
  }
  process.stderr.write(`answer-desk: unexpected error: ${visibleLines((error as Error).stack ?? String(error))}\n`);
  process.exitCode = 1;
});
