/**
 * RecordAccumulator: coalesces single sends into batches per topic, like Kafka's
 * `linger.ms` / `batch.size`. A topic's records wait until one of these holds:
 *   - `batchSize` records or `maxBatchBytes` bytes are pending (sent at once),
 *   - the first pending record has waited `lingerMs` (0: until the current turn of the
 *     event loop ends, so the sends of one synchronous loop still share a request),
 *   - `flush()` asked for everything appended so far.
 * At most one batch per topic is in flight, so a topic's records are written in the order
 * they were appended, retries included; different topics proceed independently. Records
 * that arrive while a batch is in flight form the next one, which leaves as soon as the
 * previous one is answered if their linger is over by then (with `lingerMs` 0, always):
 * the batches grow with the round trip, without a timer holding them back. Each
 * append's promise settles with its own record's result; `appendAll` appends several
 * records under one promise (their results in order, or the first failure), which is what
 * keeps a `sendBatch` of thousands of records from costing a promise each. No I/O here:
 * `send` does it.
 */
import { MiniKafkaError, toMiniKafkaError } from '@mini-kafka/protocol';

export interface AccumulatorOptions<R, T> {
  lingerMs: number;
  /** Most records in one batch. */
  batchSize: number;
  /** Most bytes in one batch (by `append`'s size); a larger single record travels alone. */
  maxBatchBytes: number;
  /** Sends one batch; answers one entry per record, in order: its result, or the Error it failed with. */
  send: (topic: string, records: R[]) => Promise<Array<T | Error>>;
  timers?: Timers;
}

