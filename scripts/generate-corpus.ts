/**
 * `npm run generate-corpus -- [--size 10MB] [--out DIR] [--seed N] [--force]`: a larger corpus for
 * scale benchmarks, built deterministically from the public QA documents in
 * ../shared/benchmarks/{cmrc2018,drcd,squad}/docs.
 *
 * Repeating the sources would flatter an index (its vocabulary would stop growing after the first
 * copy), so every generated document recombines sentences across source documents of one language,
 * perturbs numbers, and swaps names and rare words for synthesized ones. The synthesized terms come
 * from a Pitman–Yor process: most draws reuse a term already made (popular ones more often), a few
 * make a new one, and the number of distinct terms grows like n^discount — Heaps' law, the way real
 * vocabularies grow. The script prints the growth of distinct Han bigrams and English words.
 *
 * Sizes are UTF-8 bytes on disk (what `du` says of a folder of documents); the output folder holds
 * part-NNN/NNNNNN.md files in the benchmark format (`# title`, blank line, paragraphs) and a
 * manifest, corpus.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { BENCH_OUT, sharedFolder } from './benchmarkSets.ts';

/** Bump when the output for a given seed and size changes, so that a stale corpus is rebuilt. */
const GENERATOR_VERSION = 1;
const MANIFEST = 'corpus.json';
const DOCUMENTS_PER_FOLDER = 1000;

export type SourceLanguage = 'hans' | 'hant' | 'en';

export interface SourceDocument {
  language: SourceLanguage;
  title: string;
  paragraphs: string[];
}

/** Where each source language comes from. */
const SOURCE_SETS: ReadonlyArray<{ set: string; language: SourceLanguage }> = [
  { set: 'cmrc2018', language: 'hans' },
  { set: 'drcd', language: 'hant' },
  { set: 'squad', language: 'en' },
];

/**
 * How often each change applies. With these, distinct Han bigrams and English words grow with
 * exponents near 0.4–0.5 from 10 to 100 MB, as in real text (the script prints the fit).
 */
const KEEP_TEMPLATE_SENTENCE = 0.5;
const PERTURB_NUMBER = 0.5;
const REPLACE_ENGLISH_NAME = 0.5;
const REPLACE_ENGLISH_RARE_WORD = 0.15;
const REPLACE_HAN_WORD = 0.6;
const NEW_TITLE = 0.5;
const HEADING_BEFORE_PARAGRAPH = 0.2;

/** Pitman–Yor parameters: discount sets the Heaps exponent, concentration how many terms come early. */
const PY_DISCOUNT = 0.75;
const PY_CONCENTRATION = 100;

/** mulberry32: small, fast and good enough for text; the same seed gives the same corpus everywhere. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Pitman–Yor "restaurant" of synthesized terms. Draw n terms: about n^discount are distinct, and a
 * term's chance to be drawn again grows with how often it was drawn — like names in real text.
 */
export class PitmanYorLexicon {
  private readonly terms: string[] = [];
  private readonly counts: number[] = [];
  /** One entry per draw, naming the term drawn: picking an entry uniformly picks a term ∝ its count. */
  private readonly draws: number[] = [];

  constructor(
    private readonly random: () => number,
    private readonly makeTerm: () => string,
    private readonly discount = PY_DISCOUNT,
    private readonly concentration = PY_CONCENTRATION,
  ) {}

  get distinct(): number {
    return this.terms.length;
  }

  draw(): string {
    const n = this.draws.length;
    const newTable = (this.concentration + this.discount * this.terms.length) / (this.concentration + n);
    let index: number;
    if (n === 0 || this.random() < newTable) {
      index = this.terms.length;
      this.terms.push(this.makeTerm());
      this.counts.push(0);
    } else {
      // Existing terms are weighted by count − discount: pick ∝ count, accept with (count − d) / count.
      do index = this.draws[Math.floor(this.random() * n)];
      while (this.random() >= (this.counts[index] - this.discount) / this.counts[index]);
    }
    this.counts[index]++;
    this.draws.push(index);
    return this.terms[index];
  }
}

const HAN = /[\u3400-\u9fff]/;
const HAN_RUNS = /[\u3400-\u9fff]{4,}/g;

