/**
 * `search --jsonl [--top N] [--seeds DIR]`: one query per stdin line, one JSON line per query on
 * stdout, in order, written as soon as it is answered. `search "<query>"`: the same answer, for people.
 * The JSON fields are a contract other tools rely on: {"query","results":[{"doc","section","line",
 * "excerpt","score","matches"}],"ms"}.
 */
import { createInterface } from 'node:readline';
import type { Answer } from '../desk/types.ts';
import type { AnswerDesk } from '../desk/answerDesk.ts';
import { renderAnswerForTerminal } from '../console/renderTerminalReply.ts';

export function answerAsJsonLine(answer: Answer): string {
  return JSON.stringify({
    query: answer.query,
    results: answer.results.map((r) => ({
      doc: r.doc,
      section: r.section,
      line: r.line,
      excerpt: r.excerpt,
      score: r.score,
      matches: r.matches,
    })),
    ms: Math.round(answer.ms * 1000) / 1000,
  });
}

export async function answerJsonLines(desk: AnswerDesk, top: number, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    output.write(`${answerAsJsonLine(desk.search(line.trim(), { top }))}\n`);
  }
}

/** The same answer for people: the reply model rendered as the console renders it. */
export function answerForTerminal(desk: AnswerDesk, query: string, top: number, color: boolean): string {
  return `${renderAnswerForTerminal(desk.search(query, { top }), { style: color ? 'ansi' : 'plain' })}\n`;
}
