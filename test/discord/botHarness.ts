/**
 * A bot under test: the emulator, the real discord.js client logged in to it, the real command
 * modules, and a desk (the real one over seeds/ unless a test brings its own).
 */
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { LiveDesk, type OpenedDesk } from '../../src/live/liveDesk.ts';
import type { LoadingWait } from '../../src/discord/limits.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { createLogger } from '../../src/logging/log.ts';
import type { ComponentStateStore } from '../../src/state/componentStateStore.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';
import { readInProcess, type DeskReader, type DeskSource, type RuntimeFacts } from '../../src/reply/deskReader.ts';
import { DiscordEmulator, type RecordedRequest } from './emulator/discordEmulator.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  messageContextInteraction,
  modalSubmitInteraction,
  selectInteraction,
  testUser,
  userContextInteraction,
  type CommandOptionInput,
  type TestMessage,
  type TestUser,
} from './emulator/payloads.ts';

export const TEST_TOKEN = 'MjAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456';
/** The harness's button secret: tests sign custom_ids with it to press buttons the bot made. */
export const TEST_STATE_SECRET = Buffer.from('test-state-secret-of-32-bytes!!!');
export const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;

export const alice = testUser('500000000000000001', 'alice');
export const bob = testUser('500000000000000002', 'bob');
export const carol = testUser('500000000000000003', 'carol');

export interface HarnessOptions {
  desk?: DeskSource;
  cooldown?: { uses: number; windowMs: number };
  deferAfterMs?: number;
  /** How commands wait for the first documents (LOADING_WAIT by default). */
  loadingWait?: Partial<LoadingWait>;
  heartbeatIntervalMs?: number;
  /** The component state store; by default one of this bot's own. Share one to act as replicas. */
  state?: ComponentStateStore;
  /** An emulator already running (a second replica connects to the same one). */
  emulator?: DiscordEmulator;
}

/** A desk source over a fixed desk, or one that is still loading until released. */
export class HeldDesk implements DeskSource {
  private release: ((desk: DeskReader) => void) | undefined;
  private readonly loaded: Promise<DeskReader>;
  private desk: DeskReader | undefined;

  constructor(desk?: DeskReader) {
    this.desk = desk;
    this.loaded = desk !== undefined ? Promise.resolve(desk) : new Promise((resolve) => (this.release = resolve));
  }

  finishLoading(desk: DeskReader): void {
    this.desk = desk;
    this.release?.(desk);
  }

  current(): DeskReader | undefined {
    return this.desk;
  }

  ready(): Promise<DeskReader> {
    return this.loaded;
  }

  facts(): RuntimeFacts {
    return { version: 'test', startedAt: new Date(0), loadedAt: new Date(0) };
  }
}

/**
 * A LiveDesk whose first load reports the progress the test gives and finishes when the test
 * says: a slow first build without a clock.
 */
export function firstLoadGate(): { live: LiveDesk; report(done: number, total: number): void; finish(desk: OpenedDesk): void } {
  let report: (done: number, total: number) => void = () => undefined;
  let finish: (desk: OpenedDesk) => void = () => undefined;
  const live = new LiveDesk({
    seedsDir: '/seeds',
    open: (_dir, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    },
    log: createLogger({ level: 'silent' }),
    version: 'test',
    debounceMs: 100,
  });
  void live.start();
  return { live, report: (done, total) => report(done, total), finish: (desk) => finish(desk) };
}

let seedsDesk: Promise<LiveDesk> | undefined;

/** The real desk over seeds/, built once per test file. */
export function realDesk(): Promise<LiveDesk> {
  seedsDesk ??= (async () => {
    const live = new LiveDesk({ seedsDir: SEEDS_DIR, open: async (dir) => readInProcess(await openAnswerDesk({ seedsDir: dir })), log: createLogger({ level: 'silent' }), version: 'test', debounceMs: 100 });
    await live.start();
    return live;
  })();
  return seedsDesk;
}

