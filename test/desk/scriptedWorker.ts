/** A WorkerDesk over a stand-in worker the test drives: calls as slow as the test wants, without a clock. */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Answer } from '../../src/desk/types.ts';
import { WorkerDesk, type DeskRequest } from '../../src/desk/workerDesk.ts';

/**
 * A stand-in for the desk's worker thread that answers only when the test says: a search as slow
 * as the test wants, without a clock. It reports each request it receives, answers a request with
 * the result it is given, or dies.
 */
const SCRIPTED_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
workerData.port.on('message', (request) => parentPort.postMessage({ received: request }));
parentPort.on('message', (command) => {
  if (command.exit !== undefined) process.exit(command.exit);
  workerData.port.postMessage({ id: command.id, result: command.result });
});
`;

export class ScriptedWorker {
  readonly desk: WorkerDesk;
  readonly lost: string[] = [];
  /** Settles once the worker thread has ended. */
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private readonly received: DeskRequest[] = [];
  private readonly waiting: Array<(request: DeskRequest) => void> = [];

  constructor(callTimeoutMs = 60_000) {
    const channel = new MessageChannel();
    this.worker = new Worker(SCRIPTED_WORKER, { eval: true, workerData: { port: channel.port2 }, transferList: [channel.port2] });
    this.worker.on('message', ({ received }: { received: DeskRequest }) => {
      const waiter = this.waiting.shift();
      if (waiter !== undefined) waiter(received);
      else this.received.push(received);
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.desk = new WorkerDesk('/seeds', this.worker, channel.port1, [], callTimeoutMs, (reason) => this.lost.push(reason));
  }

  /** The next request the worker received (and holds until answered). */
  nextRequest(): Promise<DeskRequest> {
    const request = this.received.shift();
    return request !== undefined ? Promise.resolve(request) : new Promise((resolve) => this.waiting.push(resolve));
  }

  answer(request: DeskRequest, result: unknown): void {
    this.worker.postMessage({ id: request.id, result });
  }

  die(): void {
    this.worker.postMessage({ exit: 3 });
  }
}

/** An answer to a search, naming its query (enough to tell which call it settled). */
export const answerTo = (query: string): Answer => ({ query, results: [], total: 0, ms: 0 });
