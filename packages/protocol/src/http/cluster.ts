/**
 * The cluster, its log directories and the start of a partition's log: GET /v1/cluster,
 * GET /v1/log-dirs, POST /v1/topics/{topic}/partitions/{partition}/delete-records.
 */
import * as z from 'zod';

export interface ClusterBroker {
  nodeId: number;
  /** Where Kafka clients connect (the advertised listener); null when the Kafka listener is off. */
  host: string | null;
  port: number | null;
  rack: null;
}

export interface DescribeClusterResponse {
  clusterId: string;
  controllerId: number;
  brokers: ClusterBroker[];
}

export interface LogDirPartition {
  partition: number;
  /** Bytes the partition's log holds on disk (every segment). */
  sizeBytes: number;
  /** Always 0: the only replica is the leader. */
  offsetLag: number;
}

export interface LogDir {
  /** The broker's data directory, or `(memory)` for an in-memory broker. */
  path: string;
  /** The file system's size and free space, in bytes; -1 when unknown (in memory). */
  totalBytes: number;
  usableBytes: number;
  topics: { topic: string; partitions: LogDirPartition[] }[];
}

export interface DescribeLogDirsResponse {
  logDirs: LogDir[];
}

/** Deletes the records before `offset` (-1: the high watermark, i.e. all of them). Kafka's DeleteRecords. */
export const deleteRecordsRequest = z.strictObject({
  offset: z.int().min(-1).max(Number.MAX_SAFE_INTEGER),
});
export type DeleteRecordsRequest = z.input<typeof deleteRecordsRequest>;

export interface DeleteRecordsResponse {
  topic: string;
  partition: number;
  /** The partition's new log start offset (Kafka's low watermark). */
  logStartOffset: number;
}
