/**
 * Relevance: FlexSearch proposes candidates, this scores them.
 *
 * score = BM25 over the query terms (k1 = 0.9, b = 0.4)
 *       × how much of the query the passage covers (IDF-weighted)
 *       + a bonus for query terms found next to each other in query order (phrases)
 *       + a smaller one for distinct query terms within a few tokens of each other (proximity)
 *       + a smaller BM25 on the document title and section headings.
 * Candidates covering too little of the query are dropped: an unrelated question then gets no
 * results instead of noise.
 */
import { nextInQuery, type AnalyzedQuery, type QueryTerm } from './analyzeQuery.ts';
import { writesEnglish } from './bridgeQuery.ts';
import type { PassageIndex } from './passageIndex.ts';
import { DEFAULT_RANKING, type RankingOptions } from './rankingOptions.ts';
import { isCjkTerm, tokenizeMatching, type Token } from './tokenize.ts';

export { DEFAULT_RANKING, type RankingOptions } from './rankingOptions.ts';

export interface RankedPassage {
  id: number;
  score: number;
  /** IDF-weighted share of the query's terms found in the passage, 0–1. */
  coverage: number;
}

const DEFINITION_CUE = /^\s*(?:[（(][^）)]{0,30}[）)])?\s*(?:是指|指的是|是一种|是一类|是一个|定义为|被定义为|is an?\b|are\b|refers to\b)/;

export function inverseDocumentFrequency(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Each query term's weight: its IDF in this index times its weight in the query (a bridged term's is lower). */
export function termWeights(index: PassageIndex, query: AnalyzedQuery): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of query.terms) {
    const weight = t.weight * inverseDocumentFrequency(index.documentFrequencyOf(t.term), index.size);
    weights.set(t.term, Math.max(weight, weights.get(t.term) ?? 0));
  }
  return weights;
}

/** What ranking needs to know about one query term held by the index. */
interface ScoredTerm {
  /** Its BM25 weight: IDF times its weight in the query. */
  idf: number;
  /** Its part of the query's total, for coverage: a lone Han character counts less. */
  share: number;
  /** Id of the term that follows it in the query, when adjacent: a phrase. */
  nextId: number;
  /** For a number glued to a name (GPT-4): the name's id, which must come right before it; else -1. */
  afterId: number;
  /** The direct term (group) it is, or the bridge options it belongs to. */
  group: number;
  option: number;
}

/**
 * Coverage is counted per direct term of the query (a group). A group is covered by its own term,
 * or, for less, by a bridge option: the terms of one Taiwan phrase, one same-pinyin word or one
 * alias, of which the passage holds a part. A direct term no document holds keeps only a small
 * share (see RankingOptions.absentWordShare) unless a bridge stands in for it.
 */
const NEVER = -2;

interface CoverageGroup {
  share: number;
  /** Its share when no candidate holds it: for a glued number (GPT-4), known only once candidates are scored. */
  absentShare: number;
  /** Slot of the direct term, or -1 when no document holds it. */
  slot: number;
  options: number[];
  /**
   * For the name of a glued number (the GPT of GPT-4): the number's slot, or NEVER when no passage
   * holds the number. The name covers nothing without it. -1 for other groups.
   */
  requires: number;
  /** Its credit is multiplied by this (see missingHeadCredit). */
  creditFactor: number;
}

interface BridgeOption {
  /** Slots of its terms the index holds, their shares (as direct terms), and the sum. */
  slots: number[];
  shares: number[];
  shareSum: number;
  /** Its bridge weight: credit for the group is at most share × this. */
  weight: number;
}

/**
 * For every term id, its slot in the current query's terms (or -1). Scoring reads one typed-array
 * cell per token of every candidate: a Map lookup there was most of a query's time.
 */
let slotOfTerm = new Int32Array(0);

function markQueryTerms(termCount: number, ids: readonly number[]): void {
  if (slotOfTerm.length < termCount) slotOfTerm = new Int32Array(Math.max(termCount, slotOfTerm.length * 2)).fill(-1);
  ids.forEach((id, slot) => (slotOfTerm[id] = slot));
}

function unmarkQueryTerms(ids: readonly number[]): void {
  for (const id of ids) slotOfTerm[id] = -1;
}

