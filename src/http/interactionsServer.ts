/**
 * The HTTP interactions endpoint (node:http, no framework):
 *   POST /interactions  Discord's signed interactions; the answer is the response body.
 *   GET  /healthz       200 once the documents are loaded, 503 before.
 * A request that is too big (413), unsigned or signed wrongly or too long ago (401), or not JSON
 * (400) runs nothing and writes one log line. Signatures are checked before the body is parsed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { REST } from 'discord.js';
import type { BotContext, CommandModule } from '../discord/commandModule.ts';
import { drainInFlight, handleInteraction } from '../discord/handleInteraction.ts';
import { DRAIN_MS } from '../discord/limits.ts';
import { describeError } from '../logging/log.ts';
import { CALLBACK, HttpResponder, type InteractionResponse } from './httpResponder.ts';
import { readInteraction } from './readInteraction.ts';
import { checkSignature } from './verifySignature.ts';

/** Discord's interaction payloads are a few KiB; anything this big is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface InteractionsServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  publicKey: KeyObject;
  applicationId: string;
  bot: BotContext;
  commands: ReadonlyMap<string, CommandModule>;
  /** Where deferred edits and follow-ups go. */
  rest: REST;
  /** The clock signatures are judged by (tests move it). */
  now?: () => number;
}

export interface RunningInteractionsServer {
  server: Server;
  port: number;
  /** Interactions being handled right now. */
  inFlight(): number;
  /** Turns new interactions away politely, waits up to drainMs for those in flight, closes. */
  stop(drainMs?: number): Promise<void>;
}

type BodyRead = { ok: true; body: Buffer } | { ok: false; tooBig: boolean };

/** The raw body, or tooBig as soon as it passes the limit (the rest is not read). */
function readBody(request: IncomingMessage): Promise<BodyRead> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve({ ok: false, tooBig: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        request.removeAllListeners('data');
        resolve({ ok: false, tooBig: true });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    request.on('error', () => resolve({ ok: false, tooBig: false }));
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(response: ServerResponse, status: number, body: unknown, close = false): Promise<void> {
  return new Promise((resolve) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...(close ? { connection: 'close' } : {}),
    });
    // Resolves when sent, or when Discord hung up first (then nothing more can be sent; edits may still work).
    response.once('close', () => resolve());
    response.end(text, () => resolve());
  });
}

export function startInteractionsServer(options: InteractionsServerOptions): Promise<RunningInteractionsServer> {
  const { bot } = options;
  const now = options.now ?? Date.now;
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  const router = { commands: options.commands, closing: () => closing };

  const refuse = async (response: ServerResponse, status: number, reason: string, close = false): Promise<void> => {
    bot.log.warn('interactions request refused', { status, reason });
    await sendJson(response, status, { error: reason }, close);
  };

  async function interactions(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const read = await readBody(request);
    if (!read.ok) {
      // Past the limit nothing more is read: the connection closes once the 413 is out.
      if (read.tooBig) await refuse(response, 413, `body over ${MAX_BODY_BYTES} bytes`, true);
      else response.destroy();
      if (read.tooBig) request.socket.destroy();
      return;
    }
    const verdict = checkSignature(
      options.publicKey,
      { signature: header(request, 'x-signature-ed25519'), timestamp: header(request, 'x-signature-timestamp'), body: read.body },
      now(),
    );
    if (verdict === 'missing') return refuse(response, 401, 'missing signature headers');
    if (verdict === 'bad-signature') return refuse(response, 401, 'invalid request signature');
    if (verdict === 'stale') return refuse(response, 401, 'signature timestamp more than 5 minutes off');
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.body.toString('utf8'));
    } catch {
      return refuse(response, 400, 'the body is not JSON');
    }
    const interaction = readInteraction(parsed);
    if (interaction.kind === 'invalid') return refuse(response, 400, interaction.reason);
    if (interaction.kind === 'ping') return sendJson(response, 200, { type: CALLBACK.pong });

    let answered = false;
    const send = (body: InteractionResponse): Promise<void> => {
      answered = true;
      return sendJson(response, 200, body);
    };
    const respond = new HttpResponder(send, options.rest, options.applicationId, interaction.token);
    const handling = handleInteraction({ incoming: interaction.incoming, respond }, bot, router);
    pending.add(handling);
    try {
      const result = await handling;
      // Only an interaction type that takes no answer gets here unanswered.
      if (!answered) await refuse(response, 400, `nothing to answer (${result.outcome})`);
    } finally {
      pending.delete(handling);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/interactions') {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'POST only' });
      return interactions(request, response);
    }
    if (path === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
      const loaded = bot.desk.current() !== undefined;
      return sendJson(response, loaded ? 200 : 503, { status: loaded ? 'ok' : 'loading' });
    }
    return sendJson(response, 404, { error: 'not found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      bot.log.error('interactions request failed', { error: describeError(error) });
      if (!response.headersSent) response.writeHead(500).end();
      else response.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        inFlight: () => pending.size,
        async stop(drainMs = DRAIN_MS) {
          closing = true;
          bot.beginStop();
          // Still listening while the replies in flight finish: a newcomer is told the bot is
          // restarting (the router's notice) rather than finding the port closed.
          await drainInFlight(pending, drainMs, bot.log);
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}