export function splitSentences(text: string, language: SourceLanguage): string[] {
  const pattern = language === 'en' ? /[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g : /[^。！？]+(?:[。！？]+[」』”）]*|$)/g;
  return (text.match(pattern) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

export function parseSourceDocument(text: string, language: SourceLanguage): SourceDocument {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b !== '');
  const heading = blocks[0]?.startsWith('# ') ? blocks.shift()! : '# untitled';
  return { language, title: heading.slice(2).trim(), paragraphs: blocks.filter((b) => !b.startsWith('#')) };
}

interface LanguagePool {
  sentences: string[];
  /** Synthesized names (titles, capitalized English words) and words (rare English words, Han words). */
  names: PitmanYorLexicon;
  words: PitmanYorLexicon;
}

/** Counts distinct Han bigrams and English words as text is produced, for the Heaps' law report. */
export class VocabularyGrowth {
  readonly bigrams = new Set<number>();
  readonly words = new Set<string>();
  bigramTokens = 0;
  wordTokens = 0;

  add(text: string): void {
    let previous = -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const isHan = code >= 0x3400 && code <= 0x9fff;
      if (isHan && previous >= 0) {
        this.bigrams.add(previous * 0x10000 + code);
        this.bigramTokens++;
      }
      previous = isHan ? code : -1;
    }
    for (const word of text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []) {
      this.words.add(word);
      this.wordTokens++;
    }
  }
}

export interface GrowthCheckpoint {
  bytes: number;
  bigramTokens: number;
  distinctBigrams: number;
  wordTokens: number;
  distinctWords: number;
}

export interface GenerateOptions {
  sources: readonly SourceDocument[];
  targetBytes: number;
  seed: number;
  /** Receives each document: its number (0-based) and text. */
  writeDocument: (index: number, text: string) => void;
  /** How many growth checkpoints to record along the way. */
  checkpoints?: number;
}

export interface GenerateResult {
  documents: number;
  bytes: number;
  characters: number;
  growth: GrowthCheckpoint[];
  synthesizedTerms: Record<SourceLanguage, number>;
}

export function generateCorpus(options: GenerateOptions): GenerateResult {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const pools = buildPools(options.sources, random);
  // Templates are picked uniformly: then each language's share of the output bytes is its share of the sources'.
  const pickTemplate = (): SourceDocument => pick(options.sources);

  const perturb = (sentence: string, pool: LanguagePool, language: SourceLanguage): string => {
    let text = sentence.replace(/\d+/g, (digits) => (random() < PERTURB_NUMBER ? perturbNumber(digits, random) : digits));
    if (language === 'en') {
      text = text.replace(/(?<=[a-z,;] )[A-Z][a-z]{2,}/g, (name) => (random() < REPLACE_ENGLISH_NAME ? pool.names.draw() : name));
      text = text.replace(/\b[a-z]{8,}\b/g, (word) => (random() < REPLACE_ENGLISH_RARE_WORD ? pool.words.draw() : word));
      return text;
    }
    // Up to two words a sentence: Chinese has no capitals to find names by, so any span may become one.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (random() >= REPLACE_HAN_WORD) continue;
      const runs = [...text.matchAll(HAN_RUNS)];
      if (runs.length > 0) {
        const run = pick(runs);
        const length = 2 + Math.floor(random() * 2);
        const at = run.index + Math.floor(random() * (run[0].length - length + 1));
        text = text.slice(0, at) + pool.words.draw() + text.slice(at + length);
      }
    }
    return text;
  };

  const growth = new VocabularyGrowth();
  const checkpointEvery = options.targetBytes / (options.checkpoints ?? 20);
  const checkpoints: GrowthCheckpoint[] = [];
  let bytes = 0;
  let characters = 0;
  let documents = 0;
  while (bytes < options.targetBytes) {
    const template = pickTemplate();
    const { language } = template;
    const pool = pools[language];
    const joiner = language === 'en' ? ' ' : '';
    const used = new Set<string>();
    const title = random() < NEW_TITLE ? pool.names.draw() : perturb(template.title, pool, language);
    const blocks = [`# ${title}`];
    for (const [p, paragraph] of template.paragraphs.entries()) {
      if (p > 0 && template.paragraphs.length >= 3 && random() < HEADING_BEFORE_PARAGRAPH) {
        blocks.push(`## ${headingFrom(pick(pool.sentences), language)}`);
      }
      const sentences = splitSentences(paragraph, language).map((own) => {
        let sentence = own;
        // Another document's sentence, never one this document already holds (the cleaner would drop it).
        if (random() >= KEEP_TEMPLATE_SENTENCE) {
          for (let attempt = 0; attempt < 4 && (sentence === own || used.has(sentence)); attempt++) sentence = pick(pool.sentences);
        }
        used.add(sentence);
        return perturb(sentence, pool, language);
      });
      if (sentences.length > 0) blocks.push(sentences.join(joiner));
    }
    const text = `${blocks.join('\n\n')}\n`;
    options.writeDocument(documents++, text);
    growth.add(text);
    bytes += Buffer.byteLength(text);
    characters += text.length;
    while (checkpoints.length < Math.floor(bytes / checkpointEvery)) {
      checkpoints.push({
        bytes,
        bigramTokens: growth.bigramTokens,
        distinctBigrams: growth.bigrams.size,
        wordTokens: growth.wordTokens,
        distinctWords: growth.words.size,
      });
    }
  }
  return {
    documents,
    bytes,
    characters,
    growth: checkpoints,
    synthesizedTerms: {
      hans: pools.hans.names.distinct + pools.hans.words.distinct,
      hant: pools.hant.names.distinct + pools.hant.words.distinct,
      en: pools.en.names.distinct + pools.en.words.distinct,
    },
  };
}

