/**
 * The type names of 0.1, which called records messages. Kept as aliases so code written
 * against 0.1 still compiles; each one is exactly its replacement.
 */
import type { ConsumerRecord, RecordData, RecordHeaders } from './encoding.js';
import type { TopicRecords } from './producer/producer.js';
import type { ProducerRecord } from './producer/producer-record.js';

/** @deprecated Use ConsumerRecord. */
export type ConsumerMessage = ConsumerRecord;

/** @deprecated Use ProducerRecord. */
export type ProducerMessage = ProducerRecord;

/** @deprecated Use RecordData. */
export type MessageData = RecordData;

/** @deprecated Use RecordHeaders. */
export type MessageHeaders = RecordHeaders;

/** @deprecated Use TopicRecords. */
export type TopicMessages = TopicRecords;