export class Harness {
  private constructor(
    readonly emulator: DiscordEmulator,
    readonly running: RunningBot,
    /** Every log line the bot wrote. */
    readonly logs: string[],
    private readonly ownsEmulator: boolean,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const emulator = options.emulator ?? (await DiscordEmulator.start({ token: TEST_TOKEN, heartbeatIntervalMs: options.heartbeatIntervalMs }));
    const ownsEmulator = options.emulator === undefined;
    const logs: string[] = [];
    // As in production the logger redacts the token; "[redacted]" in a line means it reached the logger.
    const write = (line: string): void => {
      logs.push(line);
      emulator.checkForSecret(line, 'log line');
      if (line.includes('[redacted]')) emulator.violations.push(`log line: the token reached the logger: ${line}`);
    };
    const log = createLogger({ level: 'debug', write, secrets: [TEST_TOKEN] });
    const running = await startBot({
      token: TEST_TOKEN,
      desk: options.desk ?? (await realDesk()),
      commands: await loadCommands(),
      log,
      cooldown: options.cooldown ?? { uses: 1_000, windowMs: 0 },
      restApi: emulator.restApi,
      deferAfterMs: options.deferAfterMs,
      loadingWait: options.loadingWait,
      stateSecret: TEST_STATE_SECRET,
      state: options.state ?? new MemoryStateStore(),
    });
    return new Harness(emulator, running, logs, ownsEmulator);
  }

  async stop(): Promise<void> {
    await this.running.stop();
    if (this.ownsEmulator) await this.emulator.stop();
  }

  /** Runs a slash command and returns its interaction id and first callback. */
  async command(name: string, options: CommandOptionInput[] = [], user: TestUser = alice, extra: { locale?: string; resolved?: TestUser[] } = {}) {
    const id = this.emulator.sendInteraction(chatInputInteraction(this.emulator, { user, locale: extra.locale }, name, options, extra.resolved));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async autocomplete(name: string, option: string, typed: string, user: TestUser = alice) {
    const id = this.emulator.sendInteraction(autocompleteInteraction(this.emulator, { user }, name, [{ name: option, type: 3, value: typed, focused: true }]));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async press(message: TestMessage, customId: string, user: TestUser = alice) {
    const id = this.emulator.sendInteraction(buttonInteraction(this.emulator, { user }, message, customId));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async select(message: TestMessage, customId: string, values: string[], user: TestUser = alice) {
    const id = this.emulator.sendInteraction(selectInteraction(this.emulator, { user }, message, customId, values));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async contextMenu(target: TestMessage, user: TestUser = alice, name = 'Ask the docs') {
    const id = this.emulator.sendInteraction(messageContextInteraction(this.emulator, { user }, name, target));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async userCommand(name: string, target: TestUser, user: TestUser = alice) {
    const id = this.emulator.sendInteraction(userContextInteraction(this.emulator, { user }, name, target));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  async submitModal(customId: string, fields: Record<string, string>, user: TestUser = alice) {
    const id = this.emulator.sendInteraction(modalSubmitInteraction(this.emulator, { user }, customId, fields));
    return { id, callback: await this.emulator.callbackOf(id) };
  }

  /** The message an interaction's reply created or updated. */
  message(id: string): TestMessage {
    const message = this.emulator.originalOf(id);
    if (message === undefined) throw new Error(`interaction ${id} made no message`);
    return message;
  }
}

type Json = Record<string, unknown>;

/** The data of a message callback (type 4 or 7). */
export function callbackData(request: RecordedRequest): Json {
  const body = request.body as Json | undefined;
  return (body?.data ?? {}) as Json;
}

export function callbackType(request: RecordedRequest): number {
  return Number((request.body as Json | undefined)?.type);
}

export interface ButtonJson {
  type: number;
  label?: string;
  custom_id: string;
  style?: number;
  options?: Array<{ label: string; value: string; description?: string }>;
}

/** The components of a message body, flattened. */
export function componentsOf(data: Json): ButtonJson[] {
  const rows = (data.components ?? []) as Array<{ components: ButtonJson[] }>;
  return rows.flatMap((row) => row.components);
}

export function buttonLabeled(data: Json, label: string | RegExp): ButtonJson {
  const button = componentsOf(data).find((component) => (typeof label === 'string' ? component.label === label : label.test(component.label ?? '')));
  if (button === undefined) throw new Error(`no button ${String(label)} in ${JSON.stringify(data.components)}`);
  return button;
}