function buildPools(sources: readonly SourceDocument[], random: () => number): Record<SourceLanguage, LanguagePool> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const make = (language: SourceLanguage): LanguagePool => {
    const texts = sources.filter((s) => s.language === language).flatMap((s) => [s.title, ...s.paragraphs]);
    const sentences = texts.flatMap((t) => splitSentences(t, language));
    // Every Han character in order: a uniform pick from it is a pick by frequency.
    const hanCharacters = texts.join('').replace(/[^\u3400-\u9fff]/g, '');
    const words = texts.join(' ').toLowerCase().match(/[a-z]{3,}/g) ?? [];
    // Syllable-like pieces (onset + vowels), repeated as often as they occur, for synthesized words.
    const syllables = words.flatMap((w) => w.match(/[^aeiouy]*[aeiouy]+/g) ?? []);
    const codas = words.map((w) => /[^aeiouy]+$/.exec(w)?.[0] ?? '').filter((c) => c.length <= 2);
    const sentencePool = sentences.length > 0 ? sentences : ['…'];
    const characterPool = hanCharacters || '文';
    const syllablePool = syllables.length > 0 ? syllables : ['ka', 'lo', 'mi'];
    const codaPool = codas.length > 0 ? codas : [''];
    const englishWord = (): string => {
      const count = 2 + Math.floor(random() * 2);
      let word = '';
      for (let i = 0; i < count; i++) word += pick(syllablePool);
      return word + pick(codaPool);
    };
    const hanWord = (): string => {
      const length = 2 + Math.floor(random() * 2);
      let word = '';
      for (let i = 0; i < length; i++) word += characterPool[Math.floor(random() * characterPool.length)];
      return word;
    };
    const pool: LanguagePool = {
      sentences: sentencePool,
      names: new PitmanYorLexicon(random, language === 'en' ? () => capitalize(englishWord()) : hanWord),
      words: new PitmanYorLexicon(random, language === 'en' ? englishWord : hanWord),
    };
    return pool;
  };
  return { hans: make('hans'), hant: make('hant'), en: make('en') };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Same number of digits; four-digit years keep their century so they still read as years. */
function perturbNumber(digits: string, random: () => number): string {
  const keep = digits.length === 4 && /^(1[5-9]|20)/.test(digits) ? 2 : 0;
  let out = digits.slice(0, keep);
  for (let i = keep; i < digits.length; i++) {
    const lowest = i === 0 && digits.length > 1 ? 1 : 0;
    out += String(lowest + Math.floor(random() * (10 - lowest)));
  }
  return out;
}

/** A heading taken from the start of a sentence: a clause, at most 5 words or 12 characters. */
function headingFrom(sentence: string, language: SourceLanguage): string {
  if (language === 'en') return sentence.split(/\s+/).slice(0, 5).join(' ').replace(/[,.;:!?]+$/, '');
  const clause = sentence.split(/[，。；：！？、]/)[0];
  return HAN.test(clause) ? Array.from(clause).slice(0, 12).join('') : Array.from(sentence).slice(0, 12).join('');
}

