/**
 * TransactionCoordinator: Kafka's transaction coordinator for one broker (read
 * TransactionCoordinator.scala for the reference semantics). It owns every transactional id's
 * state (transaction-metadata.ts has the state machine), keeps it durable in the transaction
 * state log (transaction-state-log.ts) and writes the commit/abort markers through a
 * `TransactionMarkerTarget` the broker wires to the partition logs and the group coordinator.
 *
 * Behavior:
 * - Every change is written durably before it is installed in memory and before the call
 *   resolves. While one change of an id is in flight, other calls for that id answer
 *   CONCURRENT_TRANSACTIONS (Kafka's pending transition). A failed write answers
 *   COORDINATOR_NOT_AVAILABLE (retriable) and changes nothing.
 * - InitProducerId on an Ongoing transaction fences the previous instance: the transaction is
 *   aborted with the epoch bumped, then the id is answered as a completed one (epoch bumped
 *   again), in one round trip. Kafka answers CONCURRENT_TRANSACTIONS there and lets the client
 *   retry; here that is the answer only when the abort's markers could not be written yet.
 * - EndTxn writes Prepare*, then the markers to every partition and the group offsets of every
 *   group, then Complete*. When a marker write fails, the Prepare* state stays, the call still
 *   answers NONE (the decision is durable) and the completion is retried in the background with
 *   a doubling backoff (and by every `tick()`). An EndTxn repeating the decision in progress or
 *   taken answers NONE; the opposite decision INVALID_TXN_STATE.
 * - `tick()` (run by the coordinator's own timer every `abortTimedOutTransactionsIntervalMs`)
 *   retries due completions, aborts Ongoing transactions older than their timeout with the
 *   epoch bumped (their producer is fenced), and forgets Empty/Complete* ids untouched for
 *   `transactionalIdExpirationMs` (a tombstone in the state log).
 * - Opening replays the state log: Prepare* ids are completed in the background right after
 *   `open` resolves (markers re-sent: duplicates are harmless); Ongoing ones keep their start
 *   time, so their timeout still aborts them.
 */
import { join } from 'node:path';
import type { ErrorType, TopicPartition } from '@mini-kafka/protocol/core';
import { MiniKafkaError, type Scheduler, systemClock, systemScheduler } from '@mini-kafka/protocol/core';
import { nodeFileSystem } from '@mini-kafka/storage';
import { COORDINATOR_DIRECTORY, offsetLogPathsAt } from '../offsets/offset-log-files.js';
import { TransactionCompleter } from './transaction-completer.js';
import { describeTransaction, listTransactions } from './transaction-listing.js';
import {
  checkProducer,
  fenceAndAbort,
  isIdle,
  newMetadata,
  planAdd,
  planEnd,
  planInitProducerId,
  rotateProducerId,
  type TransactionMetadata,
} from './transaction-metadata.js';
import { MemoryTransactionStateLog, TransactionStateLog, type TransactionStateStore } from './transaction-state-log.js';
import type {
  ListTransactionsFilter,
  ProducerIdAndEpoch,
  TransactionCoordinatorOptions,
  TransactionDescription,
  TransactionListing,
  TxnResult,
} from './transaction-types.js';

export const DEFAULT_MAX_TRANSACTION_TIMEOUT_MS = 900_000;
export const DEFAULT_ABORT_TIMED_OUT_TRANSACTIONS_INTERVAL_MS = 10_000;
export const DEFAULT_TRANSACTIONAL_ID_EXPIRATION_MS = 7 * 24 * 60 * 60 * 1000;

interface ProducerInput {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

const NO_PRODUCER = { producerId: -1, producerEpoch: -1 };

export class TransactionCoordinator {
  private readonly txns = new Map<string, TransactionMetadata>();
  /** Ids with a change in flight (Kafka's pendingState). */
  private readonly busy = new Set<string>();
  private readonly clock;
  private readonly scheduler: Scheduler;
  private readonly completer: TransactionCompleter;
  private cancelTimer: (() => void) | undefined;
  private ticking: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly options: TransactionCoordinatorOptions,
    private readonly store: TransactionStateStore,
  ) {
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    for (const [id, meta] of store.loaded) this.txns.set(id, meta);
    this.completer = new TransactionCompleter({
      txns: this.txns,
      store,
      clock: this.clock,
      scheduler: this.scheduler,
      markers: options.markers,
      coordinatorEpoch: options.coordinatorEpoch ?? 0,
      backoffMs: options.markerRetryBackoffMs ?? 100,
    });
  }

