import { describe, expect, it } from 'vitest';
import { createLogger, describeError, formatLogLine } from '../../src/logging/log.ts';

describe('logger', () => {
  it('writes one line with key=value fields, quoting values with spaces', () => {
    const line = formatLogLine(new Date('2025-01-01T00:00:00Z'), 'info', 'interaction', { command: 'ask', user: '1', ms: 12, note: 'two words', skipped: undefined });
    expect(line).toBe('2025-01-01T00:00:00.000Z INFO interaction command=ask user=1 ms=12 note="two words"');
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('WARN loud');
  });

  it('never writes a secret it was given, wherever it appears', () => {
    const lines: string[] = [];
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';
    const log = createLogger({ write: (line) => lines.push(line), secrets: [token] });
    log.error('login failed', { error: describeError(new Error(`bad token ${token}`)) });
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).toContain('[redacted]');
  });

  it('describes errors on one line without a stack', () => {
    const error = new Error('first\nsecond');
    expect(describeError(error)).toBe('Error: first second');
  });
});
