/**
 * `mini-kafka transactions list|describe` and `mini-kafka producers TOPIC PARTITION`: Kafka's
 * transaction tools (kafka-transactions.sh list, describe, describe-producers) through the SDK's
 * `admin.transactions` and `admin.producers`, to find the transaction that holds read_committed
 * readers back: an Ongoing one, its partitions, and the producer whose open transaction starts
 * at the partition's last stable offset.
 */
import type { TransactionState } from '@mini-kafka/client';
import { TRANSACTION_STATES } from '@mini-kafka/protocol';
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { UsageError } from './exit-codes.js';
import { integer, repeated } from './flag-values.js';

/** A time in ms since the epoch as ISO 8601, `-` for none (-1 or null). */
/** A state name in any case (`ongoing`), as Kafka's tool takes it; another word is a usage error. */
function stateName(name: string): TransactionState {
  const state = TRANSACTION_STATES.find((known) => known.toLowerCase() === name.toLowerCase());
  if (state === undefined) throw new UsageError(`--state takes one of ${TRANSACTION_STATES.join(', ')}, not "${name}"`);
  return state;
}

const isoTime = (ms: number | null): string => (ms === null || ms < 0 ? '-' : new Date(ms).toISOString());

export function transactionsCommand(ctx: CliContext): Command {
  const transactions = new Command('transactions').description(
    'list and describe transactions (the transactional ids the broker coordinates)',
  );

  withClientFlags(
    transactions
      .command('list')
      .description('list the transactional ids with their producer id and state')
      .option(
        '--state <state>',
        'only transactions in this state: Ongoing, PrepareCommit, CompleteCommit... (repeatable)',
        repeated,
      )
      .addOption(
        new Option('--producer-id <id>', 'only this producer id (repeatable)').argParser(
          (value: string, previous: number[] = []) => [...previous, integer(0)(value)],
        ),
      ),
  ).action(async (flags: ClientFlags & { state?: string[]; producerId?: number[] }) => {
    const list = await connect(flags)
      .admin()
      .transactions.list({
        ...(flags.state && { states: flags.state.map(stateName) }),
        ...(flags.producerId && { producerIds: flags.producerId }),
      });
    ctx.out.stdout(
      flags.json
        ? formatJson({ transactions: list })
        : formatTable(
            ['transactional id', 'producer id', 'state'],
            list.map((txn) => [txn.transactionalId, txn.producerId, txn.state]),
          ),
    );
  });

  withClientFlags(
    transactions
      .command('describe')
      .description("show a transactional id's state, producer, timeout, and its open transaction's partitions")
      .argument('<transactional-id>', 'the transactional id'),
  ).action(async (transactionalId: string, flags: ClientFlags) => {
    const txn = await connect(flags).admin().transactions.describe(transactionalId);
    if (flags.json) {
      ctx.out.stdout(formatJson(txn));
      return;
    }
    const partitions = formatTable(
      ['topic', 'partition'],
      txn.partitions.map(({ topic, partition }) => [topic, partition]),
    );
    ctx.out.stdout(
      `Transaction ${txn.transactionalId}: ${txn.state}, producer id ${txn.producerId}, epoch ${txn.producerEpoch}\n` +
        `Timeout: ${txn.transactionTimeoutMs} ms, started: ${isoTime(txn.transactionStartTimeMs)}\n` +
        `Groups: ${txn.groups.join(', ') || '-'}\n\n${partitions}`,
    );
  });

  return transactions;
}

export function producersCommand(ctx: CliContext): Command {
  return withClientFlags(
    new Command('producers')
      .description(
        'show the producers a partition remembers: epoch, last sequence, and where their open transaction starts',
      )
      .argument('<topic>', 'the topic')
      .argument('<partition>', 'the partition number', integer(0)),
  ).action(async (topic: string, partition: number, flags: ClientFlags) => {
    const producers = await connect(flags).admin().producers(topic, partition);
    ctx.out.stdout(
      flags.json
        ? formatJson({ topic, partition, producers })
        : formatTable(
            ['producer id', 'epoch', 'last sequence', 'last timestamp', 'coordinator epoch', 'txn start offset'],
            producers.map((producer) => [
              producer.producerId,
              producer.producerEpoch,
              producer.lastSequence,
              isoTime(producer.lastTimestamp),
              producer.coordinatorEpoch,
              producer.currentTxnStartOffset,
            ]),
          ),
    );
  });
}
