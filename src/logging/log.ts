/**
 * A tiny leveled logger: one line per event on stderr, `key=value` fields, level from LOG_LEVEL.
 * Secrets handed to it (the bot token) are replaced before anything is written, so a token that
 * slips into an error message still never reaches a log.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where finished lines go (without the newline); stderr by default. */
  write?: (line: string) => void;
  /** Strings that must never appear in output. */
  secrets?: readonly string[];
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return /^[^\s"=]+$/u.test(value) ? value : JSON.stringify(value);
}

/** Formats one log line: timestamp, level, message, then the defined fields in order. */
export function formatLogLine(time: Date, level: LogLevel, message: string, fields: LogFields = {}): string {
  let line = `${time.toISOString()} ${level.toUpperCase()} ${message}`;
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) line += ` ${key}=${formatValue(value)}`;
  }
  return line;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const now = options.now ?? (() => new Date());

  function emit(at: LogLevel, message: string, fields?: LogFields): void {
    if (RANK[at] < RANK[level]) return;
    let line = formatLogLine(now(), at, message, fields);
    for (const secret of secrets) line = line.split(secret).join('[redacted]');
    write(line);
  }

  return {
    level,
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** The message of anything thrown, without a stack: log lines stay one line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.replace(/\s+/g, ' ');
  return String(error).replace(/\s+/g, ' ');
}
