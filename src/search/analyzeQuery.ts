/**
 * From what a user typed to the terms that are searched.
 *
 * Question and function words (什么, 怎么, 如何, 是, 的, what, how, the …) are removed with
 * Intl.Segmenter, which Node ships with full ICU: a removed word leaves a gap, so no bigram is
 * formed across it (深度学习的定义 searches 深度 度学 学习 and 定义, never 习的 or 的定).
 * The kind of answer a question asks for (a year, a person, a number) is kept for excerpt choice.
 */
import { foldForMatching } from '../text/foldText.ts';
import { questionOfMessage } from './findQuestion.ts';
import { DEFAULT_RANKING, type RankingOptions } from './rankingOptions.ts';
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
  /** UTF-16 offsets of its first occurrence in the analyzed (folded) question. */
  start: number;
  end: number;
  /**
   * A name, acronym or number as typed (GPT, RLHF, 2012, Hinton): the documents either hold it or
   * do not answer; there is no other wording to find. Ordinary words (Chinese bigrams, lower-case
   * English words) may be worded differently in the documents.
   */
  key: boolean;
  /**
   * For a number glued to the name before it (GPT-4, Q4, iPhone15): that name's term. The number
   * then matches only right after it: GPT-4 is not the 4 of Q4 next to a GPT somewhere else.
   */
  after?: string;
  /** Set on a bridged term (see bridgeQuery): how it was found, and the direct terms it stands in for. */
  bridge?: { kind: BridgeKind; stands: string[] };
}

export type BridgeKind = 'variant' | 'homophone' | 'alias' | 'dictionary' | 'translation';

export interface AnalyzedQuery {
  text: string;
  /** The question part of the text (questionOfMessage), folded for matching: offsets of terms point here. */
  folded: string;
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
  '除了', '以外', '之外',
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

/** The one Chinese word segmenter of the query path (ICU's dictionary, made on first use). */
export function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** Question words the segmenter may glue to a neighbour (于什么时候, 哪所): blanked inside a segment too. */
const QUESTION_WORDS = /什么时候|什么样|为什么|什么|怎么样|怎么|怎样|如何|哪一|哪|多少|谁|何时|为何|是否|吗|呢/g;

/**
 * Particles blanked wherever they stand, even inside what the segmenter took for a word: it reads
 * 魏玩的字 as 魏 / 玩的 / 字. The few real words holding them (目的, 的确, 的士) are kept.
 */
const PARTICLES = /(?<!目)的(?![确士])|[吗呢吧]/g;

/**
 * Chat wording that carries no content: colloquial question words (啥, 咋, 为啥), fillers (到底,
 * 一般), frames around the question (请问一下, 想问下, 有大佬知道…吗, 求科普), sentence-final
 * particles, and A-not-A forms (会不会, 能不能, 是不是, 有没有, 算不算), which only say "is it so?".
 * Blanked like stop words: a gap, so no bigram spans them. 哈 and 啦 only when they end a clause
 * (哈希 and 啦啦队 are words).
 */
const CHAT_WORDING = new RegExp(
  [
    '(?:有没有|有沒有|有)?(?:大佬|大神|人|朋友|谁|誰)(?:们|們)?(?:知道|清楚)',
    '(?:请问|請問|想问|想問|想请教|想請教|请教|請教|求问|求問|想了解|想确认|想確認|问问|問問|问下|問下)(?:一下|一下子|下|问|問)?',
    '求科普|求解答|求指教|科普一下|跪求|在线等|在線等',
    '(?:为啥|為啥|干嘛|幹嘛|咋回事|怎么回事|怎麼回事|咋样|咋樣|咋|啥子|啥)',
    '到底|究竟|一般来说|一般來說|一般|通常来说|大概|大约|大約|其实|其實|那会儿|那會兒|那时候|那時候|那事儿|那事兒|这事儿|這事兒',
    '(?:这|這|那)(?:几|幾)?(?:个|個|种|種|些|篇|样|樣)|还是|還是',
    '([\\p{Script=Han}])[不没沒]\\1',
    '[呀啊嘛哦噢呗唄咯喔哇]|[哈啦]+(?=[\\s\\p{P}\\p{S}]|$)',
  ].join('|'),
  'gu',
);

/** Colloquial question words as their standard forms, to tell the kind of answer asked for. */
const COLLOQUIAL_QUESTION_WORDS: Array<[RegExp, string]> = [
  [/为啥|為啥|干嘛|幹嘛/g, '为什么'],
  [/咋/g, '怎么'],
  [/啥/g, '什么'],
];

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
  let out = '';
  for (const { segment } of wordSegmenter().segment(folded)) {
    if (STOP_WORDS.has(segment)) out += ' '.repeat(segment.length);
    else out += segment.replace(QUESTION_WORDS, (word) => ' '.repeat(word.length));
  }
  return out.replace(PARTICLES, ' ');
}

