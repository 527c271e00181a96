/**
 * Up-conversion of decoded magic 0/1 messages to the records of a RecordBatch v2 append, as
 * Kafka's LogValidator converts them: keys and values as they are, no headers, offsets given
 * by the log (consecutive, in message order). Timestamps: magic 1 keeps the message's (a
 * log-append-time wrapper's already replaced its inner ones); magic 0 has none, which
 * Kafka stores as -1 (NO_TIMESTAMP) under CreateTime, or the append time with
 * `logAppendTime`.
 */
import type { RecordInput } from '../record.js';
import type { LegacyRecord } from './legacy-message.js';

export const NO_TIMESTAMP = -1;

export function upConvertLegacyRecords(
  records: readonly LegacyRecord[],
  options: { logAppendTime?: number } = {},
): RecordInput[] {
  return records.map((record) => ({
    key: record.key,
    value: record.value,
    timestamp: options.logAppendTime ?? (record.magic === 0 ? NO_TIMESTAMP : record.timestamp),
  }));
}
