import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuestionLines, queryLineOf, QuestionFileError, readQuestionFile } from '../../src/eval/questionSet.ts';

describe('question files', () => {
  it('reads the benchmark format, skipping blank lines', () => {
    const text = '{"id":"a","question":"谁？","answers":["我"],"doc":"x/0001.md","line":3,"end_line":4}\n\n{"question":"Where?","doc":"b.md","line":2}\n';
    expect(parseQuestionLines(text, 'q.jsonl')).toEqual([
      { id: 'a', question: '谁？', answers: ['我'], doc: 'x/0001.md', line: 3, endLine: 4 },
      // Operators' own files may leave out id, answers and end_line.
      { id: 'line 3', question: 'Where?', answers: [], doc: 'b.md', line: 2, endLine: 2 },
    ]);
  });

  it('names the file and the line of a line that is not JSON', () => {
    const text = '{"question":"q","doc":"a.md","line":1}\n\n{"question": oops}\n';
    expect(() => parseQuestionLines(text, 'mine.jsonl')).toThrow(/^mine\.jsonl line 3: not valid JSON/);
  });

  it('says which field is wrong', () => {
    const bad = (line: string): void => void parseQuestionLines(line, 'q.jsonl');
    expect(() => bad('[1]')).toThrow(/line 1: not a JSON object/);
    expect(() => bad('{"doc":"a.md","line":1}')).toThrow(/"question" must be a string/);
    expect(() => bad('{"question":"q","line":1}')).toThrow(/"doc" must name the gold document/);
    expect(() => bad('{"question":"q","doc":"a.md","line":0}')).toThrow(/"line" must be the 1-based line/);
    expect(() => bad('{"question":"q","doc":"a.md","line":5,"end_line":4}')).toThrow(/"end_line" must be a line number ≥ "line" \(5\)/);
    expect(() => bad('{"question":"q","doc":"a.md","line":1,"answers":"x"}')).toThrow(/"answers" must be a list of strings/);
  });

  it('reports a missing file by name', async () => {
    await expect(readQuestionFile('/nonexistent/questions.jsonl')).rejects.toThrow('/nonexistent/questions.jsonl: cannot read the questions (no such file)');
  });

  it('refuses a file without questions', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'eval-questions-')), 'empty.jsonl');
    writeFileSync(path, '\n\n');
    await expect(readQuestionFile(path)).rejects.toThrow(QuestionFileError);
  });

  it('sends a question as one line', () => {
    const [question] = parseQuestionLines('{"question":" 第一行\\r\\n第二行 ","doc":"a.md","line":1}', 'q.jsonl');
    expect(queryLineOf(question)).toBe('第一行 第二行');
  });
});
