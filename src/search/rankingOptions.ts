/**
 * Every knob of the query path, with its default, in one place. A desk (or a benchmark) passes a
 * partial object; what it leaves out comes from DEFAULT_RANKING.
 */
export interface RankingOptions {
  /** Weight of a query bigram that joins a dictionary word to its neighbour (由中 in 由中华民国). */
  straddlingWeight: number;
  /** Weight of the words of "除了X还…" (X): what the asker already knows. */
  setAsideWeight: number;
  /** Candidates asked from FlexSearch. */
  candidateLimit: number;
  /** Minimum coverage for a passage to be a result at all. */
  minCoverage: number;
  /** Results must also cover at least this share of the best result's coverage. */
  relativeCoverage: number;
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** Bonus per query term found right after the one before it in the query (a phrase), times its IDF. */
  phraseWeight: number;
  /** Weight of the smaller BM25 on the document title and headings. */
  headingWeight: number;
  /** Query terms within this many tokens of each other count as near. */
  near: number;
  nearWeight: number;
  /** A lone Han character left in a query is often a verb or particle (做, 用): it counts this much. */
  unigramShare: number;
  /** For "什么是X" / "X的定义": passages that define X (X是指…, X是一种…) get this bonus. */
  definitionBonus: number;
  /**
   * Share of the query an ordinary word no document holds keeps (a Chinese bigram, a lower-case
   * English word): chat wording must not sink a question whose other words match, yet the word
   * still counts, so a question about something else finds nothing.
   */
  absentWordShare: number;
  /** The same for a name, acronym or number no document holds (RLHF, GPT-4): the documents do not answer. */
  absentKeyShare: number;
  /** Credit of the other words of a compound whose head no document holds (知识 of 知识蒸馏). */
  missingHeadCredit: number;
  /** Weight of a bridged term against a direct match (1): each bridge is a guess of a different strength. */
  bridgeWeights: { variant: number; homophone: number; alias: number; dictionary: number; translation: number };
  /** At most this many same-pinyin words stand in for one word the documents lack. */
  maxHomophones: number;
  /** At most this many words sharing a dictionary sense (CC-CEDICT) stand in for one word the documents lack. */
  maxSynonyms: number;
  /** ... and only those scoring at least this share of the best one (see bridgeSynonyms). */
  synonymRelativeScore: number;
  /** At most this many Chinese words stand in for one English word (or phrase) of a question over Chinese documents. */
  maxTranslations: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  straddlingWeight: 0.3,
  setAsideWeight: 0.1,
  candidateLimit: 120,
  minCoverage: 0.25,
  relativeCoverage: 0.4,
  k1: 0.9,
  b: 0.4,
  phraseWeight: 0.35,
  headingWeight: 0.3,
  near: 8,
  nearWeight: 1,
  unigramShare: 0.5,
  definitionBonus: 3,
  absentWordShare: 0.35,
  absentKeyShare: 1,
  missingHeadCredit: 0.25,
  bridgeWeights: { variant: 0.85, homophone: 0.7, alias: 0.75, dictionary: 0.55, translation: 0.6 },
  maxHomophones: 3,
  maxSynonyms: 3,
  synonymRelativeScore: 0.25,
  maxTranslations: 3,
};

/** Options with every field filled in from the defaults. */
export function rankingOptions(options: Partial<RankingOptions> = {}): RankingOptions {
  return { ...DEFAULT_RANKING, ...options, bridgeWeights: { ...DEFAULT_RANKING.bridgeWeights, ...options.bridgeWeights } };
}