/** The query's terms as ranking sees them: slots for the terms the index holds, coverage groups and bridge options. */
function scoringPlan(index: PassageIndex, query: AnalyzedQuery, options: RankingOptions, weights: ReadonlyMap<string, number>) {
  const next = nextInQuery(query);
  const direct = query.terms.filter((t) => t.bridge === undefined);
  const many = direct.length > 1;
  const unigram = (t: QueryTerm): number => (t.term.length === 1 && isCjkTerm(t.term) && many ? options.unigramShare : 1);
  const ids: number[] = [];
  const slots: ScoredTerm[] = [];
  const slotOf = new Map<string, number>();
  const groupOf = new Map<string, number>();
  direct.forEach((t, g) => groupOf.set(t.term, g));
  const bridgeOptions: BridgeOption[] = [];
  const optionOf = new Map<string, number>();
  for (const t of query.terms) {
    const id = index.termId(t.term);
    if (id === undefined) continue;
    const existing = slotOf.get(t.term);
    let option = -1;
    if (t.bridge) {
      const key = `${t.bridge.kind}:${t.bridge.stands.join(' ')}:${t.run}`;
      option = optionOf.get(key) ?? -1;
      if (option < 0) {
        option = bridgeOptions.length;
        optionOf.set(key, option);
        bridgeOptions.push({ slots: [], shares: [], shareSum: 0, weight: t.weight });
      }
    }
    let slot = existing ?? -1;
    if (existing === undefined) {
      slot = slots.length;
      slotOf.set(t.term, slot);
      ids.push(id);
      const idf = weights.get(t.term)!;
      const afterId = t.after === undefined ? -1 : (index.termId(t.after) ?? -1);
      slots.push({ idf, share: idf * unigram(t), nextId: -1, afterId, group: t.bridge ? -1 : groupOf.get(t.term)!, option });
    }
    if (option >= 0 && !bridgeOptions[option].slots.includes(slot)) {
      // The term's share as a direct term would have it: the bridge's weight is applied to the credit.
      const share = inverseDocumentFrequency(index.documentFrequencyOf(t.term), index.size) * unigram(t);
      bridgeOptions[option].slots.push(slot);
      bridgeOptions[option].shares.push(share);
      bridgeOptions[option].shareSum += share;
    }
  }
  for (const [term, slot] of slotOf) {
    const following = next.get(term);
    slots[slot].nextId = following === undefined ? -1 : (index.termId(following) ?? -1);
  }
  const absent = (t: QueryTerm): number =>
    inverseDocumentFrequency(0, index.size) * t.weight * unigram(t) * (t.key ? options.absentKeyShare : options.absentWordShare);
  const groups: CoverageGroup[] = direct.map((t) => ({ share: 0, absentShare: absent(t), slot: slotOf.get(t.term) ?? -1, options: [], requires: -1, creditFactor: 1 }));
  for (const t of direct) {
    const name = t.after === undefined ? undefined : groupOf.get(t.after);
    if (name !== undefined) groups[name].requires = slotOf.get(t.term) ?? NEVER;
  }
  for (const t of query.terms) {
    const option = t.bridge ? optionOf.get(`${t.bridge.kind}:${t.bridge.stands.join(' ')}:${t.run}`) : undefined;
    if (option === undefined) continue;
    for (const stood of t.bridge!.stands) {
      const g = groupOf.get(stood);
      if (g !== undefined && !groups[g].options.includes(option)) groups[g].options.push(option);
    }
  }
  // Chat wording the documents lack is discounted, but never more words of it than the question has words
  // the documents hold: a question made mostly of words they lack (推荐一部电影) is about something else.
  // An English question over documents written in another language lacks most of its words by
  // nature: when a name or acronym of it is held (AI, or NLP for natural language processing), or a
  // word of it through the dictionary (image → 图像), the ordinary words the documents lack and that
  // nothing stands in for do not count, so the question is answered on what it shares with them.
  const named =
    direct.some((t) => t.key && slotOf.has(t.term)) ||
    query.terms.some((t) => (t.bridge?.kind === 'alias' || t.bridge?.kind === 'translation') && slotOf.has(t.term));
  const foreign = named && !/\p{Script=Han}/u.test(query.folded) && !writesEnglish(index);
  const held = direct.filter((t) => t.weight >= 1 && slotOf.has(t.term)).length;
  let discounted = 0;
  // A short compound whose head (its last word) no passage holds is something the documents lack:
  // its other word alone (知识 of 知识蒸馏, 上下文 of 上下文窗口) says little.
  for (const compound of shortCompounds(direct)) {
    const head = groupOf.get(compound[compound.length - 1].term)!;
    if (groups[head].slot >= 0 || groups[head].options.length > 0) continue;
    for (const t of compound.slice(0, -1)) groups[groupOf.get(t.term)!].creditFactor = options.missingHeadCredit;
  }
  direct.forEach((t, g) => {
    const group = groups[g];
    if (foreign && group.slot < 0 && !t.key && LATIN_WORD.test(t.term)) group.absentShare = 0;
    else if (group.slot < 0 && !t.key && (t.weight < 1 ? discounted >= held : ++discounted >= held)) group.absentShare /= options.absentWordShare;
    if (group.slot >= 0) group.share = slots[group.slot].share;
    else if (group.options.length > 0) {
      // As much as the direct term would have weighed: the bridge's own weight is applied to the credit.
      group.share = Math.max(...group.options.map((o) => bridgeOptions[o].shareSum / bridgeOptions[o].slots.length));
    } else {
      group.share = group.absentShare;
    }
  });
  return { ids, slots, groups, bridgeOptions, single: direct.length === 1 && direct[0].term.length === 1 && isCjkTerm(direct[0].term) };
}

