/**
 * What `verifyDataDir` answers: per topic and partition, the segments with their offsets,
 * records and bytes, and every problem found, each with a severity:
 * - `damage`: records lost or unreadable, or files that make reads fail (the CLI exits 1);
 * - `warning`: something the next open repairs or removes on its own (an index that fails
 *   the sanity check, a torn final write, a corrupt producer snapshot, stray files);
 * - `info`: worth knowing, nothing wrong (an unclean stop, an index not written yet).
 */

export type Severity = 'damage' | 'warning' | 'info';

export interface VerifyProblem {
  severity: Severity;
  /** The file concerned, relative to its partition directory (or the data directory). */
  file?: string;
  /** Byte position in that file. */
  position?: number;
  /** Offsets concerned, `toOffset` inclusive, when known. */
  fromOffset?: number;
  toOffset?: number;
  message: string;
}

export interface SegmentSummary {
  file: string;
  baseOffset: number;
  bytes: number;
  /** Bytes of whole, valid batches from the start of the file. */
  validBytes: number;
  batches: number;
  records: number;
  /** The offsets of the valid batches, `undefined` for an empty segment. */
  firstOffset: number | undefined;
  lastOffset: number | undefined;
  indexEntries: number;
  timeIndexEntries: number;
}

export interface PartitionVerification {
  topic: string;
  partition: number;
  directory: string;
  /** Whether the log was closed cleanly (its marker file is there). */
  cleanShutdown: boolean;
  /** The first offset a reader may ask for (the checkpoint DeleteRecords left, or the first segment's base). */
  logStartOffset: number;
  /**
   * The log end offset the next open gives the log: after the tail's last valid batch, or
   * after the offsets a damaged tail names (the open continues there).
   */
  logEndOffset: number;
  /** Records in the valid batches of every segment. */
  records: number;
  bytes: number;
  segments: SegmentSummary[];
  /** Producer state snapshots found. */
  snapshots: number;
  /** Files in `damaged/` (bytes an earlier recovery kept aside), and their total size. */
  keptAside: { files: number; bytes: number };
  problems: VerifyProblem[];
  /** Whether any problem is `damage`. */
  damaged: boolean;
}

export interface TopicVerification {
  name: string;
  /** `undefined` when topic.json holds none, or cannot be read. */
  topicId: string | undefined;
  /** The partitions topic.json names; none when it cannot be read. */
  partitions: PartitionVerification[];
  /**
   * Problems of the topic itself (files relative to the data directory): a topic.json that
   * cannot be read or is not valid, partition directories beyond the count it names. Both
   * are `damage`: the broker does not serve those records.
   */
  problems: VerifyProblem[];
}

export interface DataDirVerification {
  dataDir: string;
  topics: TopicVerification[];
  /**
   * Directories that are not topics, with why: no topic.json (a creation that never
   * committed), a name no topic may have; `~coordinator` is one.
   */
  skipped: { name: string; reason: string }[];
  partitions: number;
  segments: number;
  damagedPartitions: number;
  /** Topics with a problem of their own (see `TopicVerification.problems`). */
  damagedTopics: number;
  /** No partition and no topic has damage. */
  ok: boolean;
}
