/**
 * The one order in which a process serving Discord (gateway mode, src/main.ts; HTTP interactions
 * mode, src/http/httpMode.ts) opens what it serves with, and registers each piece with the stop
 * helper as it opens, so that a stop at any moment closes what is open and nothing more:
 * the desk starts loading and the seeds folder is watched (a change during the load is rebuilt once
 * the load is in); the state store opens (buttons, cooldowns); the front end starts while the
 * documents load (an interaction arriving first waits, deferred). On a stop the front end goes
 * first (new interactions are told the bot is restarting, those in flight finish), then the state
 * store, then the desk.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/log.ts';
import { describeError } from '../logging/log.ts';
import type { ComponentStateStore } from '../state/componentStateStore.ts';
import { describeStateStoreFailure, openStateStore } from '../state/openStateStore.ts';
import type { LiveDesk } from './liveDesk.ts';
import type { StopOnSignal } from './stopOnSignal.ts';

/** What serves the desk to Discord: the gateway connection or the interactions endpoint. */
export interface FrontEnd {
  /** Named in the stop's log lines ("the gateway connection"). */
  readonly name: string;
  /** Interactions being answered, for the stop's log line. */
  inFlight(): number;
  /** Turns new interactions away, lets those in flight finish, then closes. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  live: LiveDesk;
  config: Config;
  log: Logger;
  /** Ends the program with one line (main.ts's fail). */
  fail: (message: string) => never;
  /** Registered at process start: what opens here is added to it. */
  stopper: StopOnSignal;
}

/**
 * Serves the live desk through the front end `start` opens on the state store; resolves once the
 * first documents are in. `start` ends the program itself (through `fail`) when it cannot start.
 */
export async function serveLiveDesk({ live, config, log, fail, stopper }: ServeOptions, start: (state: ComponentStateStore) => Promise<FrontEnd>): Promise<void> {
  // A rebuild still under way at the stop is abandoned, not awaited: its worker ends with the
  // process, and a cache snapshot is only ever renamed into place once complete.
  stopper.add('the desk', () => void live.close());
  const loading = live.start();
  loading.catch((error: unknown) => fail(`Could not load the documents in ${config.seedsDir}: ${describeError(error)}`));
  // Watched from now on: a file saved while the first load reads the folder is rebuilt once it is in.
  void live.watch();
  // The shared store (REDIS_URL, else STATE_DIR) lets a button issued by one replica be pressed on another, or after a restart.
  const state = await openStateStore(config, log).catch((error: unknown) => fail(describeStateStoreFailure(error)));
  stopper.add('the state store', () => state.close());
  const frontEnd = await start(state);
  stopper.describeWith(() => ({ inFlight: frontEnd.inFlight() }));
  stopper.add(frontEnd.name, () => frontEnd.stop());
  await loading;
}
