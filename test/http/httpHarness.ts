/**
 * The bot in HTTP interactions mode under test: the real endpoint (node:http on 127.0.0.1), the
 * real command modules and desk, a freshly generated Ed25519 key pair standing in for the
 * application's, and the Discord emulator as the REST API deferred edits go to. Requests are
 * signed as Discord signs them; the response body is handed to the emulator as Discord would take
 * the callback, so that pressing a button on the message it made works as in Discord.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request } from 'node:http';
import { createBotContext } from '../../src/discord/bot.ts';
import type { LoadingWait } from '../../src/discord/limits.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { webhookRest } from '../../src/http/httpResponder.ts';
import { startInteractionsServer, type RunningInteractionsServer } from '../../src/http/interactionsServer.ts';
import { publicKeyFromHex } from '../../src/http/verifySignature.ts';
import { createLogger } from '../../src/logging/log.ts';
import type { DeskSource } from '../../src/reply/deskReader.ts';
import type { ComponentStateStore } from '../../src/state/componentStateStore.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';
import { realDesk, TEST_STATE_SECRET, TEST_TOKEN } from '../discord/botHarness.ts';
import { DiscordEmulator } from '../discord/emulator/discordEmulator.ts';

export interface KeyPair {
  /** The 64 hex characters the Developer Portal shows. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateApplicationKey(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicKeyHex: Buffer.from(jwk.x ?? '', 'base64url').toString('hex'), privateKey };
}

/** Headers Discord would send with body at the given time (seconds since 1970). */
export function signedHeaders(key: KeyObject, body: string | Buffer, timestamp = Math.floor(Date.now() / 1_000)): Record<string, string> {
  const stamp = String(timestamp);
  const signature = sign(null, Buffer.concat([Buffer.from(stamp), Buffer.from(body)]), key).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': stamp };
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface HttpHarnessOptions {
  desk?: DeskSource;
  deferAfterMs?: number;
  /** How commands wait for the first documents (LOADING_WAIT by default). */
  loadingWait?: Partial<LoadingWait>;
  /** The component state store; by default one of this server's own. */
  state?: ComponentStateStore;
}

export class HttpHarness {
  private constructor(
    readonly emulator: DiscordEmulator,
    readonly server: RunningInteractionsServer,
    readonly key: KeyPair,
    readonly logs: string[],
  ) {}

  static async start(options: HttpHarnessOptions = {}): Promise<HttpHarness> {
    const emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
    const key = generateApplicationKey();
    const logs: string[] = [];
    const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
    const bot = createBotContext({
      desk: options.desk ?? (await realDesk()),
      log,
      cooldown: { uses: 1_000, windowMs: 0 },
      deferAfterMs: options.deferAfterMs,
      loadingWait: options.loadingWait,
      stateSecret: TEST_STATE_SECRET,
      state: options.state ?? new MemoryStateStore(),
    });
    const server = await startInteractionsServer({
      port: 0,
      host: '127.0.0.1',
      publicKey: publicKeyFromHex(key.publicKeyHex),
      applicationId: emulator.applicationId,
      bot,
      commands: await loadCommands(),
      rest: webhookRest(emulator.restApi),
    });
    return new HttpHarness(emulator, server, key, logs);
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  async stop(): Promise<void> {
    await this.server.stop(1_000);
    await this.emulator.stop();
  }

  /** POSTs raw bytes with the given headers; the body is parsed when it is JSON. */
  async postRaw(body: string | Buffer, headers: Record<string, string>): Promise<HttpAnswer> {
    const { status, text } = await postBytes(this.server.port, '/interactions', Buffer.from(body), headers);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
    return { status, body: parsed };
  }

  /** Sends an interaction signed as Discord signs it; a 200 answer is handed to the emulator. */
  async send(interaction: Record<string, unknown>): Promise<HttpAnswer & { id: string; token: string }> {
    const prepared = this.emulator.prepareHttpInteraction(interaction);
    const body = JSON.stringify(prepared);
    const answer = await this.postRaw(body, signedHeaders(this.key.privateKey, body));
    if (answer.status === 200) this.emulator.acceptHttpCallback(prepared.id, answer.body);
    return { ...answer, id: prepared.id, token: prepared.token };
  }
}

/**
 * A POST over node:http. The answer counts as soon as it arrives: a server that refuses a body
 * part-way (413) closes the connection, and the rest of the upload failing then is expected.
 */
export function postBytes(port: number, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(body);
  });
}

/** A GET over node:http. */
export function getPath(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    })
      .on('error', reject)
      .end();
  });
}
