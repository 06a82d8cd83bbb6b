/**
 * `npx tsx scripts/build-phases.ts [DIR] [--slices]` (default: the mixed corpus): the CPU time
 * (user + sys, this process) of each phase of a cold build on one thread — importing the modules,
 * listing, reading, cleaning, tokenizing, the FlexSearch import — as one JSON line. Run it a few
 * times, alternating checkouts (`cd` into each): on a shared machine CPU time varies less than wall
 * time. Where the first answer's time goes across threads: docs/benchmarks.md, "Cold first answer".
 *
 * With --slices, cleaning and tokenizing run the way one build thread runs them: slice after slice
 * of about 200 KB of files, each inside rememberingFolds (tokenizing finds most folds made by
 * cleaning), taken in turn by two tokenizers as two build threads take them, then the slices are
 * merged (a "merge" phase: the terms new to each thread looked up once, its ids mapped). Without
 * it the whole corpus is cleaned, then tokenized into one term table, folding every passage a
 * second time.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedFolder } from './benchmarkSets.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { slices: { type: 'boolean', default: false } } });
const SLICE_BYTES = 200_000;

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const phases: Record<string, number> = {};
let last = cpuMs();
const mark = (phase: string): void => {
  const now = cpuMs();
  phases[phase] = Math.round(now - last);
  last = now;
};

const { listDocuments, readDocuments } = await import('../src/corpus/loadDocuments.ts');
const { cleanSources, indexEntriesOf } = await import('../src/desk/buildInWorkers.ts');
const { tokenizePassages, SliceTokenizer, TokenizedMerger } = await import('../src/search/tokenizedPassages.ts');
const { rememberingFolds } = await import('../src/text/foldText.ts');
const { PassageIndex } = await import('../src/search/passageIndex.ts');
mark('import');
const listing = await listDocuments(positionals[0] ?? join(sharedFolder(), 'benchmarks', 'mixed', 'docs'));
mark('list');
const read = await readDocuments(listing.files);
mark('read');

type Source = (typeof read.documents)[number];
type Tokenized = ReturnType<typeof tokenizePassages>;

/** Cleans and tokenizes sources as one slice; the time of each goes to its phase. */
function cleanAndTokenize<T>(sources: readonly Source[], tokenize: (entries: ReturnType<typeof indexEntriesOf>) => T): { entries: ReturnType<typeof indexEntriesOf>; tokenized: T } {
  let at = cpuMs();
  const documents = cleanSources(sources, []);
  phases.clean = (phases.clean ?? 0) + cpuMs() - at;
  at = cpuMs();
  const entries = indexEntriesOf(documents);
  const tokenized = tokenize(entries);
  phases.tokenize = (phases.tokenize ?? 0) + cpuMs() - at;
  return { entries, tokenized };
}

let entries: ReturnType<typeof indexEntriesOf>;
let tokenized: Tokenized;
if (values.slices) {
  const groups: Source[][] = [[]];
  let bytes = 0;
  for (const source of read.documents) {
    groups[groups.length - 1].push(source);
    bytes += Buffer.byteLength(source.text);
    if (bytes >= SLICE_BYTES) {
      groups.push([]);
      bytes = 0;
    }
  }
  const expectedTerms = Math.min(1 << 21, listing.files.reduce((n, file) => n + file.size, 0) / 16);
  const merger = new TokenizedMerger(expectedTerms);
  // Slices taken in turn by two threads' tokenizers, as on two cores.
  const tokenizers = [new SliceTokenizer(expectedTerms), new SliceTokenizer(expectedTerms)];
  const slices = groups
    .filter((group) => group.length > 0)
    .map((group, i) => ({ from: tokenizers[i % 2], ...rememberingFolds(() => cleanAndTokenize(group, (entries) => tokenizers[i % 2].tokenize(entries))) }));
  phases.clean = Math.round(phases.clean ?? 0);
  phases.tokenize = Math.round(phases.tokenize ?? 0);
  last = cpuMs();
  for (const slice of slices) merger.add(slice.tokenized, slice.from);
  tokenized = merger.finish();
  entries = slices.flatMap((slice) => slice.entries);
  mark('merge');
} else {
  ({ entries, tokenized } = cleanAndTokenize(read.documents, tokenizePassages));
  phases.clean = Math.round(phases.clean ?? 0);
  phases.tokenize = Math.round(phases.tokenize ?? 0);
  last = cpuMs();
}
const index = PassageIndex.fromTokenized(entries, tokenized);
mark('index');
console.log(JSON.stringify({ ...phases, total: Math.round(cpuMs()), passages: index.size, tokens: tokenized.sequence.length, terms: tokenized.terms.length }));
