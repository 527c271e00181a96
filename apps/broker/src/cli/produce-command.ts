/**
 * `mini-kafka produce <topic>`: one record per line of stdin (or of `--file`), through the
 * SDK's idempotent producer. With `--key-separator`, the text before the first separator of a
 * line is its key. Sends are batched by the producer; at most WINDOW are in flight, so a
 * large file streams instead of being held in memory. Prints how many records went to each
 * partition, with their first and last offsets.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordMetadata } from '@mini-kafka/client';
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { UsageError } from './exit-codes.js';
import { integer, keyValue } from './flag-values.js';

const WINDOW = 1000;

interface ProduceFlags extends ClientFlags {
  file?: string;
  keySeparator?: string;
  header?: Array<[string, string]>;
  partition?: number;
}

interface PartitionSummary {
  partition: number;
  records: number;
  firstOffset: number;
  lastOffset: number;
}

export function produceCommand(ctx: CliContext): Command {
  return withClientFlags(
    new Command('produce')
      .description('send one record per line of stdin (or of a file) to a topic')
      .argument('<topic>', 'the topic name')
      .option('-f, --file <path>', 'read the lines from this file instead of stdin')
      .option(
        '-k, --key-separator <sep>',
        'split each line at the first <sep>: key before, value after (default: no key)',
      )
      .option('-H, --header <key=value>', 'a header for every record (repeatable)', keyValue)
      .addOption(
        new Option(
          '-p, --partition <n>',
          'send every record to this partition (default: by key, else round robin)',
        ).argParser(integer(0)),
      ),
  ).action(async (topic: string, flags: ProduceFlags) => {
    if (flags.keySeparator === '') throw new UsageError('--key-separator cannot be empty');
    const input = flags.file === undefined ? ctx.stdin : createReadStream(flags.file);
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const producer = connect(flags).producer({ lingerMs: 5 });
    const headers = flags.header === undefined ? undefined : Object.fromEntries(flags.header);
    const summary = new Map<number, PartitionSummary>();
    const count = (sent: RecordMetadata) => {
      const entry = summary.get(sent.partition);
      if (entry === undefined)
        summary.set(sent.partition, {
          partition: sent.partition,
          records: 1,
          firstOffset: sent.offset,
          lastOffset: sent.offset,
        });
      else {
        entry.records++;
        entry.firstOffset = Math.min(entry.firstOffset, sent.offset);
        entry.lastOffset = Math.max(entry.lastOffset, sent.offset);
      }
    };
    let pending: Promise<void>[] = [];
    let lineNumber = 0;
    try {
      for await (const line of lines) {
        lineNumber++;
        let key: string | null = null;
        let value = line;
        if (flags.keySeparator !== undefined) {
          const at = line.indexOf(flags.keySeparator);
          if (at < 0) throw new UsageError(`line ${lineNumber} has no key separator`);
          key = line.slice(0, at);
          value = line.slice(at + flags.keySeparator.length);
        }
        pending.push(
          producer
            .send(topic, value, {
              key,
              ...(headers && { headers }),
              ...(flags.partition !== undefined && { partition: flags.partition }),
            })
            .then(count),
        );
        if (pending.length >= WINDOW) {
          await Promise.all(pending);
          pending = [];
        }
      }
      await Promise.all(pending);
    } finally {
      // Sends already queued still go (or fail) before the command ends.
      await Promise.allSettled(pending);
      await producer.close().catch(() => {});
    }
    const partitions = [...summary.values()].sort((a, b) => a.partition - b.partition);
    const records = partitions.reduce((sum, entry) => sum + entry.records, 0);
    ctx.out.stdout(
      flags.json
        ? formatJson({ topic, records, partitions })
        : `Produced ${records} record${records === 1 ? '' : 's'} to ${topic}\n` +
            (partitions.length === 0
              ? ''
              : formatTable(
                  ['partition', 'records', 'first offset', 'last offset'],
                  partitions.map((entry) => [entry.partition, entry.records, entry.firstOffset, entry.lastOffset]),
                )),
    );
  });
}