export interface Timers {
  /** Calls `callback` after `ms`; with 0, once the current turn of the event loop (its I/O callbacks) is over. */
  set: (callback: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

type RealTimer = { immediate: NodeJS.Immediate } | { timeout: NodeJS.Timeout };

const realTimers: Timers = {
  // setTimeout(0) waits at least 1 ms; setImmediate runs right after the current I/O phase.
  set: (callback, ms): RealTimer =>
    ms <= 0 ? { immediate: setImmediate(callback) } : { timeout: setTimeout(callback, ms) },
  clear: (handle) => {
    const timer = handle as RealTimer;
    if ('immediate' in timer) clearImmediate(timer.immediate);
    else clearTimeout(timer.timeout);
  },
};

/** The records of one append call: its promise settles once all of them have, or at the first failure. */
interface Group<T> {
  results: T[];
  left: number;
  failed: boolean;
  resolve: (results: T[]) => void;
  reject: (error: Error) => void;
}

/** Records in order, as parallel arrays (no object per record). */
interface Records<R, T> {
  records: R[];
  sizes: number[];
  groups: Array<Group<T>>;
  /** Each record's index in its group. */
  indices: number[];
}

interface TopicQueue<R, T> extends Records<R, T> {
  topic: string;
  pendingBytes: number;
  timer: unknown;
  lingerExpired: boolean;
  inFlight: boolean;
  appended: number;
  taken: number;
  /** Records up to this append count must go out without lingering (flush). */
  flushUntil: number;
  /** Records whose batch has been answered. */
  settled: number;
  /** The batch in flight: settles (never rejects) once it is answered and the next one, if any, has left. */
  dispatching: Promise<void>;
}

/**
 * `promise`, marked as handled: a send whose caller looks at its outcome only later (or
 * never) does not raise an unhandled rejection; the caller still sees the failure.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function settle<T>(group: Group<T>, index: number, result: T | Error): void {
  if (group.failed) return;
  if (result instanceof Error) {
    group.failed = true;
    group.reject(result);
    return;
  }
  group.results[index] = result;
  if (--group.left === 0) group.resolve(group.results);
}

export class RecordAccumulator<R, T> {
  private readonly queues = new Map<string, TopicQueue<R, T>>();
  private readonly timers: Timers;

  constructor(private readonly options: AccumulatorOptions<R, T>) {
    this.timers = options.timers ?? realTimers;
  }

  /** Queues one record; the promise settles when its batch has been answered. */
  append(topic: string, record: R, size: number): Promise<T> {
    return handled(this.appendAll(topic, [record], [size]).then((results) => results[0]!));
  }

  /**
   * Queues records in order (`sizes[i]` is the size of `records[i]`); the promise resolves
   * with their results once every one has been answered, or rejects with the first failure.
   */
  appendAll(topic: string, records: readonly R[], sizes: readonly number[]): Promise<T[]> {
    if (records.length === 0) return Promise.resolve([]);
    const queue = this.queue(topic);
    const promise = new Promise<T[]>((resolve, reject) => {
      const group: Group<T> = {
        results: new Array<T>(records.length),
        left: records.length,
        failed: false,
        resolve,
        reject,
      };
      for (let i = 0; i < records.length; i++) {
        queue.records.push(records[i]!);
        queue.sizes.push(sizes[i]!);
        queue.groups.push(group);
        queue.indices.push(i);
        queue.pendingBytes += sizes[i]!;
      }
    });
    queue.appended += records.length;
    if (queue.timer === undefined && !queue.lingerExpired) {
      queue.timer = this.timers.set(() => {
        queue.timer = undefined;
        queue.lingerExpired = true;
        this.drain(queue);
      }, this.options.lingerMs);
    }
    this.drain(queue);
    return handled(promise);
  }

  /** Sends everything appended so far without lingering; resolves when all of it has settled. */
  async flush(): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const queue of this.queues.values()) {
      queue.flushUntil = queue.appended;
      this.drain(queue);
      waits.push(this.settledUpTo(queue, queue.appended));
    }
    await Promise.all(waits);
  }

  /** Resolves once the first `count` records appended to `queue` have settled. */
  private async settledUpTo(queue: TopicQueue<R, T>, count: number): Promise<void> {
    while (queue.settled < count) await queue.dispatching;
  }

  private queue(topic: string): TopicQueue<R, T> {
    let queue = this.queues.get(topic);
    if (queue === undefined) {
      queue = {
        topic,
        records: [],
        sizes: [],
        groups: [],
        indices: [],
        pendingBytes: 0,
        timer: undefined,
        lingerExpired: false,
        inFlight: false,
        appended: 0,
        taken: 0,
        flushUntil: 0,
        settled: 0,
        dispatching: Promise.resolve(),
      };
      this.queues.set(topic, queue);
    }
    return queue;
  }

  private ready(queue: TopicQueue<R, T>): boolean {
    return (
      queue.records.length >= this.options.batchSize ||
      queue.pendingBytes >= this.options.maxBatchBytes ||
      queue.lingerExpired ||
      queue.flushUntil > queue.taken
    );
  }

  private drain(queue: TopicQueue<R, T>): void {
    if (queue.inFlight || queue.records.length === 0 || !this.ready(queue)) {
      if (!queue.inFlight && queue.records.length === 0 && queue.timer === undefined) this.queues.delete(queue.topic);
      return;
    }
    const batch = this.take(queue);
    if (queue.records.length === 0) {
      if (queue.timer !== undefined) this.timers.clear(queue.timer);
      queue.timer = undefined;
      queue.lingerExpired = false;
    }
    queue.inFlight = true;
    queue.dispatching = this.dispatch(queue.topic, batch).finally(() => {
      queue.inFlight = false;
      queue.settled += batch.records.length;
      this.queues.set(queue.topic, queue);
      this.drain(queue);
    });
  }

  private take(queue: TopicQueue<R, T>): Records<R, T> {
    let count = 0;
    let bytes = 0;
    while (count < queue.records.length && count < this.options.batchSize) {
      const size = queue.sizes[count]!;
      if (count > 0 && bytes + size > this.options.maxBatchBytes) break;
      bytes += size;
      count++;
    }
    queue.pendingBytes -= bytes;
    queue.taken += count;
    return {
      records: queue.records.splice(0, count),
      sizes: queue.sizes.splice(0, count),
      groups: queue.groups.splice(0, count),
      indices: queue.indices.splice(0, count),
    };
  }

  private async dispatch(topic: string, batch: Records<R, T>): Promise<void> {
    const { groups, indices } = batch;
    try {
      const results = await this.options.send(topic, batch.records);
      for (let i = 0; i < groups.length; i++) {
        const result =
          results[i] ??
          new MiniKafkaError(
            'UNKNOWN_SERVER_ERROR',
            `The broker answered no result for record ${i} of a batch of ${topic}`,
          );
        settle(groups[i]!, indices[i]!, result);
      }
    } catch (error) {
      const failure = toMiniKafkaError(error);
      for (let i = 0; i < groups.length; i++) settle(groups[i]!, indices[i]!, failure);
    }
  }
}
