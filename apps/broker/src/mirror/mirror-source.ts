/**
 * Where the mirror reads from: a stopped broker's data directory (dir-source.ts) or a running
 * broker through its Kafka port (cluster-source.ts). Both answer committed records only
 * (read_committed: no transaction markers, no aborted records), in offset order.
 */
import type { StoredRecord } from '@mini-kafka/storage';

export interface SourceTopic {
  name: string;
  partitions: number;
  /** The topic's own settings (overrides of the broker's defaults), by Kafka name. */
  configs: Record<string, string>;
}

export interface SourceRead {
  records: StoredRecord[];
  /** Where to read next: after the records returned (and any markers or gaps after them). */
  nextOffset: number;
}

export interface SourceGroupOffset {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

export interface MirrorSource {
  /** Every topic the source holds (internal ones left out), sorted by name. */
  topics(): Promise<SourceTopic[]>;
  /** The first offset still held, and the end of what is committed (the last stable offset). */
  bounds(topic: string, partition: number): Promise<{ start: number; end: number }>;
  /** Committed records from `offset` (>= start): at most `maxRecords`, about `maxBytes`. */
  read(topic: string, partition: number, offset: number, maxRecords: number, maxBytes: number): Promise<SourceRead>;
  /** Every group's committed offsets. */
  groupOffsets(): Promise<SourceGroupOffset[]>;
  close(): Promise<void>;
}
