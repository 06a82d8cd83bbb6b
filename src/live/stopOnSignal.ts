/**
 * The one way a serving process (gateway bot, HTTP endpoint, shard manager) stops on SIGTERM or
 * SIGINT. It is registered at process start, before the first load, because systemd and docker
 * send SIGTERM whenever they like: a stop that comes while the documents load or the connection
 * opens must drain like any other. What to stop is added as it is opened, and stopped in reverse
 * (last opened, first stopped): the replies first, then the state store they write to, then the
 * desk. A second signal is not caught, so a second Ctrl+C still ends a stop that hangs.
 */
import { describeError, type Logger } from '../logging/log.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Something to stop: its name is logged when stopping it fails. */
interface StopStep {
  name: string;
  stop: () => Promise<unknown> | void;
}

export interface StopOnSignalOptions {
  log: Logger;
  /** Ends the process (process.exit outside tests). */
  exit?: (code: number) => void;
  /** Where the signals come from (process outside tests). */
  signals?: Pick<NodeJS.Process, 'once'>;
}

export class StopOnSignal {
  private readonly steps: StopStep[] = [];
  private stopping: Promise<void> | undefined;
  private failed = false;
  private report: () => Record<string, unknown> = () => ({});

  constructor(private readonly options: StopOnSignalOptions) {}

  /** Starts listening for SIGINT and SIGTERM; call once, before anything loads. */
  listen(): this {
    const signals = this.options.signals ?? process;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) signals.once(signal, () => void this.stop(signal));
    return this;
  }

  /** True once a signal came: code still starting up should not go on serving. */
  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** What the "shutting down" line reports besides the signal (the replies in flight). */
  describeWith(report: () => Record<string, unknown>): void {
    this.report = report;
  }

  /**
   * Stops `stop` at the stop, before everything added earlier. Added while the stop is under way
   * (the connection opened just then), it is stopped at once instead.
   */
  add(name: string, stop: () => Promise<unknown> | void): void {
    const step = { name, stop };
    if (this.stopping === undefined) this.steps.push(step);
    else void this.run(step);
  }

  /** Runs every step (each one's failure is logged, the others still run), then exits. */
  stop(signal: StopSignal): Promise<void> {
    this.stopping ??= (async () => {
      this.options.log.info('shutting down', { signal, ...this.report() });
      for (const step of this.steps.splice(0).reverse()) await this.run(step);
      (this.options.exit ?? ((code) => process.exit(code)))(this.failed ? 1 : 0);
    })();
    return this.stopping;
  }

  private async run(step: StopStep): Promise<void> {
    try {
      await step.stop();
    } catch (error) {
      this.failed = true;
      this.options.log.error('could not stop cleanly', { step: step.name, error: describeError(error) });
    }
  }
}
