/**
 * A small Discord on 127.0.0.1 for end-to-end tests: the REST routes discord.js uses (under
 * /api/v10) and a gateway v10 speaking plain JSON (no compression). The real discord.js Client
 * logs in to it, receives INTERACTION_CREATE dispatches, and answers through REST; every request
 * is recorded and checked against Discord's limits.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { choiceViolations, messageViolations } from './payloadChecks.ts';
import { guildCreate, messageObject, snowflake, testUser, type TestMessage, type TestWorld } from './payloads.ts';

export interface EmulatorOptions {
  token: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  /** HELLO's heartbeat interval; small values make the client beat often. */
  heartbeatIntervalMs?: number;
  /** Shards /gateway/bot recommends; an IDENTIFY must then name one of them as [id, count]. */
  shards?: number;
  /** session_start_limit.max_concurrency: how many shards may identify at once. */
  maxConcurrency?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, without the query. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | unknown[] | undefined;
  status: number;
  at: number;
}

interface InteractionState {
  id: string;
  token: string;
  acknowledged: boolean;
  /** The message a component sits on (for UPDATE_MESSAGE and deferred updates). */
  componentMessage?: TestMessage;
  original?: TestMessage;
}

interface GatewaySession {
  id: string;
  /** The shard this session identified as. */
  shard: number;
  sequence: number;
  /** Dispatches in order, kept so a RESUME can replay what the client missed. */
  sent: Array<{ s: number; payload: string }>;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  heartbeatAcks: number;
  /** Query strings the client connected with (encoding, compression). */
  connectQueries: URLSearchParams[];
  /** IDENTIFY payloads (d), token removed. */
  identifyPayloads: Json[];
  /** Close codes of connections that ended. */
  closeCodes: number[];
}

type Json = Record<string, unknown>;

