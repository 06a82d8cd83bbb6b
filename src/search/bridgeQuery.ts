/**
 * Vocabulary bridges: other words for what a query says, each from well-kept data or from the
 * documents themselves, never from a list written for one corpus.
 *
 * - variant: Taiwan words as Mainland words, from OpenCC's phrase table (軟體 → 软件, 資料 → 数据).
 *   Per-character folding already makes 深度學習 深度学习; this is for words that differ. Used when
 *   the query is written in Traditional characters, or when the documents lack the word as typed.
 * - homophone: for a word the documents lack, the words they hold that sound the same
 *   (pinyin-pro): 神经网落 → 神经网络, 深读学习 → 深度学习, the typos of a pinyin input method.
 * - alias: "X（Y）" written in the documents (自然语言处理（NLP）, 人工智能大模型（Large AI Models）)
 *   makes X and Y stand for each other: NLP finds 自然语言处理, and an English question the passages
 *   that give the English name once.
 *
 * A bridged term is an extra query term with a lower weight (RankingOptions.bridgeWeights) that
 * stands in for the direct terms it replaces: ranking gives their coverage to it, for less.
 */
import { createRequire } from 'node:module';
import { foldForMatching } from '../text/foldText.ts';
import { taiwanPhrases } from '../text/chineseVariants.ts';
import { STOP_WORDS, type AnalyzedQuery, type BridgeKind, type QueryTerm } from './analyzeQuery.ts';
import type { PassageIndex } from './passageIndex.ts';
import type { RankingOptions } from './rankingOptions.ts';
import { isCjkTerm, tokenize } from './tokenize.ts';

const HAN = /^\p{Script=Han}+$/u;
const LATIN_WORD = /^[a-z]{2,}$/;

/** Adds the bridged terms of a query; the query's own terms are left as they are. */
export function bridgeQuery(query: AnalyzedQuery, index: PassageIndex, options: RankingOptions): AnalyzedQuery {
  const direct = query.terms.filter((t) => t.bridge === undefined);
  if (direct.length === 0 || index.size === 0) return query;
  const bridged = new Bridged(query, direct, options);
  bridgeVariants(query, index, bridged);
  bridgeHomophones(direct, index, options, bridged);
  bridgeAliases(query, direct, index, bridged);
  return bridged.terms.length === query.terms.length ? query : { ...query, terms: bridged.terms };
}

/** Collects bridged terms: each option (one replacement for some direct terms) gets a run of its own. */
class Bridged {
  readonly terms: QueryTerm[];
  /** Option and term pairs already added. */
  private readonly seen: Set<string>;
  private run: number;

  constructor(
    query: AnalyzedQuery,
    private readonly direct: readonly QueryTerm[],
    private readonly options: RankingOptions,
  ) {
    this.terms = [...query.terms];
    this.seen = new Set();
    this.run = Math.max(...query.terms.map((t) => t.run)) + 1;
  }

  /** One replacement: the terms of `text` standing in for `stands`, the direct terms they replace. */
  add(kind: BridgeKind, text: string, stands: readonly string[]): void {
    const replaced = stands.filter((term) => !tokenize(text).some((t) => t.term === term));
    if (replaced.length === 0) return;
    const weight = this.options.bridgeWeights[kind];
    const run = this.run++;
    // A bridged term may also be a direct term of the query (学系 → 学习 in 机器学系和深度学习): it then
    // counts once in the score, and covers the word it stands for as well as its own.
    const option = `${kind}:${replaced.join(' ')}`;
    for (const token of tokenize(text)) {
      if (this.seen.has(`${option}:${token.term}`) || STOP_WORDS.has(token.term)) continue;
      this.seen.add(`${option}:${token.term}`);
      this.terms.push({ term: token.term, run, weight, start: -1, end: -1, key: false, bridge: { kind, stands: [...replaced] } });
    }
  }

  /** Direct terms whose first occurrence lies inside [start, end) of the folded question. */
  within(start: number, end: number): string[] {
    return this.direct.filter((t) => t.start < end && t.end > start).map((t) => t.term);
  }
}

// ── Taiwan words ────────────────────────────────────────────────────────────────────────────────

