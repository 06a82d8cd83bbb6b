/**
 * The whole query path, in one place:
 *
 *   analyzeQuery (the question of a message, its terms) → bridgeQuery (Taiwan words, same-pinyin
 *   words, aliases) → rankPassages (FlexSearch candidates, BM25 × coverage) → cutExcerpt (the quote)
 *   → dedupe (no two results quote the same text).
 *
 * Its callers (the answer desk) only map the passages it returns to documents and lines.
 */
import { matchingKey } from '../corpus/nearDuplicates.ts';
import { analyzeQuery, nextInQuery } from './analyzeQuery.ts';
import { bridgeQuery } from './bridgeQuery.ts';
import { cutExcerpt, type Excerpt } from './cutExcerpt.ts';
import type { PassageIndex } from './passageIndex.ts';
import { matchingTokens, rankPassages, termWeights } from './rankPassages.ts';
import { DEFAULT_RANKING, type RankingOptions } from './rankingOptions.ts';
import { isCjkTerm } from './tokenize.ts';

/** What the query path needs of a passage besides the index: its text as quoted, and where a Q/A pair's answer starts. */
export interface QuotablePassage {
  text: string;
  answerOffset?: number;
}

export interface PassageHit {
  /** Passage id in the index. */
  id: number;
  score: number;
  excerpt: Excerpt;
}

export interface PassageAnswer {
  hits: PassageHit[];
  /** Passages that answer at all, before deduplication and paging. */
  total: number;
}

export interface PassageQuery {
  top: number;
  /** Distinct results to skip (for "More"). */
  offset: number;
}

export function searchPassages(
  index: PassageIndex,
  passages: readonly QuotablePassage[],
  text: string,
  page: PassageQuery,
  options: RankingOptions = DEFAULT_RANKING,
): PassageAnswer {
  const analyzed = bridgeQuery(analyzeQuery(text, options), index, options);
  const weights = termWeights(index, analyzed);
  const ranked = rankPassages(index, analyzed, options, weights);
  const queryTerms = new Set(weights.keys());
  const phrases = nextInQuery(analyzed);
  const hits: PassageHit[] = [];
  const quoted = new Set<string>();
  const cut = new Set<string>();
  let distinct = 0;
  for (const candidate of ranked) {
    if (hits.length >= page.top) break;
    const passage = passages[candidate.id];
    const topicTerms = index.termsInHeading(candidate.id, queryTerms);
    const folded = index.foldedText(candidate.id);
    // The same inputs cut the same excerpt, which the dedupe below would skip: thousands of
    // passages that read alike (a repeated export) are cut once, not once each.
    const inputs = cutInputsKey(passage, folded, topicTerms);
    if (cut.has(inputs)) continue;
    cut.add(inputs);
    const excerpt = cutExcerpt({
      text: passage.text,
      matches: matchingTokens(folded, queryTerms),
      weights,
      answerKind: analyzed.answerKind,
      answerOffset: passage.answerOffset,
      topicTerms,
      folded,
      queryCharacters: contentCharacters(analyzed.terms.map((t) => t.term), topicTerms),
      nextInQuery: phrases,
    });
    const key = matchingKey(excerpt.text);
    if (key === '' || quoted.has(key)) continue;
    quoted.add(key);
    distinct++;
    if (distinct <= page.offset) continue;
    hits.push({ id: candidate.id, score: candidate.score, excerpt });
  }
  return { hits, total: ranked.length };
}

/**
 * Everything of a passage that cutExcerpt reads for one question (the rest is the question's):
 * its text, its folded text (the matches), where its answer starts, and the query terms in its headings.
 */
function cutInputsKey(passage: QuotablePassage, folded: string, topicTerms: ReadonlySet<string>): string {
  return JSON.stringify([passage.text, folded, passage.answerOffset ?? null, [...topicTerms].sort()]);
}

/** The Han characters of the query's terms, leaving out those of topic terms. */
function contentCharacters(terms: readonly string[], topicTerms: ReadonlySet<string>): Set<string> {
  const topic = new Set([...topicTerms].flatMap((t) => [...t]));
  const characters = new Set<string>();
  for (const term of terms) {
    if (!isCjkTerm(term)) continue;
    for (const char of term) if (!topic.has(char)) characters.add(char);
  }
  return characters;
}