const InteractionCallback = { Pong: 1, Message: 4, DeferredMessage: 5, DeferredUpdate: 6, UpdateMessage: 7, Autocomplete: 8 } as const;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DiscordEmulator implements TestWorld {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botUser;
  readonly requests: RecordedRequest[] = [];
  /** Requests to routes the emulator does not know. */
  readonly unexpected: RecordedRequest[] = [];
  /** Payloads Discord would have rejected or that could ping someone. */
  readonly violations: string[] = [];
  readonly messages = new Map<string, TestMessage>();
  /** Registered commands by route (global or guild). */
  readonly registeredCommands = new Map<string, Json[]>();
  readonly gateway: GatewayStats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, heartbeatAcks: 0, connectQueries: [], identifyPayloads: [], closeCodes: [] };

  /** Requests whose connection is to be cut (see resetConnection). */
  private readonly resets: Array<{ test: (request: RecordedRequest) => boolean; when: 'before' | 'after' }> = [];
  /** Requests whose connection was cut; `processed` when the emulator had already acted on them. */
  readonly cut: Array<RecordedRequest & { processed: boolean }> = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly holds: Array<{ test: (request: RecordedRequest) => boolean; ms: number }> = [];
  private readonly waiters: Array<{ test: (request: RecordedRequest) => boolean; resolve: (request: RecordedRequest) => void }> = [];
  private readonly sessions = new Map<string, GatewaySession>();
  /** The live connection of each shard; a newer IDENTIFY or RESUME for a shard takes it over. */
  private readonly links = new Map<number, { socket: WebSocket; session: GatewaySession }>();
  readonly shardCount: number;
  private readonly gatewayEvents = new EventTarget();

  private constructor(
    private readonly options: EmulatorOptions,
    private readonly server: Server,
    private readonly sockets: WebSocketServer,
  ) {
    this.applicationId = options.applicationId ?? '200000000000000001';
    this.guildId = options.guildId ?? '300000000000000001';
    this.channelId = options.channelId ?? '400000000000000001';
    this.botUser = testUser(this.applicationId, 'answer-desk', true);
    this.shardCount = options.shards ?? 1;
  }

  /** Discord's rule: a guild's events go to shard (guild_id >> 22) % num_shards. */
  shardOfGuild(guildId: string): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
  }

  /** A guild id (a snowflake near the emulator's guild) whose events go to shard. */
  guildIdOnShard(shard: number): string {
    const count = BigInt(this.shardCount);
    const base = (BigInt(this.guildId) >> 22n) - ((BigInt(this.guildId) >> 22n) % count);
    return String(((base + BigInt(shard)) << 22n) | 1n);
  }

  static async start(options: EmulatorOptions): Promise<DiscordEmulator> {
    const server = createServer();
    const sockets = new WebSocketServer({ server, path: '/gateway' });
    const emulator = new DiscordEmulator(options, server, sockets);
    server.on('request', (request, response) => void emulator.onRequest(request, response));
    sockets.on('connection', (socket, request) => emulator.onConnection(socket, request));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return emulator;
  }

  private get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What to pass as the REST `api` option. */
  get restApi(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  // ---------------------------------------------------------------- REST

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: RecordedRequest['body'];
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as RecordedRequest['body']);
    } catch {
      body = undefined;
    }
    this.checkForSecret(raw, `${request.method ?? 'GET'} ${url.pathname} body`);
    this.checkForSecret(request.url ?? '', `${request.method ?? 'GET'} request URL`);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path, query: url.searchParams, body, status: 0, at: performance.now() };
    const reset = this.resets.findIndex((fault) => fault.test(recorded));
    const fault = reset < 0 ? undefined : this.resets.splice(reset, 1)[0];
    if (fault?.when === 'before') {
      this.cut.push({ ...recorded, processed: false });
      request.socket.destroy();
      return;
    }
    const [status, payload] = this.route(recorded, request.headers.authorization);
    if (fault?.when === 'after') {
      recorded.status = status;
      this.requests.push(recorded);
      this.cut.push({ ...recorded, processed: true });
      request.socket.destroy();
      this.notify(recorded);
      return;
    }
    recorded.status = status;
    this.requests.push(recorded);
    if (status === 404) this.unexpected.push(recorded);
    this.notify(recorded);
    // A held request is recorded (and waiters hear of it) at once; only its response waits.
    const hold = this.holds.findIndex((h) => h.test(recorded));
    if (hold >= 0) await new Promise((resolve) => setTimeout(resolve, this.holds.splice(hold, 1)[0].ms));
    if (payload === undefined) {
      response.writeHead(status).end();
    } else {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    }
  }

  private notify(recorded: RecordedRequest): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test(recorded)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    }
  }

  /** Answers the next request matching test only after ms: the bot's call is then in flight for that long. */
  holdNextResponse(test: (request: RecordedRequest) => boolean, ms: number): void {
    this.holds.push({ test, ms });
  }

  private route(request: RecordedRequest, authorization: string | undefined): [number, unknown] {
    const { method, path } = request;
    const body = isRecord(request.body) ? request.body : {};
    const botAuthorized = authorization === `Bot ${this.options.token}`;
    const unauthorized: [number, unknown] = [401, { message: '401: Unauthorized', code: 0 }];
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!botAuthorized) return unauthorized;
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.options.maxConcurrency ?? 1 };
      return [200, { url: this.gatewayUrl, shards: this.shardCount, session_start_limit: limit }];
    }
    if (method === 'GET' && path === '/users/@me') return botAuthorized ? [200, this.botUser] : unauthorized;
    if (method === 'GET' && path === '/applications/@me') {
      return botAuthorized ? [200, { id: this.applicationId, name: 'Answer desk', bot: this.botUser, flags: 0 }] : unauthorized;
    }
    if ((match = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path)) && (method === 'PUT' || method === 'GET')) {
      if (!botAuthorized) return unauthorized;
      if (match[1] !== this.applicationId) return [404, { message: 'Unknown Application', code: 10002 }];
      const key = match[3] === undefined ? 'global' : `guild:${match[3]}`;
      if (method === 'PUT') {
        const list = (Array.isArray(request.body) ? request.body : []).filter(isRecord);
        const previous = this.registeredCommands.get(key) ?? [];
        // Discord keeps a command's id when a PUT re-registers the same name.
        const registered = list.map((command) => ({
          ...command,
          id: previous.find((old) => old.name === command.name)?.id ?? snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
        }));
        this.registeredCommands.set(key, registered);
      }
      return [200, this.registeredCommands.get(key) ?? []];
    }
    if (method === 'POST' && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return this.interactionCallback(match[1], match[2], body, request.query.get('with_response') === 'true');
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
      return this.webhookMessage(method, match[2], match[3], body);
    }
    if (method === 'POST' && (match = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      const state = this.byToken(match[2]);
      if (state === undefined) return [404, { message: 'Unknown Webhook', code: 10015 }];
      this.check(body, `follow-up ${state.id}`);
      const message = this.createMessage(body, true);
      return [200, message];
    }
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!botAuthorized) return unauthorized;
      this.check(body, `channel message ${match[1]}`);
      return [200, this.createMessage(body, false)];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  /**
   * Records a violation when text carries the bot token. Only the Authorization header and
   * IDENTIFY / RESUME may; every request body is checked, and the harness checks its log lines.
   */
  checkForSecret(text: string, where: string): void {
    if (text.includes(this.options.token)) this.violations.push(`${where}: carries the bot token`);
  }

  private byToken(token: string): InteractionState | undefined {
    return [...this.interactions.values()].find((state) => state.token === token);
  }

  private check(body: Json, where: string): void {
    this.violations.push(...messageViolations(body, where));
  }

  private createMessage(data: Json, fromInteraction: boolean): TestMessage {
    const message = messageObject(this, {
      author: this.botUser,
      content: typeof data.content === 'string' ? data.content : '',
      components: Array.isArray(data.components) ? data.components : [],
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      flags: typeof data.flags === 'number' ? data.flags : 0,
      fromInteraction,
    });
    this.messages.set(message.id, message);
    return message;
  }

  private interactionCallback(id: string, token: string, body: Json, withResponse: boolean): [number, unknown] {
    const state = this.interactions.get(id);
    if (state === undefined || state.token !== token) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (state.acknowledged) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    state.acknowledged = true;
    const data = isRecord(body.data) ? body.data : {};
    let resource: TestMessage | undefined;
    switch (body.type) {
      case InteractionCallback.Message:
        this.check(data, `reply ${id}`);
        resource = state.original = this.createMessage(data, true);
        break;
      case InteractionCallback.DeferredMessage:
        // The "thinking…" placeholder (flag 128 = loading) until the reply is edited in.
        resource = state.original = this.createMessage({ ...data, flags: (typeof data.flags === 'number' ? data.flags : 0) | 128 }, true);
        break;
      case InteractionCallback.UpdateMessage:
        this.check(data, `update ${id}`);
        if (state.componentMessage !== undefined) resource = this.editMessage(state.componentMessage, data);
        state.original = state.componentMessage;
        break;
      case InteractionCallback.DeferredUpdate:
        state.original = state.componentMessage;
        break;
      case InteractionCallback.Autocomplete:
        this.violations.push(...choiceViolations(data, `autocomplete ${id}`));
        break;
      default:
        return [400, { message: `Unsupported callback type ${String(body.type)}`, code: 50035 }];
    }
    if (!withResponse) return [204, undefined];
    return [200, { interaction: { id, type: 2 }, resource: resource === undefined ? undefined : { type: body.type, message: resource } }];
  }

  private editMessage(message: TestMessage, data: Json): TestMessage {
    if (typeof data.content === 'string') message.content = data.content;
    if (Array.isArray(data.components)) message.components = data.components;
    if (Array.isArray(data.embeds)) message.embeds = data.embeds;
    // Edits may set SUPPRESS_EMBEDS; the loading flag goes once real content arrives.
    if (typeof data.flags === 'number') message.flags = (message.flags & 64) | data.flags;
    message.flags &= ~128;
    message.edited_timestamp = new Date().toISOString();
    this.messages.set(message.id, message);
    return message;
  }

  private webhookMessage(method: string, token: string, messageId: string, body: Json): [number, unknown] {
    const state = this.byToken(token);
    if (state === undefined) return [404, { message: 'Unknown Webhook', code: 10015 }];
    const message = messageId === '@original' ? state.original : this.messages.get(messageId);
    if (message === undefined || !this.messages.has(message.id)) return [404, { message: 'Unknown Message', code: 10008 }];
    if (method === 'GET') return [200, message];
    if (method === 'PATCH') {
      this.check(body, `edit ${state.id}`);
      return [200, this.editMessage(message, body)];
    }
    if (method === 'DELETE') {
      this.messages.delete(message.id);
      return [204, undefined];
    }
    return [405, { message: '405: Method Not Allowed', code: 0 }];
  }

  // ---------------------------------------------------------------- gateway

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    this.gateway.connections++;
    this.gateway.connectQueries.push(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => this.onGatewayMessage(socket, raw.toString()));
    socket.on('close', (code) => {
      this.gateway.closeCodes.push(code);
      for (const [shard, link] of this.links) if (link.socket === socket) this.links.delete(shard);
    });
  }

  private onGatewayMessage(socket: WebSocket, raw: string): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(raw) as { op?: number; d?: unknown };
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    const data = isRecord(payload.d) ? payload.d : {};
    switch (payload.op) {
      case 1:
        this.gateway.heartbeats++;
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        this.gateway.heartbeatAcks++;
        this.signal('heartbeat');
        break;
      case 2: {
        if (data.token !== this.options.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const [shard, count] = Array.isArray(data.shard) ? data.shard : [0, 1];
        if (count !== this.shardCount) {
          socket.close(4011, 'Sharding required.');
          return;
        }
        if (typeof shard !== 'number' || !Number.isInteger(shard) || shard < 0 || shard >= count) {
          socket.close(4010, 'Invalid shard.');
          return;
        }
        this.gateway.identifies++;
        this.gateway.identifyPayloads.push({ ...data, token: '[checked]' });
        const session: GatewaySession = { id: snowflake(), shard, sequence: 0, sent: [] };
        this.sessions.set(session.id, session);
        this.links.set(shard, { socket, session });
        const ownsGuild = this.shardOfGuild(this.guildId) === shard;
        this.dispatchTo(session, 'READY', {
          v: 10,
          user: this.botUser,
          guilds: ownsGuild ? [{ id: this.guildId, unavailable: true }] : [],
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: [shard, count],
          application: { id: this.applicationId, flags: 0 },
        });
        if (ownsGuild) this.dispatchTo(session, 'GUILD_CREATE', guildCreate(this));
        this.signal('ready');
        break;
      }
      case 6: {
        const session = typeof data.session_id === 'string' ? this.sessions.get(data.session_id) : undefined;
        if (session === undefined || data.token !== this.options.token) {
          socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
          return;
        }
        this.gateway.resumes++;
        this.links.set(session.shard, { socket, session });
        const seq = typeof data.seq === 'number' ? data.seq : 0;
        for (const event of session.sent) if (event.s > seq) socket.send(event.payload);
        this.dispatchTo(session, 'RESUMED', {});
        this.signal('resumed');
        break;
      }
      default:
        break;
    }
  }

  private signal(name: 'ready' | 'resumed' | 'heartbeat'): void {
    this.gatewayEvents.dispatchEvent(new Event(name));
  }

  /** Resolves at the next READY, RESUMED or heartbeat (bounded). */
  waitForGateway(name: 'ready' | 'resumed' | 'heartbeat', timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no gateway ${name} within ${timeoutMs} ms`)), timeoutMs);
      this.gatewayEvents.addEventListener(name, () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  /**
   * Sends a dispatch to the session of the shard its guild belongs to (shard 0 for events without
   * a guild). With that shard disconnected, the event is only recorded: it is replayed when the
   * client resumes, as Discord does.
   */
  dispatch(type: string, data: unknown): void {
    const guildId = isRecord(data) && typeof data.guild_id === 'string' ? data.guild_id : undefined;
    const shard = guildId === undefined ? 0 : this.shardOfGuild(guildId);
    const session = this.links.get(shard)?.session ?? [...this.sessions.values()].filter((candidate) => candidate.shard === shard).at(-1);
    if (session === undefined) throw new Error(`no gateway session of shard ${shard} to dispatch to`);
    this.dispatchTo(session, type, data);
  }

  private dispatchTo(session: GatewaySession, type: string, data: unknown): void {
    session.sequence++;
    const payload = JSON.stringify({ op: 0, t: type, s: session.sequence, d: data });
    session.sent.push({ s: session.sequence, payload });
    const link = this.links.get(session.shard);
    if (link !== undefined && link.session === session && link.socket.readyState === link.socket.OPEN) link.socket.send(payload);
  }

  /** Closes the client's connections with a resumable code, as a network blip or a Discord restart would. */
  dropConnection(code = 4000): void {
    for (const link of this.links.values()) link.socket.close(code, 'Emulated disconnect');
    this.links.clear();
  }

  // ---------------------------------------------------------------- interactions

  /**
   * Cuts the connection of the next request matching test, as a network reset would: 'before'
   * the emulator acts on it (it never arrived), or 'after' (it arrived, the answer was lost).
   */
  resetConnection(test: (request: RecordedRequest) => boolean, when: 'before' | 'after'): void {
    this.resets.push({ test, when });
  }

  /** Dispatches INTERACTION_CREATE (with a fresh token) and returns the interaction id. */
  sendInteraction(interaction: Record<string, unknown>): string {
    const id = String(interaction.id);
    const token = `tok_${id}_${Math.random().toString(36).slice(2, 10)}`;
    const componentMessage = isRecord(interaction.message) ? this.messages.get(String(interaction.message.id)) : undefined;
    this.interactions.set(id, { id, token, acknowledged: false, componentMessage });
    this.dispatch('INTERACTION_CREATE', { ...interaction, token });
    return id;
  }

  /**
   * HTTP interactions mode: an interaction Discord would POST to the bot's endpoint instead of
   * dispatching it on the gateway. It gets its token (so the bot's webhook edits find it); the
   * test sends it and hands the HTTP response back with acceptHttpCallback.
   */
  prepareHttpInteraction(interaction: Record<string, unknown>): Record<string, unknown> & { id: string; token: string } {
    const id = String(interaction.id);
    const token = `tok_${id}_${Math.random().toString(36).slice(2, 10)}`;
    const componentMessage = isRecord(interaction.message) ? this.messages.get(String(interaction.message.id)) : undefined;
    this.interactions.set(id, { id, token, acknowledged: false, componentMessage });
    return { ...interaction, id, token };
  }

  /** The body of the bot's HTTP response, taken as Discord takes a callback: checked, and messages made. */
  acceptHttpCallback(interactionId: string, body: Json): [number, unknown] {
    const state = this.interactions.get(interactionId);
    if (state === undefined) return [404, { message: 'Unknown interaction', code: 10062 }];
    return this.interactionCallback(interactionId, state.token, body, true);
  }

  /** The next request matching test, waiting for it if needed (bounded); earlier ones count too. */
  waitForRequest(test: (request: RecordedRequest) => boolean, timeoutMs = 10_000, since = 0): Promise<RecordedRequest> {
    const done = this.requests.slice(since).find(test);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (request: RecordedRequest) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The interaction's callback (its first response). */
  callbackOf(interactionId: string, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitForRequest((request) => request.method === 'POST' && request.path.startsWith(`/interactions/${interactionId}/`), timeoutMs);
  }

  /** Requests made with this interaction's token after its callback (edits, follow-ups, deletes). */
  webhookRequestsOf(interactionId: string): RecordedRequest[] {
    const token = this.interactions.get(interactionId)?.token;
    return token === undefined ? [] : this.requests.filter((request) => request.path.startsWith(`/webhooks/${this.applicationId}/${token}`));
  }

  /** Waits for a webhook request (edit, follow-up, delete) made with this interaction's token. */
  waitForWebhook(interactionId: string, method: string, timeoutMs?: number): Promise<RecordedRequest> {
    const token = this.interactions.get(interactionId)?.token;
    return this.waitForRequest((request) => request.method === method && request.path.startsWith(`/webhooks/${this.applicationId}/${token}`), timeoutMs);
  }

  /** The message an interaction's reply created (or the component message it updated). */
  originalOf(interactionId: string): TestMessage | undefined {
    return this.interactions.get(interactionId)?.original;
  }

  async stop(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