function bridgeVariants(query: AnalyzedQuery, index: PassageIndex, bridged: Bridged): void {
  const phrases = taiwanPhrases(foldForMatching);
  const { longest, starts } = phraseShape(phrases);
  const folded = query.folded;
  // Written in Traditional characters: the Taiwan word is meant. Otherwise only where the documents lack the word.
  const traditional = [...query.text].some((char) => HAN.test(char) && foldForMatching(char) !== char);
  for (let at = 0; at < folded.length; at++) {
    if (!starts.has(folded.slice(at, at + 2))) continue;
    for (let length = Math.min(longest, folded.length - at); length >= 2; length--) {
      const mainland = phrases.get(folded.slice(at, at + length));
      if (mainland === undefined) continue;
      const stands = bridged.within(at, at + length);
      if (traditional || stands.some((term) => index.documentFrequencyOf(term) === 0)) bridged.add('variant', mainland, stands);
      at += length - 1;
      break;
    }
  }
}

let shape: { longest: number; starts: Set<string> } | undefined;

/** The longest phrase, and the first two characters of every phrase: most query positions start none. */
function phraseShape(map: ReadonlyMap<string, string>): { longest: number; starts: Set<string> } {
  if (shape) return shape;
  shape = { longest: 0, starts: new Set() };
  for (const key of map.keys()) {
    shape.longest = Math.max(shape.longest, key.length);
    shape.starts.add(key.slice(0, 2));
  }
  return shape;
}

// ── Same-pinyin words ───────────────────────────────────────────────────────────────────────────

type PinyinFunction = (text: string, options: { toneType: 'none'; type: 'array'; multiple?: boolean }) => string[];

let pinyinOf: PinyinFunction | undefined;

/** pinyin-pro, loaded on the first query that needs it (≈90 ms): most queries never do. */
function pinyin(): PinyinFunction {
  pinyinOf ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: PinyinFunction }).pinyin;
  return pinyinOf;
}

const readings = new Map<string, string[]>();

/** Every reading of one Han character, without tones (行 → xing, hang). */
function readingsOf(char: string): string[] {
  let found = readings.get(char);
  if (found === undefined) {
    found = [...new Set(pinyin()(char, { toneType: 'none', type: 'array', multiple: true }))];
    readings.set(char, found);
  }
  return found;
}

/** For each reading, the Han characters of the index's vocabulary that have it. */
const charactersByReading = new WeakMap<PassageIndex, Map<string, string[]>>();

function homophoneTable(index: PassageIndex): Map<string, string[]> {
  let table = charactersByReading.get(index);
  if (table) return table;
  const characters = new Set<string>();
  for (const term of index.parts().terms) if (isCjkTerm(term) && term.length <= 2) for (const char of term) characters.add(char);
  table = new Map();
  for (const char of characters) {
    if (!HAN.test(char)) continue;
    for (const reading of readingsOf(char)) {
      const list = table.get(reading);
      if (list) list.push(char);
      else table.set(reading, [char]);
    }
  }
  charactersByReading.set(index, table);
  return table;
}

/**
 * A full-weight Han bigram of the query (not one straddling two words) that no document holds:
 * the documents' bigrams that differ from it in one character of the same pinyin, most frequent first.
 */
function bridgeHomophones(direct: readonly QueryTerm[], index: PassageIndex, options: RankingOptions, bridged: Bridged): void {
  const lacking = direct.filter((t) => t.term.length === 2 && HAN.test(t.term) && t.weight >= 1 && index.documentFrequencyOf(t.term) === 0);
  if (lacking.length === 0) return;
  const table = homophoneTable(index);
  for (const t of lacking) {
    const found = new Map<string, number>();
    for (let position = 0; position < 2; position++) {
      for (const reading of readingsOf(t.term[position])) {
        for (const char of table.get(reading) ?? []) {
          const candidate = position === 0 ? char + t.term[1] : t.term[0] + char;
          const frequency = index.documentFrequencyOf(candidate);
          if (frequency > 0) found.set(candidate, frequency);
        }
      }
    }
    const best = [...found].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, options.maxHomophones);
    for (const [word] of best) bridged.add('homophone', word, [t.term]);
  }
}

/** True when the documents hold English prose: "the" in at least one passage of a hundred. */
export function writesEnglish(index: PassageIndex): boolean {
  return index.documentFrequencyOf('the') * 100 >= index.size;
}

// ── Aliases written in the documents ───────────────────────────────────────────────────────────

