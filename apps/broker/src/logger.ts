/** Structured logs: one JSON line per event (pino), to stdout. */
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'mini-kafka' } });
}
