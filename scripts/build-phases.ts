/**
 * `npx tsx scripts/build-phases.ts [DIR]` (default: the mixed corpus): the CPU time (user + sys,
 * this process) of each phase of a cold build on one thread — importing the modules, listing,
 * reading, cleaning, tokenizing, the FlexSearch import — as one JSON line. Run it a few times,
 * alternating checkouts (`cd` into each): on a shared machine CPU time varies less than wall time.
 * Where the first answer's time goes across threads: docs/benchmarks.md, "Cold first answer".
 */
import { join } from 'node:path';
import { sharedFolder } from './benchmarkSets.ts';

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
const { tokenizePassages } = await import('../src/search/tokenizedPassages.ts');
const { PassageIndex } = await import('../src/search/passageIndex.ts');
mark('import');
const listing = await listDocuments(process.argv[2] ?? join(sharedFolder(), 'benchmarks', 'mixed', 'docs'));
mark('list');
const read = await readDocuments(listing.files);
mark('read');
const documents = cleanSources(read.documents, []);
mark('clean');
const entries = indexEntriesOf(documents);
const tokenized = tokenizePassages(entries);
mark('tokenize');
const index = PassageIndex.fromTokenized(entries, tokenized);
mark('index');
console.log(JSON.stringify({ ...phases, total: Math.round(cpuMs()), passages: index.size, tokens: tokenized.sequence.length, terms: tokenized.terms.length }));
