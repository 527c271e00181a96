/**
 * RecordAccumulator: coalesces single sends into batches per topic, like Kafka's
 * `linger.ms` / `batch.size`. A topic's records wait until one of these holds:
 *   - `batchSize` records or `maxBatchBytes` bytes are pending (sent at once),
 *   - the first pending record has waited `lingerMs`,
 *   - `flush()` asked for everything appended so far.
 * At most one batch per topic is in flight, so a topic's records are written in the order
 * they were appended, retries included; different topics proceed independently. Each
 * append's promise settles with its own record's result. No I/O here: `send` does it.
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
  set: (callback: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Entry<R, T> {
  record: R;
  size: number;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

interface TopicQueue<R, T> {
  topic: string;
  pending: Array<Entry<R, T>>;
  pendingBytes: number;
  timer: unknown;
  lingerExpired: boolean;
  inFlight: boolean;
  appended: number;
  taken: number;
  /** Records up to this append count must go out without lingering (flush). */
  flushUntil: number;
  /** Settles (never rejects) when the last appended record has settled. */
  last: Promise<unknown>;
}

export class RecordAccumulator<R, T> {
  private readonly queues = new Map<string, TopicQueue<R, T>>();
  private readonly timers: Timers;

  constructor(private readonly options: AccumulatorOptions<R, T>) {
    this.timers = options.timers ?? realTimers;
  }

  /** Queues one record; the promise settles when its batch has been answered. */
  append(topic: string, record: R, size: number): Promise<T> {
    const queue = this.queue(topic);
    const promise = new Promise<T>((resolve, reject) => {
      queue.pending.push({ record, size, resolve, reject });
    });
    queue.pendingBytes += size;
    queue.appended++;
    queue.last = promise.then(
      () => undefined,
      () => undefined,
    );
    if (queue.timer === undefined && !queue.lingerExpired) {
      queue.timer = this.timers.set(() => {
        queue.timer = undefined;
        queue.lingerExpired = true;
        this.drain(queue);
      }, this.options.lingerMs);
    }
    this.drain(queue);
    return promise;
  }

  /** Sends everything appended so far without lingering; resolves when all of it has settled. */
  async flush(): Promise<void> {
    const waits: Array<Promise<unknown>> = [];
    for (const queue of this.queues.values()) {
      queue.flushUntil = queue.appended;
      waits.push(queue.last);
      this.drain(queue);
    }
    await Promise.all(waits);
  }

  private queue(topic: string): TopicQueue<R, T> {
    let queue = this.queues.get(topic);
    if (queue === undefined) {
      queue = {
        topic,
        pending: [],
        pendingBytes: 0,
        timer: undefined,
        lingerExpired: false,
        inFlight: false,
        appended: 0,
        taken: 0,
        flushUntil: 0,
        last: Promise.resolve(),
      };
      this.queues.set(topic, queue);
    }
    return queue;
  }

  private ready(queue: TopicQueue<R, T>): boolean {
    return (
      queue.pending.length >= this.options.batchSize ||
      queue.pendingBytes >= this.options.maxBatchBytes ||
      queue.lingerExpired ||
      queue.flushUntil > queue.taken
    );
  }

  private drain(queue: TopicQueue<R, T>): void {
    if (queue.inFlight || queue.pending.length === 0 || !this.ready(queue)) {
      if (!queue.inFlight && queue.pending.length === 0 && queue.timer === undefined) this.queues.delete(queue.topic);
      return;
    }
    const batch = this.take(queue);
    if (queue.pending.length === 0) {
      if (queue.timer !== undefined) this.timers.clear(queue.timer);
      queue.timer = undefined;
      queue.lingerExpired = false;
    }
    queue.inFlight = true;
    void this.dispatch(queue.topic, batch).finally(() => {
      queue.inFlight = false;
      this.queues.set(queue.topic, queue);
      this.drain(queue);
    });
  }

  private take(queue: TopicQueue<R, T>): Array<Entry<R, T>> {
    let count = 0;
    let bytes = 0;
    while (count < queue.pending.length && count < this.options.batchSize) {
      const size = queue.pending[count]!.size;
      if (count > 0 && bytes + size > this.options.maxBatchBytes) break;
      bytes += size;
      count++;
    }
    queue.pendingBytes -= bytes;
    queue.taken += count;
    return queue.pending.splice(0, count);
  }

  private async dispatch(topic: string, batch: Array<Entry<R, T>>): Promise<void> {
    try {
      const results = await this.options.send(
        topic,
        batch.map((entry) => entry.record),
      );
      batch.forEach((entry, index) => {
        const result = results[index];
        if (result instanceof Error) entry.reject(result);
        else if (result === undefined) {
          entry.reject(
            new MiniKafkaError(
              'UNKNOWN_SERVER_ERROR',
              `The broker answered no result for record ${index} of a batch of ${topic}`,
            ),
          );
        } else entry.resolve(result);
      });
    } catch (error) {
      const failure = toMiniKafkaError(error);
      for (const entry of batch) entry.reject(failure);
    }
  }
}
