/** The records a log stores and returns. Keys and values are bytes or null. */

/** A record header. Kafka header keys are UTF-8 strings; values are bytes or null. */
export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** Bytes given to the log: a Uint8Array as it is, or a string as UTF-8. */
export type BytesInput = Uint8Array | string;

export interface RecordHeaderInput {
  key: string;
  value: BytesInput | null;
}

/** A record to append. A missing timestamp means "now" on the log's clock. */
export interface RecordInput {
  key?: BytesInput | null;
  value: BytesInput | null;
  headers?: readonly RecordHeaderInput[];
  timestamp?: number;
}

/** A record read back from the log, with its offset. */
export interface StoredRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}
