/**
 * A corpus big enough to be built on several threads, made from the seeds alone (tests must run
 * without ../shared): copies of the five seed documents, each copy's lines marked with its number
 * so that no two copies are the same text.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEEDS = join(import.meta.dirname, '../../seeds');

/** Writes `copies` copies of the seeds into dir/copy-NNN/ and returns how many files it wrote. */
export function writeSeedCopies(dir: string, copies: number): number {
  const seeds = readdirSync(SEEDS).filter((name) => /\.(md|txt)$/.test(name)).sort();
  for (let copy = 0; copy < copies; copy++) {
    const folder = join(dir, `copy-${String(copy).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (const name of seeds) {
      const text = readFileSync(join(SEEDS, name), 'utf8').replace(/^(?!#)(.+)$/gm, `$1（副本${copy}）`);
      writeFileSync(join(folder, name), text);
    }
  }
  return copies * seeds.length;
}
