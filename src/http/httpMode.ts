/**
 * `npm start` in HTTP interactions mode: the documents load, the endpoint listens on
 * INTERACTIONS_PORT at once (GET /healthz says 503 until the documents are in), and no gateway
 * connection is made. Buttons and cooldowns live in the shared state store, as in gateway mode.
 * SIGTERM / SIGINT (src/live/stopOnSignal.ts, listening from the process's start) turn new
 * interactions away, let those in flight finish (their deferred edits included), close the state
 * store, then exit 0.
 */
import type { Config, InteractionsConfig } from '../config/config.ts';
import { createBotContext } from '../discord/bot.ts';
import { loadCommands } from '../discord/loadCommands.ts';
import type { LiveDesk } from '../live/liveDesk.ts';
import { serveLiveDesk } from '../live/serveLiveDesk.ts';
import type { StopOnSignal } from '../live/stopOnSignal.ts';
import { describeError, type Logger } from '../logging/log.ts';
import { webhookRest } from './httpResponder.ts';
import { startInteractionsServer, type RunningInteractionsServer } from './interactionsServer.ts';
import { publicKeyFromHex } from './verifySignature.ts';

export interface HttpModeOptions {
  live: LiveDesk;
  config: Config;
  interactions: InteractionsConfig;
  log: Logger;
  /** Ends the program with one line (main.ts's fail). */
  fail: (message: string) => never;
  /** Registered at process start: what opens here is added to it, so a stop at any moment drains. */
  stopper: StopOnSignal;
}

export async function runHttpMode({ live, config, interactions, log, fail, stopper }: HttpModeOptions): Promise<void> {
  await serveLiveDesk({ live, config, log, fail, stopper }, async (state) => {
    const bot = createBotContext({ desk: live, log, cooldown: config.cooldown, state, stateDir: config.stateDir });
    let running: RunningInteractionsServer;
    try {
      running = await startInteractionsServer({
        port: interactions.port,
        publicKey: publicKeyFromHex(interactions.publicKey),
        applicationId: interactions.applicationId,
        bot,
        commands: await loadCommands(),
        rest: webhookRest(config.discordRestApi),
      });
    } catch (error) {
      await state.close();
      return fail(`Could not listen on INTERACTIONS_PORT ${interactions.port}: ${describeError(error)}`);
    }
    log.info('serving HTTP interactions', { port: running.port, path: '/interactions' });
    // Stopped, it turns new interactions away and lets those in flight (their deferred edits included) finish.
    return { name: 'the interactions endpoint', inFlight: () => running.inFlight(), stop: () => running.stop() };
  });
}
