/**
 * What `mini-kafka`'s client commands exit with, and how an error becomes one of them and a
 * line on stderr: the broker's error name and message (never a record's contents, which the
 * broker's messages do not carry either).
 *
 *   0  done
 *   1  the operation failed: the broker answered an error (an unknown topic, a group with members...)
 *   2  a usage error: an unknown command or flag, a missing or malformed value
 *   3  the broker could not be reached, or did not answer in time
 *
 * `verify` keeps its own: 0 no damage, 1 damage found, 2 a usage error or an unreadable directory.
 */
import { isMiniKafkaError } from '@mini-kafka/client';
import type { CliOutput } from './cli-output.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;

/** A command's flags are well formed one by one but not together (or a value is wrong for its command). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const UNREACHABLE = new Set(['BROKER_NOT_AVAILABLE', 'REQUEST_TIMED_OUT']);

/** Writes `error` to stderr as `mini-kafka <command>: NAME: message`; resolves to the exit code. */
export function reportError(error: unknown, command: string, out: CliOutput): number {
  if (error instanceof UsageError) {
    out.stderr(`mini-kafka ${command}: ${error.message} (see mini-kafka ${command} --help)\n`);
    return EXIT_USAGE;
  }
  if (isMiniKafkaError(error)) {
    out.stderr(`mini-kafka ${command}: ${error.type}: ${error.message}\n`);
    return UNREACHABLE.has(error.type) ? EXIT_UNREACHABLE : EXIT_FAILED;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  out.stderr(`mini-kafka ${command}: ${message}\n`);
  return EXIT_FAILED;
}
