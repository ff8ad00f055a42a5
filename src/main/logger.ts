/** The operational log: what happened (event, channel, duration, code), never a payload. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The operational log. It records what happened (channel, duration, error code),
 * never a payload: callers pass only fields from this closed shape.
 */
export interface LogRecord {
  level: 'info' | 'warn' | 'error';
  event: string;
  channel?: string;
  ms?: number;
  code?: string;
  note?: string;
}

export interface Logger {
  log(record: LogRecord): void;
  readonly path: string | null;
}

export function createLogger(options: { file?: string | null; echo?: boolean } = {}): Logger {
  const file = options.file ?? null;
  if (file) mkdirSync(dirname(file), { recursive: true });
  return {
    path: file,
    log(record) {
      const line = JSON.stringify({ t: new Date().toISOString(), ...record });
      if (file) {
        try {
          appendFileSync(file, line + '\n');
        } catch {
          // A full disk must not take the console down; stderr still gets the line.
          process.stderr.write(line + '\n');
        }
      }
      if (options.echo) process.stderr.write(line + '\n');
    },
  };
}

export const silentLogger: Logger = { path: null, log() {} };
