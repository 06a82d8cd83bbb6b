/**
 * What "this program" is, for cache keys: the package version plus a hash of the source of the
 * modules that decide what a snapshot holds (loading, cleaning, tokenizing, indexing). A change to
 * any of them, even without a version bump, makes every older snapshot stale.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHAPING_FOLDERS = ['corpus', 'text', 'search', 'desk'];

/** The package root: the nearest folder above this module with a package.json (works from src/ and from a bundle). */
function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

let fingerprint: Promise<string> | undefined;

async function compute(): Promise<string> {
  const hash = createHash('sha256');
  const root = packageRoot();
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: string };
  hash.update(`version ${pkg.version ?? '0'}\0`);
  for (const folder of SHAPING_FOLDERS) {
    const dir = join(root, 'src', folder);
    const names = (await readdir(dir)).filter((name) => /\.[cm]?[jt]s$/.test(name)).sort();
    for (const name of names) hash.update(`${folder}/${name}\0${await readFile(join(dir, name), 'utf8')}\0`);
  }
  return hash.digest('hex');
}

export function programFingerprint(): Promise<string> {
  fingerprint ??= compute();
  return fingerprint;
}
