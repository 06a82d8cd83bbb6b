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
 * - dictionary and translation: CC-CEDICT (see dictionary.ts), for a word the documents lack: the
 *   words they hold that share an English sense with it (照片 → 图像: picture), and for an English
 *   word over documents that write no English, the words whose sense it is (generate → 生成).
 *
 * A bridged term is an extra query term with a lower weight (RankingOptions.bridgeWeights) that
 * stands in for the direct terms it replaces: ranking gives their coverage to it, for less.
 */
import { foldForMatching, taiwanPhrases } from '../text/foldText.ts';
import { STOP_WORDS, wordSegmenter, type AnalyzedQuery, type BridgeKind, type QueryTerm } from './analyzeQuery.ts';
import type { PassageIndex } from './passageIndex.ts';
import type { RankingOptions } from './rankingOptions.ts';
import { cedict, type Dictionary } from './dictionary.ts';
import { pinyinTable, type PinyinTable } from './pinyinTable.ts';
import { isCjkTerm, termsOf, tokenize } from './tokenize.ts';

const HAN = /^\p{Script=Han}+$/u;
const LATIN_WORD = /^[a-z]{2,}$/;

/**
 * Adds the bridged terms of a query; the query's own terms are left as they are. `dictionary` and
 * `pinyin` are called only for a query that has a word the documents lack (tests pass a small dictionary).
 */
export function bridgeQuery(
  query: AnalyzedQuery,
  index: PassageIndex,
  options: RankingOptions,
  dictionary: () => Dictionary = cedict,
  pinyin: () => PinyinTable = pinyinTable,
): AnalyzedQuery {
  const direct = query.terms.filter((t) => t.bridge === undefined);
  if (direct.length === 0 || index.size === 0) return query;
  const bridged = new Bridged(query, direct, options);
  bridgeVariants(query, index, bridged);
  bridgeHomophones(direct, index, options, bridged, pinyin);
  bridgeAliases(query, direct, index, bridged);
  bridgeDictionary(query, direct, index, options, bridged, dictionary);
  return bridged.terms.length === query.terms.length ? query : { ...query, terms: bridged.terms };
}

/**
 * Makes ahead what the first query of this index would otherwise make: its alias table, and the
 * word segmenter and pinyin table all indexes share. For a caller with idle time between loading
 * an index and its first question (the desk worker). The dictionary stays lazy: 11 MiB that a
 * corpus whose questions all find their words never needs.
 */
export function prepareBridges(index: PassageIndex): void {
  wordSegmenter();
  aliasTable(index);
  pinyinTable();
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

  /**
   * One replacement: the terms of `text` standing in for `stands`, the direct terms they replace,
   * at the bridge's weight times `share` (less for a guess among several).
   */
  add(kind: BridgeKind, text: string, stands: readonly string[], share = 1): void {
    const replaced = stands.filter((term) => !tokenize(text).some((t) => t.term === term));
    if (replaced.length === 0) return;
    const weight = this.options.bridgeWeights[kind] * share;
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
  const phrases = taiwanPhrases();
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

/**
 * A full-weight Han bigram of the query (not one straddling two words) that no document holds:
 * the documents' bigrams that differ from it in one character of the same pinyin, most frequent
 * first. The readings are pinyin-pro's for every Han character (pinyinTable), so nothing is made
 * per index: a bigram the documents hold is a term of the index, however its characters sound.
 */
function bridgeHomophones(direct: readonly QueryTerm[], index: PassageIndex, options: RankingOptions, bridged: Bridged, pinyin: () => PinyinTable): void {
  const lacking = direct.filter((t) => t.term.length === 2 && HAN.test(t.term) && t.weight >= 1 && index.documentFrequencyOf(t.term) === 0);
  if (lacking.length === 0) return;
  const table = pinyin();
  for (const t of lacking) {
    const found = new Map<string, number>();
    for (let position = 0; position < 2; position++) {
      for (const reading of table.readingsOf(t.term[position])) {
        for (const char of table.charactersOf(reading)) {
          // A character beyond the BMP only where a passage holds it alone, as when the characters
          // were taken from the index's terms of up to two UTF-16 units: the same candidates as then.
          if (char.length === 2 && index.documentFrequencyOf(char) === 0) continue;
          const candidate = position === 0 ? char + t.term[1] : t.term[0] + char;
          const frequency = index.documentFrequencyOf(candidate);
          if (frequency > 0) found.set(candidate, frequency);
        }
      }
    }
    // Code unit order last: localeCompare calls a compatibility ideograph the same as its unified twin (丽, U+2F800 丽).
    const best = [...found].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]) || (a[0] < b[0] ? -1 : 1)).slice(0, options.maxHomophones);
    for (const [word] of best) bridged.add('homophone', word, [t.term]);
  }
}

