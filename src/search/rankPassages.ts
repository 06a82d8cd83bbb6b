/**
 * Relevance: FlexSearch proposes candidates, this scores them.
 *
 * score = BM25 over the query terms (k1 = 0.9, b = 0.4)
 *       × how much of the query the passage covers (IDF-weighted)
 *       + a bonus for query terms found next to each other in query order (phrases)
 *       + a smaller BM25 on the document title and section headings.
 * Candidates covering too little of the query are dropped: an unrelated question then gets no
 * results instead of noise.
 */
import type { AnalyzedQuery } from './analyzeQuery.ts';
import type { PassageIndex } from './passageIndex.ts';
import { isCjkTerm, tokenize, type Token } from './tokenize.ts';

export interface RankedPassage {
  id: number;
  score: number;
  /** IDF-weighted share of the query's terms found in the passage, 0–1. */
  coverage: number;
  /** The passage's tokens that match a query term. */
  matches: Token[];
}

export interface RankingOptions {
  /** Candidates asked from FlexSearch. */
  candidateLimit: number;
  /** Minimum coverage for a passage to be a result at all. */
  minCoverage: number;
  /** Results must also cover at least this share of the best result's coverage. */
  relativeCoverage: number;
}

export const DEFAULT_RANKING: RankingOptions = { candidateLimit: 120, minCoverage: 0.3, relativeCoverage: 0.6 };

const K1 = 0.9;
const B = 0.4;
const PHRASE_WEIGHT = 0.35;
const HEADING_WEIGHT = 0.3;
/** A lone Han character left in a query is often a verb or particle (做, 用): it counts half. */
const UNIGRAM_SHARE = 0.5;
/** For "什么是X" / "X的定义": passages that define X (X是指…, X是一种…) come first. */
const DEFINITION_BONUS = 3;
const DEFINITION_CUE = /^\s*(?:[（(][^）)]{0,30}[）)])?\s*(?:是指|指的是|是一种|是一类|是一个|定义为|被定义为|is an?\b|are\b|refers to\b)/;

export function inverseDocumentFrequency(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function rankPassages(index: PassageIndex, query: AnalyzedQuery, options: RankingOptions = DEFAULT_RANKING): RankedPassage[] {
  const terms = query.terms.map((t) => t.term);
  if (terms.length === 0 || index.size === 0) return [];
  const weightOf = new Map(query.terms.map((t) => [t.term, t.weight]));
  const idf = new Map(
    terms.map((term) => [term, inverseDocumentFrequency(index.documentFrequencyOf(term), index.size) * weightOf.get(term)!]),
  );
  const share = (term: string): number => idf.get(term)! * (term.length === 1 && isCjkTerm(term) && terms.length > 1 ? UNIGRAM_SHARE : 1);
  const totalIdf = terms.reduce((sum, term) => sum + share(term), 0);
  const nextInQuery = new Map<string, string>();
  query.terms.forEach((t, i) => {
    const next = query.terms[i + 1];
    if (next && next.run === t.run) nextInQuery.set(t.term, next.term);
  });

  // A lone Han character cannot be looked up in a bigram index: scan for it instead.
  const single = terms.length === 1 && terms[0].length === 1 && isCjkTerm(terms[0]);
  const candidates = single ? index.scan(terms[0], options.candidateLimit) : index.candidates(terms, options.candidateLimit);

  const ranked: RankedPassage[] = [];
  for (const id of candidates) {
    const tokens = tokenize(index.foldedText(id));
    const frequency = new Map<string, number>();
    const matches: Token[] = [];
    let phrases = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!idf.has(token.term)) continue;
      matches.push(token);
      frequency.set(token.term, (frequency.get(token.term) ?? 0) + 1);
      const wanted = nextInQuery.get(token.term);
      if (wanted !== undefined && tokens[i + 1]?.term === wanted) phrases += idf.get(wanted)!;
    }
    if (single && matches.length === 0) {
      const at = index.foldedText(id).indexOf(terms[0]);
      if (at >= 0) {
        matches.push({ term: terms[0], start: at, end: at + 1 });
        frequency.set(terms[0], 1);
      }
    }
    let bm25 = 0;
    let covered = 0;
    const lengthNorm = 1 - B + B * (index.lengthOf(id) / (index.averageLength || 1));
    for (const [term, tf] of frequency) {
      const weight = idf.get(term)!;
      covered += share(term);
      bm25 += (weight * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
    }
    const headingScore = scoreHeading(index, id, idf);
    covered += headingScore.uncoveredIdf(frequency);
    const coverage = totalIdf > 0 ? Math.min(1, covered / totalIdf) : 0;
    if (coverage < options.minCoverage) continue;
    let score = bm25 * coverage + PHRASE_WEIGHT * phrases + HEADING_WEIGHT * headingScore.bm25;
    if (query.answerKind === 'definition' && definesSubject(index.foldedText(id), query.subject)) score += DEFINITION_BONUS;
    ranked.push({ id, score, coverage, matches });
  }
  if (ranked.length === 0) return ranked;
  const bestCoverage = Math.max(...ranked.map((r) => r.coverage));
  return ranked
    .filter((r) => r.coverage >= bestCoverage * options.relativeCoverage)
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** True when the text defines the subject: "大模型是指…", "Deep learning is a …". */
function definesSubject(folded: string, subject: string): boolean {
  if (subject.length < 2) return false;
  for (let at = folded.indexOf(subject); at >= 0; at = folded.indexOf(subject, at + 1)) {
    if (DEFINITION_CUE.test(folded.slice(at + subject.length, at + subject.length + 40))) return true;
  }
  return false;
}

/** Query terms found in the passage's document title or headings. */
function scoreHeading(index: PassageIndex, id: number, idf: Map<string, number>) {
  const heading = index.foldedHeading(id);
  const found = new Set<string>();
  let bm25 = 0;
  if (heading !== '') {
    for (const token of tokenize(heading)) {
      if (!idf.has(token.term) || found.has(token.term)) continue;
      found.add(token.term);
      bm25 += idf.get(token.term)!;
    }
  }
  return {
    bm25,
    /** Heading terms count toward coverage at half weight, and only where the text lacks them. */
    uncoveredIdf(inText: Map<string, number>): number {
      let extra = 0;
      for (const term of found) if (!inText.has(term)) extra += idf.get(term)! / 2;
      return extra;
    },
  };
}
