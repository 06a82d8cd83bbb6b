#!/usr/bin/env node
/**
 * Starts the CLI from the compiled build, dist/cli.js (`npm install` writes it through `prepare`;
 * `npm run build` refreshes it). Loading TypeScript through tsx costs about 0.2 s at every start,
 * and the CLI is spawned per query batch by other tools, so its start time is part of every
 * answer's latency. Nothing is written here at run time: the install folder may be read-only.
 *
 * In a working copy whose sources are newer than the build, it runs the sources through tsx
 * instead (a development install has it), so an edit is never answered by stale code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const built = join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

async function tsxRegistered() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch {
    return false;
  }
}

const stale = !existsSync(built) || statSync(built).mtimeMs < newestSource(join(root, 'src'));
if (stale && (await tsxRegistered())) {
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write('answer-desk: dist/ is missing: run `npm run build` (or `npm install`) first\n');
  process.exit(1);
}
