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
import { nextInQuery, type AnalyzedQuery } from './analyzeQuery.ts';
import type { PassageIndex } from './passageIndex.ts';
import { isCjkTerm, tokenizeMatching, type Token } from './tokenize.ts';

export interface RankedPassage {
  id: number;
  score: number;
  /** IDF-weighted share of the query's terms found in the passage, 0–1. */
  coverage: number;
}

export interface RankingOptions {
  /** Candidates asked from FlexSearch. */
  candidateLimit: number;
  /** Minimum coverage for a passage to be a result at all. */
  minCoverage: number;
  /** Results must also cover at least this share of the best result's coverage. */
  relativeCoverage: number;
}

export const DEFAULT_RANKING: RankingOptions = { candidateLimit: 120, minCoverage: 0.25, relativeCoverage: 0.4 };

const K1 = 0.9;
const B = 0.4;
const PHRASE_WEIGHT = 0.35;
const HEADING_WEIGHT = 0.3;
/** Query terms within this many tokens of each other count as near. */
const NEAR = 8;
const NEAR_WEIGHT = 1;
/** A lone Han character left in a query is often a verb or particle (做, 用): it counts half. */
const UNIGRAM_SHARE = 0.5;
/** For "什么是X" / "X的定义": passages that define X (X是指…, X是一种…) come first. */
const DEFINITION_BONUS = 3;
const DEFINITION_CUE = /^\s*(?:[（(][^）)]{0,30}[）)])?\s*(?:是指|指的是|是一种|是一类|是一个|定义为|被定义为|is an?\b|are\b|refers to\b)/;

export function inverseDocumentFrequency(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Each query term's weight: its IDF in this index times its weight in the query. */
export function termWeights(index: PassageIndex, query: AnalyzedQuery): Map<string, number> {
  return new Map(query.terms.map((t) => [t.term, t.weight * inverseDocumentFrequency(index.documentFrequencyOf(t.term), index.size)]));
}

/** What ranking needs to know about one query term. */
interface ScoredTerm {
  idf: number;
  /** Its part of the query's total, for coverage. */
  share: number;
  /** Id of the term that follows it in the query, when adjacent: a phrase. */
  nextId: number;
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

export function rankPassages(index: PassageIndex, query: AnalyzedQuery, options: RankingOptions = DEFAULT_RANKING): RankedPassage[] {
  const terms = query.terms.map((t) => t.term);
  if (terms.length === 0 || index.size === 0) return [];
  const many = terms.length > 1;
  const weights = termWeights(index, query);
  const next = nextInQuery(query);
  const scored = new Map<number, ScoredTerm>();
  let totalShare = 0;
  for (const term of terms) {
    const idf = weights.get(term)!;
    const share = idf * (term.length === 1 && isCjkTerm(term) && many ? UNIGRAM_SHARE : 1);
    totalShare += share;
    const id = index.termId(term);
    const following = next.get(term);
    const nextId = following === undefined ? -1 : (index.termId(following) ?? -1);
    if (id !== undefined) scored.set(id, { idf, share, nextId });
  }

  // A lone Han character cannot be looked up in a bigram index: scan for it instead.
  const single = terms.length === 1 && terms[0].length === 1 && isCjkTerm(terms[0]);
  const candidates = single ? index.scan(terms[0], options.candidateLimit) : index.candidates(terms, options.candidateLimit);

  const ids = [...scored.keys()];
  const slots = [...scored.values()];
  const frequency = new Uint32Array(slots.length);
  const lastSeen = new Int32Array(slots.length);
  const ranked: RankedPassage[] = [];
  const sequence = index.allTermSequences;
  markQueryTerms(index.termCount, ids);
  try {
    for (const id of candidates) {
      frequency.fill(0);
      let phrases = 0;
      let near = 0;
      lastSeen.fill(-NEAR);
      const from = index.sequenceStart(id);
      const to = index.sequenceEnd(id);
      for (let i = from; i < to; i++) {
        const slot = slotOfTerm[sequence[i]];
        if (slot < 0) continue;
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
      let covered = 0;
      const lengthNorm = 1 - B + B * ((to - from) / (index.averageLength || 1));
      for (let slot = 0; slot < slots.length; slot++) {
        const tf = frequency[slot];
        if (tf === 0) continue;
        covered += slots[slot].share;
        bm25 += (slots[slot].idf * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
      }
      // Query terms in the document title or headings: a smaller BM25, and half coverage where the text lacks them.
      let headingScore = 0;
      for (const termId of index.headingTerms(id)) {
        const slot = slotOfTerm[termId];
        if (slot < 0) continue;
        headingScore += slots[slot].idf;
        if (frequency[slot] === 0) covered += slots[slot].share / 2;
      }
      if (single) covered = totalShare;
      const coverage = totalShare > 0 ? Math.min(1, covered / totalShare) : 0;
      if (coverage < options.minCoverage) continue;
      let score = bm25 * coverage + PHRASE_WEIGHT * phrases + NEAR_WEIGHT * Math.log1p(near) + HEADING_WEIGHT * headingScore;
      if (single) score = 1 / (1 + (to - from) / (index.averageLength || 1));
      if (query.answerKind === 'definition' && definesSubject(index.foldedText(id), query.subject)) score += DEFINITION_BONUS;
      ranked.push({ id, score, coverage });
    }
  } finally {
    unmarkQueryTerms(ids);
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

