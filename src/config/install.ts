/**
 * Where the program is installed and how it runs: from source (tsx, vitest) or from the compiled
 * build in dist/ (`npm start`). Code that loads modules at run time (command modules, worker
 * threads) asks here, so one rule decides between src/…/*.ts and dist/…/*.js.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this module is the TypeScript source, false inside the dist/ bundle. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The folder holding package.json (from src/config/ and from any file of dist/ alike). */
export const PACKAGE_ROOT = findPackageRoot();

/** The compiled build: what `npm run build` (and `npm install`, through `prepare`) writes. */
export const BUILD_DIR = join(PACKAGE_ROOT, 'dist');

/**
 * A module that is its own entry point in the build (a worker, a command module): the source file
 * when running from source, else its compiled twin, dist/<builtName>.js.
 */
export function entryModule(sourcePath: string, builtName: string): URL {
  return pathToFileURL(RUNNING_FROM_SOURCE ? join(PACKAGE_ROOT, sourcePath) : join(BUILD_DIR, `${builtName}.js`));
}

/**
 * Starts a worker thread on an entry module (see entryModule). From source, the worker first
 * registers tsx itself: on Node 20 a worker's entry module is resolved before loaders given in
 * execArgv apply, so `--import tsx` alone cannot load a .ts entry.
 */
export function startWorker(sourcePath: string, builtName: string, options: WorkerOptions = {}): Worker {
  const entry = entryModule(sourcePath, builtName);
  if (!RUNNING_FROM_SOURCE) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * The installed version of a package, from its own package.json, found the way Node resolves a
 * bare import: in node_modules of this module's folder and of every folder above it. (Resolving
 * `<name>/package.json` is refused by packages with an `exports` map, such as flexsearch.)
 */
export function installedVersion(name: string, from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
        return typeof pkg.version === 'string' ? pkg.version : 'unknown version';
      } catch {
        return 'unreadable package.json';
      }
    }
    if (dirname(dir) === dir) return 'not installed';
  }
}
