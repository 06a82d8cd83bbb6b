/** Opens the answer desk for a CLI command, telling stderr what could not be served. */
import { AnswerDesk, openAnswerDesk } from '../desk/answerDesk.ts';
import { visibleLine } from '../text/visibleText.ts';
import { resolveCacheFolder, resolveDocumentLoading, resolveSeedsFolder } from './seedsFolder.ts';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export async function openDeskForCli(seedsFlag: string | undefined, useCache = true): Promise<AnswerDesk> {
  const seedsDir = resolveSeedsFolder(seedsFlag);
  const cacheDir = useCache ? resolveCacheFolder() : undefined;
  const { loading, problems } = resolveDocumentLoading();
  if (problems.length > 0) throw new CliError(`answer-desk: configuration problem: ${problems.join('; ')}`);
  const verbose = process.env.LOG_LEVEL === 'debug';
  const desk = await openAnswerDesk({
    seedsDir,
    cacheDir,
    loading,
    log: (level, message) => {
      if (level === 'warn' || verbose) process.stderr.write(`answer-desk: ${visibleLine(message)}\n`);
    },
  });
  for (const problem of desk.problems) process.stderr.write(`answer-desk: ${visibleLine(problem.path)}: ${visibleLine(problem.reason)}\n`);
  if (!desk.serving) throw new CliError(`answer-desk: nothing to serve from ${visibleLine(seedsDir)}`, 2);
  return desk;
}
