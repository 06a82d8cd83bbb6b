#!/usr/bin/env node
/**
 * Starts the CLI from a JavaScript bundle of src/cli/main.ts, rebuilt only when a source file is
 * newer than it. Loading TypeScript through tsx costs about 0.2 s at every start; the CLI is spawned
 * per query batch by other tools, so its start time is part of every answer's latency.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'src', 'cli', 'main.ts');
const bundle = join(root, '.cache', 'build', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath ?? dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
if (stale) {
  const { build } = await import('esbuild');
  // Build beside the target and rename: two CLIs starting at once never run a half-written bundle.
  const temporary = `${bundle}.${process.pid}.tmp.mjs`;
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: temporary, logLevel: 'warning' });
  renameSync(temporary, bundle);
}
await import(pathToFileURL(bundle).href);
