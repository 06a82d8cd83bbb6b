/**
 * Question/answer pairs (Q1：…/A1：…, 问：/答：, Question:/Answer:). A pair becomes one passage so that
 * a question typed by a user finds the answer written under it.
 */
const QUESTION_PREFIX = /^\s*(?:Q\s*\d*|问题?\s*\d*|問題?\s*\d*|Question\s*\d*)\s*[：:.．、]/iu;
const ANSWER_PREFIX = /^\s*(?:A\s*\d*|答案?\s*\d*|Answer\s*\d*)\s*[：:.．、]/iu;
const ANSWER_LINE = /\n\s*(?:A\s*\d*|答案?\s*\d*|Answer\s*\d*)\s*[：:.．、]/iu;

export function isQuestionText(text: string): boolean {
  return QUESTION_PREFIX.test(text);
}

export function isAnswerText(text: string): boolean {
  return ANSWER_PREFIX.test(text);
}

/** Where the answer starts in a paragraph that holds both a question and its answer, if it does. */
export function answerOffsetWithin(text: string): number | undefined {
  if (!isQuestionText(text)) return undefined;
  const match = ANSWER_LINE.exec(text);
  return match ? match.index + 1 : undefined;
}

/** The question of a Q/A text, without its "Q1：" prefix. */
export function questionOf(text: string, answerOffset: number): string {
  return text.slice(0, answerOffset).replace(QUESTION_PREFIX, '').trim();
}