/** True when the documents hold English prose: "the" in at least one passage of a hundred. */
export function writesEnglish(index: PassageIndex): boolean {
  return index.documentFrequencyOf('the') * 100 >= index.size;
}

// ── Aliases written in the documents ───────────────────────────────────────────────────────────

/** "X（Y）" and "Y（X）" with X Han and Y Latin, in folded text (full-width brackets fold to ASCII ones). */
export const HAN_THEN_LATIN = /(\p{Script=Han}{2,24})\(([a-z][a-z0-9 .&'\-]{0,48}[a-z0-9])\)/gu;
export const LATIN_THEN_HAN = /([a-z][a-z0-9.&'\-]*(?: [a-z0-9.&'\-]+){0,5})\((\p{Script=Han}{2,16})\)/gu;
/** The parts of those patterns, tried only at a bracket: the patterns themselves try every position of every passage. */
const LATIN_IN_BRACKETS = /\(([a-z][a-z0-9 .&'\-]{0,48}[a-z0-9])\)/y;
const HAN_IN_BRACKETS = /\((\p{Script=Han}{2,16})\)/uy;
const HAN_BEFORE = /\p{Script=Han}{1,24}$/u;
const LATIN_BEFORE = /[a-z][a-z0-9.&'\-]*(?: [a-z0-9.&'\-]+){0,5}$/;
/** What a Latin name before a bracket is made of: the span LATIN_BEFORE is tried on. */
const LATIN_NAME_UNIT = /[a-z0-9.&' \-]/;

export interface WrittenAlias {
  han: string;
  latin: string;
  /** "汉字(latin)" rather than "latin(汉字)". */
  hanFirst: boolean;
}

/**
 * What HAN_THEN_LATIN and LATIN_THEN_HAN find in a folded text (the same matches: each is anchored
 * on its bracket, and neither can span the closing bracket of the one before), found from each
 * opening bracket: the brackets are few, the positions the patterns would try are all of them.
 */
export function writtenAliases(folded: string): WrittenAlias[] {
  const found: WrittenAlias[] = [];
  const latinFirst: WrittenAlias[] = [];
  for (let at = folded.indexOf('('); at !== -1; at = folded.indexOf('(', at + 1)) {
    LATIN_IN_BRACKETS.lastIndex = at;
    const latin = LATIN_IN_BRACKETS.exec(folded);
    if (latin) {
      // At most 24 characters, astral ones two units each; of a longer run, its last 24.
      const han = HAN_BEFORE.exec(folded.slice(Math.max(0, at - 48), at))?.[0];
      if (han !== undefined && (han.length >= 3 || [...han].length >= 2)) found.push({ han, latin: latin[1], hanFirst: true });
    }
    HAN_IN_BRACKETS.lastIndex = at;
    const hanName = HAN_IN_BRACKETS.exec(folded);
    if (hanName) {
      let from = at;
      while (from > 0 && LATIN_NAME_UNIT.test(folded[from - 1])) from--;
      const before = LATIN_BEFORE.exec(folded.slice(from, at));
      if (before) latinFirst.push({ han: hanName[1], latin: before[0], hanFirst: false });
    }
  }
  // In the patterns' order, as the table has always been filled: which name comes first is kept.
  return [...found, ...latinFirst];
}
/** Words an alias does not start with: 在自然语言处理（NLP） is 自然语言处理. */
const LEADING_WORDS = new Set(['使用', '利用', '采用', '通过', '基于', '例如', '包括', '称为', '叫做', '即', '如', '等', '由']);

interface AliasTable {
  /** Term sequence (joined by spaces) → the other names written for it. */
  names: Map<string, Set<string>>;
  /** First term of every key, to find keys in a query without trying them all. */
  firstTerms: Map<string, string[]>;
}

const aliasTables = new WeakMap<PassageIndex, AliasTable>();

/** The name a Han run ends with: the run after its last function word. */
function trailingName(run: string): string {
  let start = 0;
  for (const { segment, index } of wordSegmenter().segment(run)) {
    if (STOP_WORDS.has(segment) || LEADING_WORDS.has(segment)) start = index + segment.length;
  }
  return run.slice(start);
}

const termKey = (text: string): string => tokenize(text).map((t) => t.term).join(' ');

/**
 * Every character foldForMatching folds to "(": a passage without one has no alias, and is not
 * folded to find that out (a test holds this list to the fold of every BMP character; folding
 * never turns a character beyond the BMP into ASCII).
 */
export const FOLDS_TO_OPENING_BRACKET = /[(\u207d\u208d\ufe35\ufe59\uff08]/;

function aliasTable(index: PassageIndex): AliasTable {
  let table = aliasTables.get(index);
  if (table) return table;
  table = { names: new Map(), firstTerms: new Map() };
  // A name is tokenized once however many pairs it is in.
  const keys = new Map<string, string>();
  const keyOf = (text: string): string => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = termKey(text)));
    return key;
  };
  const add = (name: string, other: string): void => {
    const key = keyOf(name);
    if (key === '' || keyOf(other) === '' || key === keyOf(other)) return;
    let names = table!.names.get(key);
    if (!names) {
      names = new Set();
      table!.names.set(key, names);
      const first = key.split(' ')[0];
      table!.firstTerms.set(first, [...(table!.firstTerms.get(first) ?? []), key]);
    }
    names.add(other);
  };
  // A large corpus writes the same alias thousands of times: each pair is tokenized once.
  const seen = new Set<string>();
  const names = new Map<string, string>();
  for (let id = 0; id < index.size; id++) {
    const text = index.text(id);
    if (!FOLDS_TO_OPENING_BRACKET.test(text)) continue;
    for (const { han, latin, hanFirst } of writtenAliases(foldForMatching(text))) {
      const pair = `${hanFirst ? 'h' : 'l'}${han}\u0000${latin}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      let name = hanFirst ? names.get(han) : han;
      if (name === undefined) names.set(han, (name = trailingName(han)));
      if (name.length < 2) continue;
      add(latin, name);
      add(name, latin);
    }
  }
  aliasTables.set(index, table);
  return table;
}

/** True when term b follows term a in the query with nothing but spaces or hyphens between (natural language, self-driving). */
function adjacentWords(query: AnalyzedQuery, a: QueryTerm, b: QueryTerm): boolean {
  return b.start >= a.end - 1 && /^[\s\-]*$/.test(query.folded.slice(a.end, b.start));
}

/**
 * Where the query's direct terms hold a name the documents give another name for, that name too.
 * The name's terms must follow each other in the query with nothing but spaces or hyphens between.
 */
function bridgeAliases(query: AnalyzedQuery, direct: readonly QueryTerm[], index: PassageIndex, bridged: Bridged): void {
  const table = aliasTable(index);
  const joined = (a: QueryTerm, b: QueryTerm): boolean => adjacentWords(query, a, b);
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

// ── Dictionary words (CC-CEDICT) ───────────────────────────────────────────────────────────────

const heldWords = new WeakMap<PassageIndex, Map<string, boolean>>();

/** True when the segmenter puts a word boundary at both ends of text[start, end) (和数 is not a word of 和数据). */
function standsAsWord(text: string, start: number, end: number): boolean {
  // A window around the occurrence is enough context for the segmenter.
  const from = Math.max(0, start - 8);
  const bounds = new Set<number>();
  for (const { index } of wordSegmenter().segment(text.slice(from, Math.min(text.length, end + 8)))) bounds.add(from + index);
  bounds.add(Math.min(text.length, end + 8));
  return bounds.has(start) && bounds.has(end);
}

/**
 * True when a passage holds the word as a word: its bigrams are indexed, and in one of the passages
 * that hold them, it is written with a word boundary at both ends.
 */
function holdsWord(index: PassageIndex, word: string): boolean {
  let held = heldWords.get(index);
  if (held === undefined) {
    held = new Map();
    heldWords.set(index, held);
  }
  let found = held.get(word);
  if (found === undefined) {
    const terms = termsOf(word);
    found = terms.length > 0 && terms.every((term) => index.documentFrequencyOf(term) > 0) && index.candidates(terms, 20).some((id) => {
      const text = index.foldedText(id);
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (standsAsWord(text, at, at + word.length)) return true;
      return false;
    });
    held.set(word, found);
  }
  return found;
}

interface QueryWord {
  word: string;
  start: number;
  end: number;
}

/**
 * The query's Han words: the segmenter's, with what it cuts apart joined where the dictionary has
 * the longer word (监/控 → 监控, 算/力 → 算力, 经纬/度 → 经纬度), and a word the dictionary lacks cut
 * into the longest words it has, left to right (翻成 → 翻, 成). A one-character word is kept only
 * from such a cut: one the segmenter finds on its own (算, 写, 找) is too ambiguous to bridge.
 */
function dictionaryWords(folded: string, dictionary: Dictionary): QueryWord[] {
  const segments = [...wordSegmenter().segment(folded)].map(({ segment, index }) => ({ word: segment, start: index, end: index + segment.length }));
  const words: QueryWord[] = [];
  for (let i = 0; i < segments.length; i++) {
    const { word, start } = segments[i];
    if (!HAN.test(word)) continue;
    // The longest run of segments from here that the dictionary holds as one word (监/控 → 监控, 经纬/度 → 经纬度).
    let joined: QueryWord | undefined;
    for (let j = i + 1, text = word; j < segments.length && HAN.test(segments[j].word); j++) {
      text += segments[j].word;
      if ([...text].length > dictionary.longestWord) break;
      if (dictionary.has(text)) joined = { word: text, start, end: segments[j].end };
    }
    if (joined) {
      if (!STOP_WORDS.has(joined.word)) words.push(joined);
      while (i + 1 < segments.length && segments[i + 1].end <= joined.end) i++;
      continue;
    }
    if ([...word].length === 1) continue;
    if (STOP_WORDS.has(word)) continue;
    if (dictionary.has(word)) {
      words.push(segments[i]);
      continue;
    }
    const chars = [...word];
    let offset = start;
    for (let at = 0; at < chars.length; ) {
      let length = Math.max(1, Math.min(dictionary.longestWord, chars.length - at));
      while (length > 1 && !dictionary.has(chars.slice(at, at + length).join(''))) length--;
      const piece = chars.slice(at, at + length).join('');
      if (dictionary.has(piece) && !STOP_WORDS.has(piece)) words.push({ word: piece, start: offset, end: offset + piece.length });
      offset += piece.length;
      at += length;
    }
  }
  return words;
}

/**
 * Words of the documents for words of the query they lack, through CC-CEDICT's English senses:
 * - dictionary: a Han word no passage holds, for the words the passages hold (as words) that share
 *   one of its senses (照片 → 图像: picture; 干活 → 工作: work; 翻 → 翻译: translate). A shared sense
 *   counts more when it is a main meaning of both words and when few words share it; at most
 *   maxSynonyms, and only those scoring synonymRelativeScore of the best. A one-character word only
 *   for words that hold it (翻 → 翻译, not 转: turn).
 * - translation: in documents that write no English, an English word (or two or three) of the
 *   query no passage holds, for the passages' words whose sense it is (generate → 生成, text →
 *   文本), at most maxTranslations; a word with many such words weighs less for each.
 * The dictionary is loaded only when a query has such a word.
 */
function bridgeDictionary(
  query: AnalyzedQuery,
  direct: readonly QueryTerm[],
  index: PassageIndex,
  options: RankingOptions,
  bridged: Bridged,
  load: () => Dictionary,
): void {
  const lacking = (t: QueryTerm): boolean => index.documentFrequencyOf(t.term) === 0;
  const hanLacking = direct.some((t) => HAN.test(t.term) && lacking(t));
  const english = !writesEnglish(index) && direct.some((t) => !t.key && LATIN_WORD.test(t.term) && lacking(t));
  if (!hanLacking && !english) return;
  const dictionary = load();
  if (hanLacking) bridgeSynonyms(query, direct, index, dictionary, options, bridged);
  if (english) bridgeTranslations(query, direct, index, dictionary, options, bridged);
}

function bridgeSynonyms(query: AnalyzedQuery, direct: readonly QueryTerm[], index: PassageIndex, dictionary: Dictionary, options: RankingOptions, bridged: Bridged): void {
  for (const { word, start, end } of dictionaryWords(query.folded, dictionary)) {
    // The word's own bigrams; a one-character word has none, and stands for the bigrams that hold it.
    const inside = direct.filter((t) => t.start >= start && t.end <= end);
    const stands = inside.length > 0 ? inside : direct.filter((t) => t.start < end && t.end > start);
    const lacking = inside.length > 0 ? stands.some((t) => index.documentFrequencyOf(t.term) === 0) : stands.every((t) => index.documentFrequencyOf(t.term) === 0);
    // Only bigrams straddling two words (要讲 of 主要讲的): the word hardly counts in the query.
    if (!lacking || !stands.some((t) => t.weight >= 1)) continue;
    const single = [...word].length === 1;
    // Shared senses count more when they are a main meaning of both words, and when few words share them.
    const scores = new Map<string, number>();
    for (const { sense, rank } of dictionary.sensesOf(word)) {
      const held = dictionary.wordsOf(sense).filter((other) => other !== word && [...other].length > 1 && (!single || other.includes(word)) && holdsWord(index, other));
      for (const other of held) {
        const otherRank = dictionary.sensesOf(other).find((s) => s.sense === sense)!.rank;
        scores.set(other, (scores.get(other) ?? 0) + 1 / ((1 + rank) * (1 + otherRank) * held.length));
      }
    }
    const best = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, options.maxSynonyms);
    const kept = best.filter(([, score]) => score >= best[0][1] * options.synonymRelativeScore);
    // A one-character word is the most ambiguous: where several words hold it (成 → 成为, 成功), each weighs less.
    const share = single ? 1 / Math.sqrt(kept.length) : 1;
    for (const [other] of kept) bridged.add('dictionary', other, stands.map((t) => t.term), share);
  }
}

/** The fewest letters a stem is cut down to when looking for the stem of another form of its word. */
const SHORTEST_STEM = 5;

/**
 * The words the passages hold whose sense is this (stemmed) English word or phrase. A single word
 * with none is looked up cut by up to three letters: Porter stems of one word's forms differ in
 * their tails (recognition → recognit, recognize → recogn; traditionally → tradition, traditional → tradit).
 */
function translationsOf(phrase: string, index: PassageIndex, dictionary: Dictionary): { sense: string; held: string[] } {
  const heldOf = (sense: string): string[] => dictionary.wordsOf(sense).filter((word) => [...word].length > 1 && holdsWord(index, word));
  let held = heldOf(phrase);
  if (held.length > 0 || phrase.includes(' ')) return { sense: phrase, held };
  for (let cut = 1; cut <= 3 && phrase.length - cut >= SHORTEST_STEM; cut++) {
    held = heldOf(phrase.slice(0, -cut));
    if (held.length > 0) return { sense: phrase.slice(0, -cut), held };
  }
  return { sense: phrase, held: [] };
}

/** The longest English sense a query phrase is looked up as, in words. */
const LONGEST_PHRASE = 3;

function bridgeTranslations(query: AnalyzedQuery, direct: readonly QueryTerm[], index: PassageIndex, dictionary: Dictionary, options: RankingOptions, bridged: Bridged): void {
  // A word of two letters as typed is a function word (us, go), and stemming makes "use" one of them (us).
  const english = (t: QueryTerm): boolean => !t.key && LATIN_WORD.test(t.term) && t.end - t.start > 2;
  const lacking = (t: QueryTerm): boolean => index.documentFrequencyOf(t.term) === 0;
  for (let i = 0; i < direct.length; i++) {
    for (let n = Math.min(LONGEST_PHRASE, direct.length - i); n >= 1; n--) {
      // A phrase of English words side by side, one at least no passage holds (deep learning: deep may be held).
      const span = direct.slice(i, i + n);
      if (!span.every((t, k) => english(t) && (k === 0 || adjacentWords(query, span[k - 1], t))) || !span.some(lacking)) continue;
      const { sense, held } = translationsOf(span.map((t) => t.term).join(' '), index, dictionary);
      if (held.length === 0) continue;
      // The words for which it is the most common meaning (or the most common of those found): a
      // stem shared by other words (generous, general → gener) is a later meaning of most of theirs.
      const rankOf = (word: string): number => dictionary.sensesOf(word).find((s) => s.sense === sense)!.rank;
      const first = Math.min(...held.map(rankOf));
      const best = held
        .filter((word) => rankOf(word) === first)
        .sort((a, b) => dictionary.sensesOf(a).length - dictionary.sensesOf(b).length || a.localeCompare(b))
        .slice(0, options.maxTranslations);
      // A word that many words translate is a guess among many: each weighs less.
      for (const word of best) bridged.add('translation', word, span.map((t) => t.term), 1 / Math.sqrt(held.length));
      i += n - 1;
      break;
    }
  }
}
