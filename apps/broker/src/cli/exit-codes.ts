/**
 * What `mini-kafka`'s client commands exit with, and how an error becomes one of them and a
 * line on stderr: the broker's error name and message (never a record's contents, which the
 * broker's messages do not carry either).
 *
 *   0  done
 *   1  the operation failed: the broker answered an error (an unknown topic, a group with members...)
 *   2  a usage error: an unknown command or flag, a missing or malformed value
 *   3  the broker could not be reached, or did not answer in time
 *   4  the broker refused the client: no valid token or certificate (SASL_AUTHENTICATION_FAILED,
 *      HTTP 401), or no ACL allows the operation (*_AUTHORIZATION_FAILED, HTTP 403)
 *
 * `verify` keeps its own: 0 no damage, 1 damage found, 2 a usage error or an unreadable directory.
 */
import { isMiniKafkaError } from '@mini-kafka/client';
import type { CliOutput } from './cli-output.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;
export const EXIT_REFUSED = 4;

/** A command's flags are well formed one by one but not together (or a value is wrong for its command). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An offline operation failed for a reason its message says in full (no user of that name...). */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}

const UNREACHABLE = new Set(['BROKER_NOT_AVAILABLE', 'REQUEST_TIMED_OUT']);
const REFUSED = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/** Writes `error` to stderr as `mini-kafka <command>: NAME: message`; resolves to the exit code. */
export function reportError(error: unknown, command: string, out: CliOutput): number {
  if (error instanceof UsageError) {
    out.stderr(`mini-kafka ${command}: ${error.message} (see mini-kafka ${command} --help)\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CommandFailed) {
    out.stderr(`mini-kafka ${command}: ${error.message}\n`);
    return EXIT_FAILED;
  }
  if (isMiniKafkaError(error)) {
    out.stderr(`mini-kafka ${command}: ${error.type}: ${error.message}\n`);
    if (REFUSED.has(error.type)) return EXIT_REFUSED;
    return UNREACHABLE.has(error.type) ? EXIT_UNREACHABLE : EXIT_FAILED;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  out.stderr(`mini-kafka ${command}: ${message}\n`);
  return EXIT_FAILED;
}
