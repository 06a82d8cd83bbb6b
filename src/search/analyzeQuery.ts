/**
 * From what a user typed to the terms that are searched.
 *
 * Question and function words (什么, 怎么, 如何, 是, 的, what, how, the …) are removed with
 * Intl.Segmenter, which Node ships with full ICU: a removed word leaves a gap, so no bigram is
 * formed across it (深度学习的定义 searches 深度 度学 学习 and 定义, never 习的 or 的定).
 * The kind of answer a question asks for (a year, a person, a number) is kept for excerpt choice.
 */
import { foldForMatching } from '../text/foldText.ts';
import { sentenceSpans } from '../text/sentences.ts';
import { isCjkTerm, tokenize, type Token } from './tokenize.ts';

export type AnswerKind = 'time' | 'person' | 'number' | 'place' | 'definition' | 'any';

export interface QueryTerm {
  term: string;
  /** Index of the term's run in the query: consecutive terms of one run are adjacent in the query. */
  run: number;
  /**
   * 1, or less for a bigram that straddles two words (由中 in 由中华民国): such bigrams still help
   * match a phrase written the same way, but say little when the passage words it differently.
   */
  weight: number;
}

export interface AnalyzedQuery {
  text: string;
  /** Distinct terms, in query order. */
  terms: QueryTerm[];
  answerKind: AnswerKind;
  /** The folded words the question is about, stop words removed (大模型 in 什么是大模型). */
  subject: string;
}

const CHINESE_STOP_WORDS = [
  '什么', '什么样', '什么是', '是什么', '怎么', '怎么样', '怎样', '如何', '哪些', '哪个', '哪里', '哪儿', '哪', '哪一',
  '多少', '几', '吗', '呢', '吧', '啊', '呀', '么', '是', '的', '了', '在', '有', '和', '与', '及', '或', '请问', '为什么',
  '为何', '是否', '能否', '可以', '能', '会', '谁', '何时', '何', '哪年', '哪一年', '时候', '一下', '我', '你', '我们',
  '你们', '被', '把', '对', '也', '都', '就', '还', '又', '而', '但', '着', '过', '所', '个', '给', '什么时候', '为什么会',
  '哪所', '哪家', '哪种', '哪位', '哪部', '哪国', '哪座', '哪条', '哪次', '多大', '多高', '多长', '多久', '多远', '几个', '几次',
  '几年', '哪天', '何种', '何处', '何地', '怎么会', '怎样的', '什么样的', '有何', '为何会',
  '叫', '称为', '指', '指的是', '告诉', '知道', '想', '问', '一个', '做', '干', '用来', '有没有', '能不能',
  '可不可以', '定义', '意思', '含义', '概念', '解释', '介绍一下', '讲讲', '说说', '我想', '想问', '问一下', '请教',
];

const ENGLISH_STOP_WORDS = [
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'what',
  'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'do', 'does', 'did', 'and', 'or', 'that', 'this',
  'these', 'those', 'it', 'its', 'by', 'with', 'from', 'as', 'into', 'about', 'than', 'then', 'there', 'their',
  'they', 'them', 'he', 'she', 'his', 'her', 'him', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'can', 'could',
  'would', 'should', 'will', 'shall', 'may', 'might', 'must', 'has', 'have', 'had', 'not', 'no', 'if', 'so', 'such',
  'other', 'some', 'any', 'all', 'much', 'many', 'most', 'more', 'one', 'ones', 'name', 'named', 'called', 'type',
  'kind', 'also', 'but', 'after', 'before', 'during', 'between', 'over', 'under', 'up', 'out', 'does', 'done',
];

export const STOP_WORDS: ReadonlySet<string> = new Set([...CHINESE_STOP_WORDS, ...ENGLISH_STOP_WORDS]);

const ANSWER_KINDS: Array<[AnswerKind, RegExp]> = [
  ['time', /哪一?年|何时|什么时候|几年|哪天|哪一天|几月|何年|年代|\bwhen\b|\bwhat year\b|\bwhich year\b|\bwhat date\b/i],
  ['person', /谁|哪位|何人|\bwho\b|\bwhom\b|\bwhose\b/i],
  ['number', /多少|几[个次位种座名人天年岁]|\bhow (?:many|much|long|old|far|large|big|tall)\b|\bwhat (?:percentage|number)\b/i],
  ['place', /哪里|哪儿|何地|何处|哪个(?:国家|城市|地方)|\bwhere\b/i],
  ['definition', /^(?:什么是|何为|何谓)|^[^的]+是什么(?:意思)?[?？]?$|的(?:定义|含义|意思|概念)[?？]?$|^(?:what is|what are|define)\b/i],
];

let segmenter: Intl.Segmenter | undefined;

