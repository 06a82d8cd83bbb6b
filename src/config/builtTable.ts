/**
 * Tables the build writes to dist/ (scripts/build.mjs) from installed data packages, so the code
 * that needs one reads it instead of making it: every character's fold (src/text/foldTable.ts,
 * from opencc-js), CC-CEDICT's senses (src/search/dictionary.ts) and pinyin-pro's readings
 * (src/search/pinyinTable.ts). One rule for all three: when and whether the written table may be
 * read, and otherwise the table is made from the package, as the build made it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, PACKAGE_ROOT, RUNNING_FROM_SOURCE } from './install.ts';

/** The newest modification time of the TypeScript files under a folder. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * True when a built table may be read: always by the compiled program (the build wrote both);
 * from source only when the table is newer than every source file, the rule bin/answer-desk.mjs
 * uses to choose between dist/ and src/ (its loop too: that launcher must stay plain JavaScript), so
 * an edit to how a table is made is never served stale.
 */
function builtTableCurrent(path: string): boolean {
  if (!RUNNING_FROM_SOURCE) return true;
  try {
    return statSync(path).mtimeMs > newestSource(join(PACKAGE_ROOT, 'src'));
  } catch {
    return false;
  }
}

/**
 * The table dist/<file> holds, read by `read` from the file's bytes (it returns undefined for a
 * table made from another version of its package, and throws on what is not one), or, when that
 * file is missing, older than the sources or refused, the table `make` makes from the installed package.
 */
export function builtTable<T>(file: string, read: (bytes: Buffer) => T | undefined, make: () => T): T {
  const path = join(BUILD_DIR, file);
  if (builtTableCurrent(path)) {
    try {
      const built = read(readFileSync(path));
      if (built !== undefined) return built;
    } catch {
      // No table (a build from before it existed) or not one: made below.
    }
  }
  return make();
}