/** "X（Y）" and "Y（X）" with X Han and Y Latin, in folded text (full-width brackets fold to ASCII ones). */
const HAN_THEN_LATIN = /(\p{Script=Han}{2,24})\(([a-z][a-z0-9 .&'\-]{0,48}[a-z0-9])\)/gu;
const LATIN_THEN_HAN = /([a-z][a-z0-9.&'\-]*(?: [a-z0-9.&'\-]+){0,5})\((\p{Script=Han}{2,16})\)/gu;
/** Words an alias does not start with: 在自然语言处理（NLP） is 自然语言处理. */
const LEADING_WORDS = new Set(['使用', '利用', '采用', '通过', '基于', '例如', '包括', '称为', '叫做', '即', '如', '等', '由']);

interface AliasTable {
  /** Term sequence (joined by spaces) → the other names written for it. */
  names: Map<string, Set<string>>;
  /** First term of every key, to find keys in a query without trying them all. */
  firstTerms: Map<string, string[]>;
}

const aliasTables = new WeakMap<PassageIndex, AliasTable>();

let segmenter: Intl.Segmenter | undefined;

/** The name a Han run ends with: the run after its last function word. */
function trailingName(run: string): string {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let start = 0;
  for (const { segment, index } of segmenter.segment(run)) {
    if (STOP_WORDS.has(segment) || LEADING_WORDS.has(segment)) start = index + segment.length;
  }
  return run.slice(start);
}

const termKey = (text: string): string => tokenize(text).map((t) => t.term).join(' ');

function aliasTable(index: PassageIndex): AliasTable {
  let table = aliasTables.get(index);
  if (table) return table;
  table = { names: new Map(), firstTerms: new Map() };
  const add = (name: string, other: string): void => {
    const key = termKey(name);
    if (key === '' || termKey(other) === '' || key === termKey(other)) return;
    let names = table!.names.get(key);
    if (!names) {
      names = new Set();
      table!.names.set(key, names);
      const first = key.split(' ')[0];
      table!.firstTerms.set(first, [...(table!.firstTerms.get(first) ?? []), key]);
    }
    names.add(other);
  };
  for (let id = 0; id < index.size; id++) {
    const folded = index.foldedText(id);
    if (!folded.includes('(')) continue;
    for (const [, han, latin] of folded.matchAll(HAN_THEN_LATIN)) {
      const name = trailingName(han);
      if (name.length < 2) continue;
      add(latin, name);
      add(name, latin);
    }
    for (const [, latin, han] of folded.matchAll(LATIN_THEN_HAN)) {
      add(latin, han);
      add(han, latin);
    }
  }
  aliasTables.set(index, table);
  return table;
}

/**
 * Where the query's direct terms hold a name the documents give another name for, that name too.
 * The name's terms must follow each other in the query with nothing but spaces or hyphens between.
 */
function bridgeAliases(query: AnalyzedQuery, direct: readonly QueryTerm[], index: PassageIndex, bridged: Bridged): void {
  const table = aliasTable(index);
  const joined = (a: QueryTerm, b: QueryTerm): boolean => b.start >= a.end - 1 && /^[\s\-]*$/.test(query.folded.slice(a.end, b.start));
  // An English name spelled out whose initials the documents use (natural language processing → NLP) is that acronym.
  const words = (i: number, n: number): QueryTerm[] | undefined => {
    const span = direct.slice(i, i + n);
    return span.length === n && span.every((s, k) => LATIN_WORD.test(s.term) && (k === 0 || joined(span[k - 1], s))) ? span : undefined;
  };
  // Documents that write English answer an English question in English: there an English word or
  // its initials is no sign of a Chinese name (Donald Davies is not DD), and only Chinese → Latin is bridged.
  const english = writesEnglish(index);
  for (let i = 0; i < direct.length && !english; i++) {
    for (let n = 5; n >= 2; n--) {
      const span = words(i, n);
      const acronym = span?.map((s) => s.term[0]).join('');
      if (!span || !acronym || index.documentFrequencyOf(acronym) === 0) continue;
      const stands = span.map((s) => s.term);
      bridged.add('alias', acronym, stands);
      for (const other of table.names.get(acronym) ?? []) bridged.add('alias', other, stands);
      break;
    }
  }
  direct.forEach((t, i) => {
    for (const key of table.firstTerms.get(t.term) ?? []) {
      const terms = key.split(' ');
      const span = direct.slice(i, i + terms.length);
      if (span.length !== terms.length || span.some((s, k) => s.term !== terms[k] || (k > 0 && !joined(span[k - 1], s)))) continue;
      if (english && !isCjkTerm(terms[0])) continue;
      for (const other of table.names.get(key)!) bridged.add('alias', other, terms);
    }
  });
}
