/** A pino logger for tests that keeps every line it writes, parsed. Test-only; not built or published. */
import { type Logger, pino } from 'pino';

export function recordingLogger(level = 'error'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
