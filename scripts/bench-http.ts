/**
 * npm run bench:http — /ask latency in HTTP interactions mode next to the gateway, on the seeds.
 * One process runs both over the same desk and the same questions, interleaved so that both see
 * the same machine load:
 *   HTTP:    a signed POST /interactions on 127.0.0.1 → its response (signature check, routing,
 *            search, render, the type 4 body), through node:http with keep-alive.
 *   gateway: the emulator's INTERACTION_CREATE dispatch → the callback arriving at its REST API
 *            (the real discord.js client; what bench:discord measures).
 * Requests go one at a time, BENCH_ROUNDS (default 300) each after a warm-up. Not a test: the
 * numbers depend on the machine.
 */
import { resolve } from 'node:path';
import { openAnswerDesk } from '../src/desk/answerDesk.ts';
import { readInProcess } from '../src/reply/deskReader.ts';
import { createBotContext, startBot } from '../src/discord/bot.ts';
import { LiveDesk } from '../src/live/liveDesk.ts';
import { loadCommands } from '../src/discord/loadCommands.ts';
import { webhookRest } from '../src/http/httpResponder.ts';
import { startInteractionsServer } from '../src/http/interactionsServer.ts';
import { publicKeyFromHex } from '../src/http/verifySignature.ts';
import { createLogger } from '../src/logging/log.ts';
import { MemoryStateStore } from '../src/state/memoryStateStore.ts';
import { DiscordEmulator } from '../test/discord/emulator/discordEmulator.ts';
import { chatInputInteraction, testUser } from '../test/discord/emulator/payloads.ts';
import { generateApplicationKey, postBytes, signedHeaders } from '../test/http/httpHarness.ts';
import { benchQuestions } from './interactionBench.ts';
import { printLatencyTable, summarize } from './latencySummary.ts';

const TOKEN = 'MjAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.benchmarkbenchmarkbenchmark0123';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 30;

const seedsDir = resolve(process.env.SEEDS_DIR ?? 'seeds');
const log = createLogger({ level: 'silent' });
const live = new LiveDesk({ seedsDir, open: async (dir) => readInProcess(await openAnswerDesk({ seedsDir: dir })), log, version: 'bench', debounceMs: 500 });
const desk = await live.start();
const commands = await loadCommands();
const cooldown = { uses: 1, windowMs: 0 };
// In memory: the bench measures the transports, not the state store (bench:state does).
const state = new MemoryStateStore();
const emulator = await DiscordEmulator.start({ token: TOKEN });
const gateway = await startBot({ token: TOKEN, desk: live, commands, log, cooldown, restApi: emulator.restApi, state });
const key = generateApplicationKey();
const http = await startInteractionsServer({
  port: 0,
  host: '127.0.0.1',
  publicKey: publicKeyFromHex(key.publicKeyHex),
  applicationId: emulator.applicationId,
  bot: createBotContext({ desk: live, log, cooldown, state }),
  commands,
  rest: webhookRest(emulator.restApi),
});

const questions = await benchQuestions(desk);
const userFor = (index: number) => testUser(String(500000000000000000n + BigInt(index)), `user${index}`);
const askPayload = (index: number) => chatInputInteraction(emulator, { user: userFor(index) }, 'ask', [{ name: 'question', type: 3, value: questions[index % questions.length] }]);

async function overHttp(index: number): Promise<number> {
  const prepared = emulator.prepareHttpInteraction(askPayload(index));
  const body = Buffer.from(JSON.stringify(prepared));
  // Discord signs before it sends: the signing is not part of the bot's latency.
  const headers = signedHeaders(key.privateKey, body);
  const sentAt = performance.now();
  const answer = await postBytes(http.port, '/interactions', body, headers);
  const took = performance.now() - sentAt;
  if (answer.status !== 200 || !answer.text.startsWith('{"type":4')) throw new Error(`unexpected answer ${answer.status} ${answer.text.slice(0, 80)}`);
  // As Discord takes it: the emulator checks the payload against Discord's limits.
  emulator.acceptHttpCallback(prepared.id, JSON.parse(answer.text) as Record<string, unknown>);
  return took;
}

async function overGateway(index: number): Promise<number> {
  const sentAt = performance.now();
  const id = emulator.sendInteraction(askPayload(index));
  const callback = await emulator.callbackOf(id);
  return callback.at - sentAt;
}

for (let i = 0; i < WARMUP; i++) {
  await overHttp(i);
  await overGateway(i);
}
const httpSamples: number[] = [];
const gatewaySamples: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  httpSamples.push(await overHttp(i));
  gatewaySamples.push(await overGateway(i));
}

await http.stop(1_000);
await gateway.stop();
await emulator.stop();
await live.close();

console.log(`/ask, request → answer, ${ROUNDS} rounds each after ${WARMUP} warm-up, interleaved, ${(await desk.stats()).documents} documents (${seedsDir})`);
printLatencyTable([summarize('/ask over HTTP', httpSamples), summarize('/ask over gateway', gatewaySamples)]);
if (emulator.violations.length > 0 || emulator.unexpected.length > 0) {
  console.error(`emulator saw ${emulator.violations.length} limit violations and ${emulator.unexpected.length} unknown requests`);
  process.exitCode = 1;
}