  static async open(options: TransactionCoordinatorOptions): Promise<TransactionCoordinator> {
    const where = [options.dataDir, options.directory].filter((value) => value !== undefined).length;
    if (where + (options.inMemory === true ? 1 : 0) !== 1) {
      throw new MiniKafkaError(
        'INVALID_CONFIG',
        'TransactionCoordinator needs exactly one of dataDir, directory and inMemory',
      );
    }
    let store: TransactionStateStore;
    if (options.inMemory === true) {
      store = new MemoryTransactionStateLog();
    } else {
      const directory = options.directory ?? join(options.dataDir!, COORDINATOR_DIRECTORY, 'transactions');
      store = await TransactionStateLog.open({
        paths: offsetLogPathsAt(directory),
        fs: options.fs ?? nodeFileSystem,
        clock: options.clock ?? systemClock,
        compactMinRecords: options.compactMinRecords,
        compactRatio: options.compactRatio,
      });
    }
    const coordinator = new TransactionCoordinator(options, store);
    coordinator.recover();
    coordinator.scheduleTick();
    return coordinator;
  }

  /** Repairs made while opening the state log, one line each. */
  get repairs(): readonly string[] {
    return this.store.repairs;
  }

  private recover(): void {
    for (const meta of this.txns.values()) {
      if (meta.state === 'PrepareCommit' || meta.state === 'PrepareAbort')
        void this.completer.complete(meta.transactionalId);
    }
  }

  private scheduleTick(): void {
    const interval =
      this.options.abortTimedOutTransactionsIntervalMs ?? DEFAULT_ABORT_TIMED_OUT_TRANSACTIONS_INTERVAL_MS;
    if (this.closed || interval <= 0) return;
    this.cancelTimer = this.scheduler.schedule(interval, () => {
      this.scheduleTick();
      // A check still running when the next is due is not doubled: the next one is skipped.
      if (this.ticking === undefined) {
        this.ticking = this.tick().finally(() => {
          this.ticking = undefined;
        });
      }
    });
  }

  private get maxTimeoutMs(): number {
    return this.options.maxTransactionTimeoutMs ?? DEFAULT_MAX_TRANSACTION_TIMEOUT_MS;
  }