function blankChatWording(folded: string): string {
  return folded.replace(CHAT_WORDING, (wording) => ' '.repeat(wording.length));
}

function detectAnswerKind(text: string): AnswerKind {
  let standard = text;
  for (const [pattern, word] of COLLOQUIAL_QUESTION_WORDS) standard = standard.replace(pattern, word);
  for (const [kind, pattern] of ANSWER_KINDS) if (pattern.test(standard)) return kind;
  return 'any';
}

/** What "除了X还…" sets aside: X is what the asker already knows, not what they ask about. */
const SET_ASIDE = /(?:除了|除开|除去|除)([^，。？！?!,、；;\s]*?)(?=还|也|以外|之外|外|[，。？！?!,、；;\s]|$)/g;

function setAsideSpans(folded: string): Array<[number, number]> {
  return [...folded.matchAll(SET_ASIDE)].map((m) => [m.index + m[0].length - m[1].length, m.index + m[0].length]);
}

/**
 * For every UTF-16 offset, the index of the word it belongs to, and whether that word is a
 * dictionary word (two or more characters). Unknown names come out of the segmenter as single
 * characters: a bigram across those is kept at full weight.
 */
function wordsOf(text: string): { wordAt: Int32Array; multi: boolean[] } {
  const wordAt = new Int32Array(text.length);
  const multi: boolean[] = [];
  for (const { segment, index } of wordSegmenter().segment(text)) {
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

/** Latin letters after the first that are capitals (GPT, DeepMind), or digits: typed as a name or a number. */
const KEY_AS_TYPED = /^(?:\p{Nd}+|\p{L}[\p{L}\p{M}]*\p{Lu}[\p{L}\p{M}]*)$/u;
/** A capitalized word, not the first of its sentence: a name (Hinton, Google). */
const CAPITALIZED = /^\p{Lu}\p{Ll}/u;

const NUMBER = /^\p{Nd}+$/u;
const LATIN = /^\p{Script=Latin}+$/u;
/** What may stand between a name and its number: nothing, or a hyphen. */
const GLUE = /^[-‐‑–]?$/u;

function isKeyAsTyped(typed: string, before: string): boolean {
  if (isCjkTerm(typed)) return false;
  if (KEY_AS_TYPED.test(typed)) return true;
  return CAPITALIZED.test(typed) && /[\p{L}\p{Nd},;:]\s*$/u.test(before);
}

/** Groups tokens into runs of adjacent tokens (no gap between them in the query) and weighs them. */
function toQueryTerms(tokens: Token[], text: string, typed: string, options: AnalysisOptions): QueryTerm[] {
  const words = wordsOf(text);
  const chinese = /\p{Script=Han}/u.test(typed);
  const setAside = setAsideSpans(typed === text ? text : foldForMatching(typed));
  const terms: QueryTerm[] = [];
  const byTerm = new Map<string, QueryTerm>();
  let run = 0;
  let previous: Token | undefined;
  for (const token of tokens) {
    if (previous && token.start > previous.end && !(token.start === previous.start + 1)) run++;
    previous = token;
    let weight = straddles(token, words) ? options.straddlingWeight : 1;
    if (setAside.some(([start, end]) => token.start >= start && token.end <= end)) weight *= options.setAsideWeight;
    const seen = byTerm.get(token.term);
    if (seen) {
      seen.weight = Math.max(seen.weight, weight);
      continue;
    }
    // In a Chinese question a Latin word is a name (核心算法 helm chart): the documents hold it or do not answer.
    const key = isKeyAsTyped(typed.slice(token.start, token.end), typed.slice(0, token.start)) || (chinese && !isCjkTerm(token.term));
    const term: QueryTerm = { term: token.term, run, weight, start: token.start, end: token.end, key };
    const before = tokens[tokens.indexOf(token) - 1];
    if (before && NUMBER.test(token.term) && LATIN.test(before.term) && GLUE.test(typed.slice(before.end, token.start))) term.after = before.term;
    byTerm.set(token.term, term);
    terms.push(term);
  }
  return terms;
}

export type AnalysisOptions = Pick<RankingOptions, 'straddlingWeight' | 'setAsideWeight'>;

export function analyzeQuery(text: string, options: AnalysisOptions = DEFAULT_RANKING): AnalyzedQuery {
  const asked = questionOfMessage(text.normalize('NFC'));
  const folded = foldForMatching(asked);
  let content = blankStopWords(blankChatWording(folded));
  let tokens = tokenize(content);
  // A query made only of stop words ("是什么") still means something: search its words as typed.
  if (tokens.length === 0) {
    content = folded;
    tokens = tokenize(folded);
  }
  const subject = content.trim().split(/[\s\p{P}\p{S}]+/u).sort((a, b) => b.length - a.length)[0] ?? '';
  return { text, folded, terms: toQueryTerms(tokens, content, asked, options), answerKind: detectAnswerKind(folded), subject };
}
