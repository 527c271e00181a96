/**
 * The flags every client command takes (`--url`, env MINI_KAFKA_URL; `--json`; `--timeout`;
 * for a broker with security on, `--token` (env MINI_KAFKA_TOKEN), `--ca-file` and
 * `--cert-file` with `--key-file`) and the SDK client built from them. Retries are few: a
 * person waiting at a prompt learns that the broker is down in about a second, not after the
 * SDK's default nine.
 */
import { readFileSync } from 'node:fs';
import { MiniKafka } from '@mini-kafka/client';
import { type Command, Option } from 'commander';
import { UsageError } from './exit-codes.js';
import { integer } from './flag-values.js';

export const DEFAULT_URL = 'http://127.0.0.1:8000';

export interface ClientFlags {
  url: string;
  json?: boolean;
  timeout: number;
  token?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** Adds the common flags to `command`. */
export function withClientFlags(command: Command, { json = true } = {}): Command {
  command.addOption(new Option('--url <url>', "the broker's HTTP URL").env('MINI_KAFKA_URL').default(DEFAULT_URL));
  if (json) command.option('--json', 'print one JSON document instead of a table');
  command.addOption(
    new Option('--timeout <ms>', 'timeout of one request to the broker, in ms').argParser(integer(1)).default(10_000),
  );
  command.addOption(
    new Option(
      '--token <token>',
      'an API token (mini-kafka tokens create), for a broker with --auth; prefer the environment variable, which ps does not show',
    ).env('MINI_KAFKA_TOKEN'),
  );
  command.addOption(
    new Option('--ca-file <file>', "PEM CA certificates an https broker's certificate must chain to").env(
      'MINI_KAFKA_CA_FILE',
    ),
  );
  command.addOption(
    new Option('--cert-file <file>', 'a client certificate (PEM), for a broker that asks for one').env(
      'MINI_KAFKA_CERT_FILE',
    ),
  );
  command.addOption(
    new Option('--key-file <file>', "the client certificate's private key (PEM)").env('MINI_KAFKA_KEY_FILE'),
  );
  return command;
}

export function connect(flags: ClientFlags): MiniKafka {
  if ((flags.certFile === undefined) !== (flags.keyFile === undefined))
    throw new UsageError('a client certificate needs both --cert-file and --key-file');
  return new MiniKafka({
    url: flags.url,
    clientId: 'mini-kafka-cli',
    requestTimeoutMs: flags.timeout,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    ...(flags.token !== undefined && { token: flags.token }),
    ...(flags.caFile !== undefined && { ca: pemFile('--ca-file', flags.caFile) }),
    ...(flags.certFile !== undefined && { cert: pemFile('--cert-file', flags.certFile) }),
    ...(flags.keyFile !== undefined && { key: pemFile('--key-file', flags.keyFile) }),
  });
}

function pemFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read ${flag} ${path} (${code})`);
  }
}
