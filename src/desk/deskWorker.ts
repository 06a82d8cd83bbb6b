/**
 * The worker thread behind WorkerDesk: builds (or loads) the desk, tells its parent, then answers
 * queries posted on its port, one at a time, each answer carrying its request's id.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openAnswerDesk } from './answerDesk.ts';
import type { DeskRequest, DeskResponse, DeskWorkerData, DeskWorkerEvent, ServedDesk } from './workerDesk.ts';

const data = workerData as DeskWorkerData;
const tell = (event: DeskWorkerEvent): void => parentPort?.postMessage(event);

function answer(desk: ServedDesk, request: DeskRequest): DeskResponse {
  try {
    const method = desk[request.method] as (...args: unknown[]) => unknown;
    return { id: request.id, result: method.apply(desk, request.args) };
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, error: { name, message, stack } };
  }
}

try {
  const desk = await openAnswerDesk({
    seedsDir: data.seedsDir,
    cacheDir: data.cacheDir,
    loading: data.loading,
    buildThreads: data.buildThreads,
    log: (level, message) => tell({ type: 'log', level, message }),
    onProgress: (done, total) => tell({ type: 'progress', done, total }),
  });
  data.port.on('message', (request: DeskRequest) => {
    try {
      data.port.postMessage(answer(desk, request));
    } catch (error) {
      // An answer that cannot be copied to the caller must still settle its call, with the reason.
      const { message, stack } = error instanceof Error ? error : new Error(String(error));
      data.port.postMessage({ id: request.id, error: { name: 'Error', message: `the answer to ${request.method} could not be sent (${message})`, stack } } satisfies DeskResponse);
    }
  });
  // What the first question would make is made before the desk says it is ready: a question posted
  // while this ran would wait behind it (1.3 s at 50 MB), the asker's deadline running. Until ready,
  // commands wait for the desk deferred, and a reload keeps the old desk answering.
  try {
    desk.prepareSearch();
  } catch (error) {
    tell({ type: 'log', level: 'warn', message: `search could not be prepared ahead; the first question will (${error instanceof Error ? error.stack : String(error)})` });
  }
  tell({ type: 'ready', problems: desk.problems });
} catch (error) {
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  tell({ type: 'failed', message, stack });
}
