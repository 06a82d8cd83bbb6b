/** Opens the answer desk for a CLI command, telling stderr what could not be served. */
import { AnswerDesk, openAnswerDesk } from '../desk/answerDesk.ts';
import { resolveCacheFolder, resolveSeedsFolder } from './seedsFolder.ts';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export async function openDeskForCli(seedsFlag: string | undefined, useCache = true): Promise<AnswerDesk> {
  const seedsDir = resolveSeedsFolder(seedsFlag);
  const cacheDir = useCache ? resolveCacheFolder() : undefined;
  const verbose = process.env.LOG_LEVEL === 'debug';
  const desk = await openAnswerDesk({
    seedsDir,
    cacheDir,
    log: (level, message) => {
      if (level === 'warn' || verbose) process.stderr.write(`answer-desk: ${message}\n`);
    },
  });
  for (const problem of desk.problems) process.stderr.write(`answer-desk: ${problem.path}: ${problem.reason}\n`);
  if (!desk.serving) throw new CliError(`answer-desk: nothing to serve from ${seedsDir}`, 2);
  return desk;
}
