/**
 * Structured logs: one JSON line per event (pino), to stdout, written synchronously. The
 * broker logs little on its hot paths, and a line about damage, data loss or a signal must
 * not be lost to a crash or a kill that follows it (pino's default buffers asynchronously).
 */
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'mini-kafka' } }, pino.destination({ dest: 1, sync: true }));
}
