/**
 * What "this program" is, for cache keys: everything besides the documents that decides what a
 * snapshot holds, stated explicitly rather than guessed from source text —
 *
 * - SNAPSHOT_FORMAT: bump it when a change to the snapshot files, or to what loading, cleaning,
 *   tokenizing or indexing produce, makes older snapshots wrong. A comment-only edit does not;
 * - the index configuration (INDEX_CONFIG_VERSION: tokenizer and FlexSearch settings);
 * - the installed version of every package that shapes tokens or the index, read at run time
 *   from each package's own package.json, so upgrading one invalidates the snapshots it built;
 * - the Unicode version of the running Node: folding applies its NFKC and lower case to every
 *   character (src/text/foldTable.ts), so a Node with newer Unicode tables may fold some differently.
 */
import { installedVersion } from '../config/install.ts';
import { INDEX_CONFIG_VERSION } from '../search/passageIndex.ts';

/** Bump when snapshots written before the change would be read wrongly or hold what is no longer produced. */
export const SNAPSHOT_FORMAT = 4;

/** Packages whose version shapes tokens or the index. Adding a dependency that does is one line here. */
export const SHAPING_PACKAGES: readonly string[] = [
  'flexsearch', // the index itself and its export format
  'opencc-js', // Traditional → Simplified folding of every term
  'stemmer', // English terms
];

/** What a snapshot's key holds besides the documents. */
export interface ProgramShape {
  format: number;
  index: string;
  /** Package name → installed version ('not installed' when it cannot be found). */
  packages: Record<string, string>;
  /** process.versions.unicode (absent from manifests written before it was a key part). */
  unicode?: string;
}

let installed: ProgramShape | undefined;

/** This program's shape, as installed (computed once per process). */
export function programShape(): ProgramShape {
  installed ??= {
    format: SNAPSHOT_FORMAT,
    index: INDEX_CONFIG_VERSION,
    packages: Object.fromEntries(SHAPING_PACKAGES.map((name) => [name, installedVersion(name)])),
    unicode: process.versions.unicode,
  };
  return installed;
}

/** What differs between the shape a snapshot was built with and this one, in words; empty when nothing does. */
export function shapeChanges(before: ProgramShape, now: ProgramShape): string[] {
  const changes: string[] = [];
  if (before.format !== now.format) changes.push(`snapshot format ${before.format} → ${now.format}`);
  if (before.index !== now.index) changes.push(`index configuration ${before.index} → ${now.index}`);
  if (before.unicode !== now.unicode) changes.push(`Unicode ${before.unicode ?? '(not a key part)'} → ${now.unicode ?? '(not a key part)'}`);
  for (const name of new Set([...Object.keys(before.packages), ...Object.keys(now.packages)])) {
    const was = before.packages[name] ?? 'not a key part';
    const is = now.packages[name] ?? 'not a key part';
    if (was !== is) changes.push(`${name} ${was} → ${is}`);
  }
  return changes;
}