/** Question words the segmenter may glue to a neighbour (于什么时候, 哪所): blanked inside a segment too. */
const QUESTION_WORDS = /什么时候|什么样|为什么|什么|怎么样|怎么|怎样|如何|哪一|哪|多少|谁|何时|为何|是否|吗|呢/g;

/**
 * Particles blanked wherever they stand, even inside what the segmenter took for a word: it reads
 * 魏玩的字 as 魏 / 玩的 / 字. The few real words holding them (目的, 的确, 的士) are kept.
 */
const PARTICLES = /(?<!目)的(?![确士])|[吗呢吧]/g;

/** For each term, the term right after it in the query when the two are adjacent: a phrase to look for. */
export function nextInQuery(query: AnalyzedQuery): Map<string, string> {
  const next = new Map<string, string>();
  query.terms.forEach((t, i) => {
    const following = query.terms[i + 1];
    if (following && following.run === t.run) next.set(t.term, following.term);
  });
  return next;
}

/** Replaces stop words with spaces of the same length, so offsets and gaps survive. */
function blankStopWords(folded: string): string {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let out = '';
  for (const { segment } of segmenter.segment(folded)) {
    if (STOP_WORDS.has(segment)) out += ' '.repeat(segment.length);
    else out += segment.replace(QUESTION_WORDS, (word) => ' '.repeat(word.length));
  }
  return out.replace(PARTICLES, ' ');
}

function detectAnswerKind(text: string): AnswerKind {
  for (const [kind, pattern] of ANSWER_KINDS) if (pattern.test(text)) return kind;
  return 'any';
}

/** Weight of a bigram that joins a dictionary word to its neighbour. */
export const STRADDLING_WEIGHT = 0.3;

/**
 * For every UTF-16 offset, the index of the word it belongs to, and whether that word is a
 * dictionary word (two or more characters). Unknown names come out of the segmenter as single
 * characters: a bigram across those is kept at full weight.
 */
function wordsOf(text: string): { wordAt: Int32Array; multi: boolean[] } {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const wordAt = new Int32Array(text.length);
  const multi: boolean[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const word = multi.length;
    multi.push([...segment].length > 1);
    wordAt.fill(word, index, index + segment.length);
  }
  return { wordAt, multi };
}

function straddles(token: Token, words: { wordAt: Int32Array; multi: boolean[] }): boolean {
  if (token.end - token.start < 2 || !isCjkTerm(token.term)) return false;
  const first = words.wordAt[token.start];
  const last = words.wordAt[token.end - 1];
  return first !== last && (words.multi[first] || words.multi[last]);
}

/** Groups tokens into runs of adjacent tokens (no gap between them in the query) and weighs them. */
function toQueryTerms(tokens: Token[], text: string): QueryTerm[] {
  const words = wordsOf(text);
  const terms: QueryTerm[] = [];
  const byTerm = new Map<string, QueryTerm>();
  let run = 0;
  let previous: Token | undefined;
  for (const token of tokens) {
    if (previous && token.start > previous.end && !(token.start === previous.start + 1)) run++;
    previous = token;
    const weight = straddles(token, words) ? STRADDLING_WEIGHT : 1;
    const seen = byTerm.get(token.term);
    if (seen) {
      seen.weight = Math.max(seen.weight, weight);
      continue;
    }
    const term = { term: token.term, run, weight };
    byTerm.set(token.term, term);
    terms.push(term);
  }
  return terms;
}

/** Longer than this, a query is a pasted message rather than a question. */
const MESSAGE_LENGTH = 120;

/**
 * The question in a pasted message ("Ask the docs" on a long message): its sentences that end with
 * a question mark, when it has any; otherwise the whole text. Searching a whole page for one
 * passage that covers it finds nothing; the question it asks finds the answer.
 */
export function questionPart(text: string): string {
  if (text.length <= MESSAGE_LENGTH) return text;
  const questions = sentenceSpans(text)
    .map((span) => text.slice(span.start, span.end))
    .filter((sentence) => /[?？]["'”’」』）)]*$/.test(sentence));
  return questions.length > 0 ? questions.join(' ') : text;
}

export function analyzeQuery(text: string): AnalyzedQuery {
  const folded = foldForMatching(questionPart(text).normalize('NFC'));
  let content = blankStopWords(folded);
  let tokens = tokenize(content);
  // A query made only of stop words ("是什么") still means something: search its words as typed.
  if (tokens.length === 0) {
    content = folded;
    tokens = tokenize(folded);
  }
  const subject = content.trim().split(/[\s\p{P}\p{S}]+/u).sort((a, b) => b.length - a.length)[0] ?? '';
  return { text, terms: toQueryTerms(tokens, content), answerKind: detectAnswerKind(folded), subject };
}
