// Owns structured logging: one JSON line per event (pino), to stderr so CLI output stays clean.
import { destination, pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'maillage'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, destination(2));
}

/** A logger that drops everything, for library use and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
