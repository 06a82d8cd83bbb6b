/**
 * Autocomplete: what to offer for what has been typed so far. Used by Discord's autocomplete and
 * by the console's Tab completion, so both offer the same things.
 */
import { foldForMatching } from '../text/foldText.ts';
import { codePointLength } from '../text/codePoints.ts';
import { cutToLimit } from './cutToLimit.ts';
import { visibleText } from '../text/visibleText.ts';
import type { DeskReader } from './deskReader.ts';

export interface Choice {
  name: string;
  value: string;
}

export interface ChoiceLimits {
  count: number;
  nameLength: number;
  valueLength: number;
}

function folded(text: string): string {
  return foldForMatching(text.replace(/\s+/gu, ' ').trim());
}

/**
 * How well a candidate matches typed text: 4 starts with it, 3 contains it, else the share of the
 * typed Chinese characters it contains (0 when under half). Chinese has no spaces, so character
 * overlap stands in for word overlap; Latin letters and digits must match as typed.
 */
export function matchScore(candidate: string, typed: string): number {
  const target = folded(candidate);
  const wanted = folded(typed);
  if (wanted === '') return 1;
  if (target.startsWith(wanted)) return 4;
  if (target.includes(wanted)) return 3;
  const characters = [...new Set(wanted.match(/\p{Script=Han}/gu) ?? [])];
  if (characters.length < 2) return 0;
  const share = characters.filter((char) => target.includes(char)).length / characters.length;
  return share >= 0.5 ? share : 0;
}

/** Adds a choice if it fits the limits and is not there yet. */
function pushChoice(into: Choice[], name: string, value: string, limits: ChoiceLimits): void {
  const trimmedName = name.trim();
  if (trimmedName === '' || value === '' || codePointLength(value) > limits.valueLength) return;
  if (into.length >= limits.count || into.some((choice) => choice.value === value)) return;
  into.push({ name: cutToLimit(trimmedName, limits.nameLength), value });
}

/** /ask: FAQ questions from the documents first, then section titles. Values are the text to search. */
export async function suggestQuestions(desk: DeskReader, typed: string, limits: ChoiceLimits): Promise<Choice[]> {
  const choices: Choice[] = [];
  const questions = (await desk.faq())
    .map((entry, order) => ({ entry, order, score: matchScore(entry.question, typed) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  // Leave room for sections so that a long FAQ never hides every heading.
  const faqRoom = Math.max(1, limits.count - Math.min(8, Math.floor(limits.count / 3)));
  for (const { entry } of questions.slice(0, faqRoom)) {
    pushChoice(choices, entry.question, cutToLimit(entry.question.trim(), limits.valueLength, { ellipsis: '' }), limits);
  }
  const sections = folded(typed) === '' ? [] : await desk.suggestSections(typed, limits.count);
  for (const entry of sections) {
    if (entry.title.trim() === '') continue;
    pushChoice(choices, visibleText(entry.title), cutToLimit(entry.title.trim(), limits.valueLength, { ellipsis: '' }), limits);
  }
  return choices;
}

/** /summary: sections by title; values are section ids. */
export async function suggestSectionChoices(desk: DeskReader, typed: string, limits: ChoiceLimits): Promise<Choice[]> {
  const choices: Choice[] = [];
  // With nothing typed, the first sections that have text (not the whole outline: at 50 MB it is 22,000 entries to copy from the desk's thread).
  const entries = await desk.suggestSections(typed, limits.count);
  // Labels are unique, and typing one back finds that section (see documentNames.ts).
  for (const entry of entries) pushChoice(choices, entry.label, entry.sectionId, limits);
  return choices;
}

/** /sections: documents by title or path; values are document paths. */
export async function suggestDocuments(desk: DeskReader, typed: string, limits: ChoiceLimits): Promise<Choice[]> {
  const choices: Choice[] = [];
  const documents = (await desk.documents())
    .map((info, order) => ({ info, order, score: Math.max(matchScore(info.name, typed), matchScore(info.doc, typed)) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  for (const { info } of documents) pushChoice(choices, `${info.name} — ${visibleText(info.doc)}`, info.doc, limits);
  return choices;
}
