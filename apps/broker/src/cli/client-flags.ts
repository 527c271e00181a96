/**
 * The flags every client command takes (`--url`, env MINI_KAFKA_URL; `--json`; `--timeout`)
 * and the SDK client built from them. Retries are few: a person waiting at a prompt learns
 * that the broker is down in about a second, not after the SDK's default nine.
 */
import { MiniKafka } from '@mini-kafka/client';
import { type Command, Option } from 'commander';
import { integer } from './flag-values.js';

export const DEFAULT_URL = 'http://127.0.0.1:8000';

export interface ClientFlags {
  url: string;
  json?: boolean;
  timeout: number;
}

/** Adds the common flags to `command`. */
export function withClientFlags(command: Command, { json = true } = {}): Command {
  command.addOption(new Option('--url <url>', "the broker's HTTP URL").env('MINI_KAFKA_URL').default(DEFAULT_URL));
  if (json) command.option('--json', 'print one JSON document instead of a table');
  command.addOption(
    new Option('--timeout <ms>', 'timeout of one request to the broker, in ms').argParser(integer(1)).default(10_000),
  );
  return command;
}

export function connect(flags: ClientFlags): MiniKafka {
  return new MiniKafka({
    url: flags.url,
    clientId: 'mini-kafka-cli',
    requestTimeoutMs: flags.timeout,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}
