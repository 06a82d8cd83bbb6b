/**
 * Question files for the eval command: JSON lines in the format of the public QA benchmarks,
 * {"id","question","answers":[…],"doc","line","end_line"}. Operators write the same format for
 * their own documents, so every problem is reported with the file and the line to fix.
 */
import { readFile } from 'node:fs/promises';

export interface EvalQuestion {
  /** The question's id, or `line N` when the file gives none. */
  id: string;
  question: string;
  /** Strings a good excerpt contains; empty when the file gives none (answer-in-excerpt skips it). */
  answers: string[];
  /** Gold document, relative to the docs folder, with `/`. */
  doc: string;
  /** 1-based inclusive line span of the gold paragraph. */
  line: number;
  endLine: number;
}

/** A question file that cannot be read or holds a line that is not a valid question. */
export class QuestionFileError extends Error {
  override name = 'QuestionFileError';
}

export async function readQuestionFile(path: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message;
    throw new QuestionFileError(`${path}: cannot read the questions (${reason})`);
  }
  const questions = parseQuestionLines(text, path);
  if (questions.length === 0) throw new QuestionFileError(`${path}: no questions (expected one JSON object per line)`);
  return questions;
}

/** Parses question lines; blank lines are skipped, and line numbers in errors count them. */
export function parseQuestionLines(text: string, source: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const where = `${source} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new QuestionFileError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    questions.push(questionFrom(value, where, index + 1));
  }
  return questions;
}

function questionFrom(value: unknown, where: string, lineNumber: number): EvalQuestion {
  const expected = 'expected {"id","question","answers":[…],"doc","line","end_line"}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new QuestionFileError(`${where}: not a JSON object; ${expected}`);
  const record = value as Record<string, unknown>;
  const { question, doc, answers, line } = record;
  // An empty question stays in the set (public sets hold a few): it is sent as an empty line and scored like any other.
  if (typeof question !== 'string') throw new QuestionFileError(`${where}: "question" must be a string; ${expected}`);
  if (typeof doc !== 'string' || doc.trim() === '') throw new QuestionFileError(`${where}: "doc" must name the gold document, relative to the docs folder; ${expected}`);
  if (!isLineNumber(line)) throw new QuestionFileError(`${where}: "line" must be the 1-based line where the gold paragraph starts; ${expected}`);
  const endLine = record.end_line ?? line;
  if (!isLineNumber(endLine) || endLine < line) throw new QuestionFileError(`${where}: "end_line" must be a line number ≥ "line" (${line})`);
  if (answers !== undefined && (!Array.isArray(answers) || !answers.every((a) => typeof a === 'string'))) {
    throw new QuestionFileError(`${where}: "answers" must be a list of strings`);
  }
  const id = record.id;
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : `line ${lineNumber}`,
    question,
    answers: (answers as string[] | undefined) ?? [],
    doc: doc.replace(/\\/g, '/').replace(/^\.\//, ''),
    line,
    endLine,
  };
}

function isLineNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** The query line sent to `search --jsonl`: one line per question, so line breaks become spaces. */
export function queryLineOf(question: EvalQuestion): string {
  return question.question.replace(/[\r\n]+/g, ' ').trim();
}