  /** Runs `change` with the id marked busy; a store failure answers COORDINATOR_NOT_AVAILABLE. */
  private async exclusive<T extends TxnResult>(id: string, failed: T, change: () => Promise<T>): Promise<T> {
    if (this.closed) return { ...failed, error: 'COORDINATOR_NOT_AVAILABLE' };
    if (this.busy.has(id)) return { ...failed, error: 'CONCURRENT_TRANSACTIONS' };
    this.busy.add(id);
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof MiniKafkaError)) throw error;
      return { ...failed, error: 'COORDINATOR_NOT_AVAILABLE' };
    } finally {
      this.busy.delete(id);
    }
  }

  /** Writes `next` durably, then installs it. */
  private async install(next: TransactionMetadata): Promise<void> {
    await this.store.write(next);
    this.txns.set(next.transactionalId, next);
  }

  async initProducerId(input: {
    transactionalId: string;
    transactionTimeoutMs: number;
    producerId: number;
    producerEpoch: number;
  }): Promise<TxnResult & ProducerIdAndEpoch> {
    const { transactionalId: id, transactionTimeoutMs: timeoutMs } = input;
    const failed = { error: null, ...NO_PRODUCER };
    if (id === '') return { ...failed, error: 'INVALID_REQUEST' };
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > this.maxTimeoutMs) {
      return { ...failed, error: 'INVALID_TRANSACTION_TIMEOUT' };
    }
    const expected =
      input.producerId >= 0 && input.producerEpoch >= 0
        ? { producerId: input.producerId, producerEpoch: input.producerEpoch }
        : undefined;
    return this.exclusive(id, failed, async () => {
      let meta =
        this.txns.get(id) ?? newMetadata(id, await this.options.allocateProducerId(), timeoutMs, this.clock.now());
      let plan = planInitProducerId(meta, expected, timeoutMs, this.clock.now());
      if ('fence' in plan) {
        await this.install(fenceAndAbort(meta, this.clock.now()));
        if (!(await this.completer.complete(id))) return { ...failed, error: 'CONCURRENT_TRANSACTIONS' };
        meta = this.txns.get(id)!;
        plan = planInitProducerId(meta, expected, timeoutMs, this.clock.now());
      }
      let next: TransactionMetadata;
      if ('rotate' in plan) {
        next = rotateProducerId(meta, await this.options.allocateProducerId(), expected, timeoutMs, this.clock.now());
      } else if ('next' in plan) {
        next = plan.next;
      } else {
        return { ...failed, error: 'error' in plan ? plan.error : 'CONCURRENT_TRANSACTIONS' };
      }
      await this.install(next);
      return { error: null, producerId: next.producerId, producerEpoch: next.producerEpoch };
    });
  }

  /** The checks every client request after InitProducerId starts with. */
  private checkRequest(input: ProducerInput): { error: ErrorType } | { meta: TransactionMetadata } {
    if (input.transactionalId === '') return { error: 'INVALID_REQUEST' };
    const meta = this.txns.get(input.transactionalId);
    if (meta === undefined) return { error: 'INVALID_PRODUCER_ID_MAPPING' };
    const error = checkProducer(meta, input.producerId, input.producerEpoch);
    return error === null ? { meta } : { error };
  }

  private add(input: ProducerInput, add: { partitions?: TopicPartition[]; groups?: string[] }): Promise<TxnResult> {
    const checked = this.checkRequest(input);
    if ('error' in checked) return Promise.resolve({ error: checked.error });
    return this.exclusive(input.transactionalId, { error: null }, async () => {
      const plan = planAdd(this.txns.get(input.transactionalId)!, add, this.clock.now());
      if (plan === null) return { error: null };
      if ('error' in plan) return { error: plan.error };
      await this.install(plan.next);
      return { error: null };
    });
  }

  addPartitions(input: ProducerInput & { partitions: TopicPartition[] }): Promise<TxnResult> {
    return this.add(input, { partitions: input.partitions });
  }

  addOffsets(input: ProducerInput & { groupId: string }): Promise<TxnResult> {
    return this.add(input, { groups: [input.groupId] });
  }

  /** May this producer write transactional batches to this partition now? (partition added to its Ongoing transaction, epoch current). */
  checkProduce(input: ProducerInput & { topic: string; partition: number }): ErrorType | null {
    const checked = this.checkRequest(input);
    if ('error' in checked) return checked.error;
    const { meta } = checked;
    const added = meta.partitions.some((tp) => tp.topic === input.topic && tp.partition === input.partition);
    return meta.state === 'Ongoing' && added ? null : 'INVALID_TXN_STATE';
  }

  /** May this producer commit offsets for this group in its transaction (group added with AddOffsets, epoch current)? */
  checkOffsetCommit(input: ProducerInput & { groupId: string }): ErrorType | null {
    const checked = this.checkRequest(input);
    if ('error' in checked) return checked.error;
    const { meta } = checked;
    return meta.state === 'Ongoing' && meta.groups.includes(input.groupId) ? null : 'INVALID_TXN_STATE';
  }

  async endTxn(input: ProducerInput & { commit: boolean }): Promise<TxnResult> {
    const checked = this.checkRequest(input);
    if ('error' in checked) return { error: checked.error };
    const id = input.transactionalId;
    const decided = await this.exclusive(id, { error: null }, async () => {
      const plan = planEnd(this.txns.get(id)!, input.commit, this.clock.now());
      if ('error' in plan) return { error: plan.error };
      if ('done' in plan) return { error: null };
      await this.install(plan.next);
      return { error: null, prepared: true };
    });
    // The decision is durable: markers that fail are retried in the background, the answer is NONE.
    if ('prepared' in decided) await this.completer.complete(id);
    return { error: decided.error };
  }

  listTransactions(filter: ListTransactionsFilter = {}): TransactionListing[] {
    return listTransactions(this.txns.values(), filter, this.clock.now());
  }

  describeTransactions(ids: readonly string[]): TransactionDescription[] {
    return ids.map((id) => describeTransaction(id, this.txns.get(id)));
  }

  /** One check: due marker retries, timed-out transactions, expired transactional ids. */
  async tick(): Promise<void> {
    if (this.closed) return;
    const now = this.clock.now();
    const work: Promise<unknown>[] = [this.completer.retryDue()];
    for (const meta of [...this.txns.values()]) {
      const id = meta.transactionalId;
      if (this.busy.has(id)) continue;
      if (meta.state === 'Ongoing' && meta.startTimeMs + meta.transactionTimeoutMs < now) {
        work.push(this.abortTimedOut(id));
      } else if (isIdle(meta.state) && meta.updateTimeMs + this.expirationMs <= now) {
        work.push(this.expire(id));
      }
    }
    await Promise.all(work);
  }

  private get expirationMs(): number {
    return this.options.transactionalIdExpirationMs ?? DEFAULT_TRANSACTIONAL_ID_EXPIRATION_MS;
  }

  /** Aborts a timed-out transaction with its epoch bumped: its producer is fenced. */
  private async abortTimedOut(id: string): Promise<void> {
    const result = await this.exclusive(id, { error: null, aborted: false }, async () => {
      const meta = this.txns.get(id);
      if (meta?.state !== 'Ongoing') return { error: null, aborted: false };
      await this.install(fenceAndAbort(meta, this.clock.now()));
      return { error: null, aborted: true };
    });
    if (result.aborted) await this.completer.complete(id);
  }

  private async expire(id: string): Promise<void> {
    await this.exclusive(id, { error: null }, async () => {
      const meta = this.txns.get(id);
      if (meta === undefined || !isIdle(meta.state)) return { error: null };
      await this.store.remove(id);
      this.txns.delete(id);
      return { error: null };
    });
  }

  /** Resolves when no marker write or completion is in flight (retries still scheduled stay scheduled). */
  async idle(): Promise<void> {
    await this.ticking;
    await this.completer.idle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelTimer?.();
    this.completer.stop();
    await this.completer.idle();
    await this.store.close();
  }
}
