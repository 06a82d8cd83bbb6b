/** Runs src/main.ts (or another entry) in a child process with a clean environment and a bounded life. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
export const MAIN = join(ROOT, 'src/main.ts');
export const DEPLOY = join(ROOT, 'scripts/deploy-commands.ts');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  finished: Promise<Finished>;
}

/**
 * Starts entry with only the given variables, run from `cwd` (by default an empty folder, so no
 * .env is read).
 */
export function spawnEntry(entry: string, args: string[], env: Record<string, string>, stdin?: string, timeoutMs = 30_000, cwd?: string): Spawned {
  const child = spawn(process.execPath, ['--import', TSX, entry, ...args], {
    cwd: cwd ?? mkdtempSync(join(tmpdir(), 'answer-desk-run-')),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (stdin !== undefined) child.stdin?.end(stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, finished };
}
