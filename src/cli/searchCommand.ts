/**
 * `search --jsonl [--top N] [--seeds DIR]`: one query per stdin line, one JSON line per query on
 * stdout, in order, written as soon as it is answered. `search "<query>"`: the same answer, for people.
 * The JSON fields are a contract other tools rely on: {"query","results":[{"doc","section","line",
 * "excerpt","score","matches"}],"ms"}.
 */
import { StringDecoder } from 'node:string_decoder';
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
  for await (const line of queryLines(input)) {
    output.write(`${answerAsJsonLine(desk.search(line.trim(), { top }))}\n`);
  }
}

/**
 * The lines of a stream, framed by \n only: one query line in gives exactly one answer line out.
 * A lone CR (or U+2028) inside a line is part of the query — node:readline would split there and
 * answer one line twice; the CR of a CRLF ending is dropped. A last line without \n still counts.
 */
export async function* queryLines(input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    // Only the new text is searched for \n: a long line arriving in many chunks stays linear.
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield withoutCarriageReturn(pending + text.slice(start, end));
      pending = '';
      start = end + 1;
    }
    pending += text.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield withoutCarriageReturn(pending);
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The same answer for people: the reply model rendered as the console renders it. */
export function answerForTerminal(desk: AnswerDesk, query: string, top: number, color: boolean): string {
  return `${renderAnswerForTerminal(desk.search(query, { top }), { style: color ? 'ansi' : 'plain' })}\n`;
}