/** A candidate scored, before coverage decides whether it is a result. */
interface Scored {
  id: number;
  bm25: number;
  bonus: number;
  /** Coverage credit of each group. */
  credits: Float64Array;
  length: number;
}

const LATIN_WORD = /^[a-z]+$/;

/** Han characters a compound of two words spans at most (知识蒸馏, 上下文窗口). */
const COMPOUND_LENGTH = 5;

/**
 * Runs of adjacent Han terms no longer than a two-word compound, ending in a full-weight bigram:
 * the terms of each, in query order.
 */
function shortCompounds(direct: readonly QueryTerm[]): QueryTerm[][] {
  const compounds: QueryTerm[][] = [];
  let current: QueryTerm[] = [];
  const close = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (current.length > 1 && last.end - first.start <= COMPOUND_LENGTH && last.weight >= 1 && !last.key && last.term.length === 2) {
      compounds.push(current);
    }
    current = [];
  };
  for (const t of direct) {
    const previous = current[current.length - 1];
    if (!isCjkTerm(t.term) || t.start < 0) {
      close();
      continue;
    }
    if (previous && !(t.run === previous.run && t.start <= previous.end && t.start > previous.start)) close();
    current.push(t);
  }
  close();
  return compounds;
}

/** `weights` are the query's termWeights, passed in by a caller that needs them too (to cut excerpts). */
export function rankPassages(
  index: PassageIndex,
  query: AnalyzedQuery,
  options: RankingOptions = DEFAULT_RANKING,
  weights: ReadonlyMap<string, number> = termWeights(index, query),
): RankedPassage[] {
  if (query.terms.length === 0 || index.size === 0) return [];
  const { ids, slots, groups, bridgeOptions, single } = scoringPlan(index, query, options, weights);
  if (ids.length === 0 && !single) return [];
  const { k1, b, near: NEAR } = options;

  // A lone Han character cannot be looked up in a bigram index: scan for it instead.
  const candidates = single
    ? index.scan(query.terms[0].term, options.candidateLimit)
    : index.candidates(query.terms.map((t) => t.term), options.candidateLimit);

  const frequency = new Uint32Array(slots.length);
  const inHeading = new Uint8Array(slots.length);
  const lastSeen = new Int32Array(slots.length);
  const found = new Uint8Array(groups.length);
  const scored: Scored[] = [];
  const sequence = index.allTermSequences;
  markQueryTerms(index.termCount, ids);
  try {
    for (const id of candidates) {
      frequency.fill(0);
      inHeading.fill(0);
      let phrases = 0;
      let near = 0;
      lastSeen.fill(-NEAR);
      const from = index.sequenceStart(id);
      const to = index.sequenceEnd(id);
      for (let i = from; i < to; i++) {
        const slot = slotOfTerm[sequence[i]];
        if (slot < 0) continue;
        const afterId = slots[slot].afterId;
        if (afterId >= 0 && (i === from || sequence[i - 1] !== afterId)) continue;
        frequency[slot]++;
        const nextId = slots[slot].nextId;
        if (nextId >= 0 && i + 1 < to && sequence[i + 1] === nextId) phrases += slots[slotOfTerm[nextId]].idf;
        // Distinct query terms a few tokens apart talk about the same thing: the question's words
        // gathered in one sentence beat the same words scattered over a long paragraph.
        for (let other = 0; other < slots.length; other++) {
          if (other !== slot && i - lastSeen[other] < NEAR && slots[other].nextId !== sequence[i]) {
            near += Math.min(slots[slot].idf, slots[other].idf) / (i - lastSeen[other]);
          }
        }
        lastSeen[slot] = i;
      }
      let bm25 = 0;
      const lengthNorm = 1 - b + b * ((to - from) / (index.averageLength || 1));
      for (let slot = 0; slot < slots.length; slot++) {
        const tf = frequency[slot];
        if (tf > 0) bm25 += (slots[slot].idf * tf * (k1 + 1)) / (tf + k1 * lengthNorm);
      }
      // Query terms in the document title or headings: a smaller BM25, and half coverage where the text lacks them.
      let headingScore = 0;
      for (const termId of index.headingTerms(id)) {
        const slot = slotOfTerm[termId];
        if (slot < 0 || slots[slot].afterId >= 0) continue;
        headingScore += slots[slot].idf;
        inHeading[slot] = 1;
      }
      const credits = new Float64Array(groups.length);
      groups.forEach((group, g) => {
        let credit = 0;
        if (group.slot >= 0 && frequency[group.slot] > 0) {
          credit = 1;
          found[g] = 1;
        } else if (group.slot >= 0 && inHeading[group.slot]) credit = 0.5;
        for (const o of group.options) {
          const option = bridgeOptions[o];
          let matched = 0;
          for (let k = 0; k < option.slots.length; k++) if (frequency[option.slots[k]] > 0) matched += option.shares[k];
          if (matched > 0) credit = Math.max(credit, (option.weight * matched) / option.shareSum);
        }
        const unmet = group.requires === NEVER || (group.requires >= 0 && frequency[group.requires] === 0);
        credits[g] = unmet ? 0 : credit * group.creditFactor;
      });
      let bonus = options.phraseWeight * phrases + options.nearWeight * Math.log1p(near) + options.headingWeight * headingScore;
      if (query.answerKind === 'definition' && definesSubject(index.foldedText(id), query.subject)) bonus += options.definitionBonus;
      scored.push({ id, bm25, bonus, credits, length: to - from });
    }
  } finally {
    unmarkQueryTerms(ids);
  }
  // A glued number no candidate holds after its name (GPT-4 where the documents say GPT-3): a name they lack.
  groups.forEach((group, g) => {
    if (group.slot >= 0 && slots[group.slot].afterId >= 0 && !found[g]) group.share = group.absentShare;
  });
  const totalShare = groups.reduce((sum, g) => sum + g.share, 0);
  const ranked: RankedPassage[] = [];
  for (const candidate of scored) {
    let covered = 0;
    groups.forEach((group, g) => (covered += group.share * candidate.credits[g]));
    const coverage = single ? 1 : totalShare > 0 ? Math.min(1, covered / totalShare) : 0;
    if (coverage < options.minCoverage) continue;
    const score = single ? 1 / (1 + candidate.length / (index.averageLength || 1)) : candidate.bm25 * coverage + candidate.bonus;
    ranked.push({ id: candidate.id, score, coverage });
  }
  if (ranked.length === 0) return ranked;
  const bestCoverage = Math.max(...ranked.map((r) => r.coverage));
  return ranked
    .filter((r) => r.coverage >= bestCoverage * options.relativeCoverage)
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** The tokens of a passage's folded text that are query terms (or hold a one-character query). */
export function matchingTokens(folded: string, queryTerms: ReadonlySet<string>): Token[] {
  const matches = tokenizeMatching(folded, queryTerms);
  if (matches.length === 0 && queryTerms.size === 1) {
    const [term] = queryTerms;
    for (let at = folded.indexOf(term); at >= 0 && term.length > 0; at = folded.indexOf(term, at + term.length)) {
      matches.push({ term, start: at, end: at + term.length });
    }
  }
  return matches;
}

/** True when the text defines the subject: "大模型是指…", "Deep learning is a …". */
function definesSubject(folded: string, subject: string): boolean {
  if (subject.length < 2) return false;
  for (let at = folded.indexOf(subject); at >= 0; at = folded.indexOf(subject, at + 1)) {
    if (DEFINITION_CUE.test(folded.slice(at + subject.length, at + subject.length + 40))) return true;
  }
  return false;
}