/** Least-squares slope of log(distinct) over log(tokens): the Heaps exponent β of distinct ≈ K·tokens^β. */
export function heapsExponent(points: ReadonlyArray<{ tokens: number; distinct: number }>): number | null {
  const usable = points.filter((p) => p.tokens > 0 && p.distinct > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.tokens));
  const ys = usable.map((p) => Math.log(p.distinct));
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += (xs[i] - mx) * (ys[i] - my);
    variance += (xs[i] - mx) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) throw new Error(`--size takes a size like 10MB or 500kB, not "${text}"`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit === 'gb' ? 1e9 : unit === 'mb' ? 1e6 : unit === 'kb' ? 1e3 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** The source documents, or the sets that are missing. */
export function readSources(): { sources: SourceDocument[]; missing: string[] } {
  const sources: SourceDocument[] = [];
  const missing: string[] = [];
  for (const { set, language } of SOURCE_SETS) {
    const docs = resolve(sharedFolder(), 'benchmarks', set, 'docs');
    if (!existsSync(docs)) {
      missing.push(docs);
      continue;
    }
    for (const name of readdirSync(docs).filter((n) => n.endsWith('.md')).sort()) {
      sources.push(parseSourceDocument(readFileSync(join(docs, name), 'utf8'), language));
    }
  }
  return { sources, missing };
}

export interface CorpusManifest {
  generatorVersion: number;
  seed: number;
  targetBytes: number;
  result: GenerateResult;
}

/** Generates the corpus into `out` unless a manifest there says it already holds this one. */
export function ensureCorpus(out: string, targetBytes: number, seed: number, force = false): CorpusManifest | undefined {
  const manifestPath = join(out, MANIFEST);
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (manifest.generatorVersion === GENERATOR_VERSION && manifest.seed === seed && manifest.targetBytes === targetBytes) return manifest;
  }
  const { sources, missing } = readSources();
  if (missing.length > 0) {
    process.stderr.write(`generate-corpus: source documents missing (${missing.join(', ')}); nothing generated\n`);
    return undefined;
  }
  if (existsSync(out)) {
    const entries = readdirSync(out);
    // Only ever wipe a folder this script made: it has a manifest, or nothing at all.
    if (entries.length > 0 && !entries.includes(MANIFEST)) throw new Error(`${out} is not empty and was not made by generate-corpus; choose another --out`);
    rmSync(out, { recursive: true, force: true });
  }
  const result = generateCorpus({
    sources,
    targetBytes,
    seed,
    writeDocument: (index, text) => {
      const folder = join(out, `part-${String(Math.floor(index / DOCUMENTS_PER_FOLDER)).padStart(3, '0')}`);
      if (index % DOCUMENTS_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${String(index).padStart(6, '0')}.md`), text);
    },
  });
  const manifest: CorpusManifest = { generatorVersion: GENERATOR_VERSION, seed, targetBytes, result };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function formatGrowth(result: GenerateResult): string {
  const lines = [
    '      MB   Han bigrams   distinct   English words   distinct',
    ...result.growth.map(
      (g) =>
        `${(g.bytes / 1e6).toFixed(1).padStart(8)}  ${String(g.bigramTokens).padStart(12)}  ${String(g.distinctBigrams).padStart(9)}  ${String(g.wordTokens).padStart(14)}  ${String(g.distinctWords).padStart(9)}`,
    ),
  ];
  const bigramBeta = heapsExponent(result.growth.map((g) => ({ tokens: g.bigramTokens, distinct: g.distinctBigrams })));
  const wordBeta = heapsExponent(result.growth.map((g) => ({ tokens: g.wordTokens, distinct: g.distinctWords })));
  lines.push(
    `Heaps exponent β (distinct ≈ K·tokens^β, fitted over the checkpoints): Han bigrams ${bigramBeta?.toFixed(2) ?? 'n/a'}, English words ${wordBeta?.toFixed(2) ?? 'n/a'}`,
    `synthesized terms: ${Object.entries(result.synthesizedTerms).map(([language, n]) => `${language} ${n}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10MB' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      force: { type: 'boolean', default: false },
    },
  });
  const targetBytes = parseSize(values.size);
  const out = resolve(values.out ?? join(BENCH_OUT, `corpus-${values.size.toLowerCase()}`));
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed takes a whole number, not "${values.seed}"`);
  const started = performance.now();
  const manifest = ensureCorpus(out, targetBytes, seed, values.force);
  if (!manifest) {
    process.exitCode = 1;
    return;
  }
  const { result } = manifest;
  process.stdout.write(
    `${out}: ${result.documents} documents, ${(result.bytes / 1e6).toFixed(1)} MB, ${(result.characters / 1e6).toFixed(1)} M characters (seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n${formatGrowth(result)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate-corpus: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
