/**
 * MiniKafka: the entry point, kafkajs style. It holds the connection settings once and
 * hands out producers, consumers and admins that share them.
 */
import { Admin } from './admin.js';
import type { ClientOptions } from './client-options.js';
import { Consumer } from './consumer/consumer.js';
import type { ConsumerOptions } from './consumer/consumer-options.js';
import { PartitionReader } from './partition-reader.js';
import { Producer, type ProducerOptions } from './producer/producer.js';

export class MiniKafka {
  /** A # field: util.inspect of the client does not show the token it holds. */
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = { ...options };
  }

  producer(options: ProducerOptions = {}): Producer {
    return new Producer({ ...this.#options, ...options });
  }

  consumer(options: ConsumerOptions): Consumer {
    return new Consumer({ ...this.#options, ...options });
  }

  admin(): Admin {
    return new Admin(this.#options);
  }

  /** Reads partitions from an offset, outside any group. */
  partitionReader(): PartitionReader {
    return new PartitionReader(this.#options);
  }
}
