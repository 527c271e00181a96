/** The schemas of the answers about the cluster, its log directories, and deleted records. */
import * as z from 'zod';

/** The schema of `DescribeClusterResponse`. */
export const describeClusterResponse = z.strictObject({
  clusterId: z.string(),
  controllerId: z.int(),
  brokers: z.array(
    z.strictObject({ nodeId: z.int(), host: z.string().nullable(), port: z.int().nullable(), rack: z.null() }),
  ),
});

/** The schema of `BrokerInfoResponse`. */
export const brokerInfoResponse = z.strictObject({
  version: z.string(),
  nodeId: z.int(),
  clusterId: z.string(),
  startedAt: z.iso.datetime(),
  uptimeMs: z.int().min(0),
  listeners: z.strictObject({ http: z.string(), kafka: z.string().nullable() }),
  config: z.array(
    z.strictObject({
      name: z.string(),
      value: z.unknown(),
      source: z.enum(['flag', 'env', 'file', 'given', 'default']),
    }),
  ),
  disk: z.strictObject({
    path: z.string(),
    totalBytes: z.int(),
    usableBytes: z.int(),
    usedBytes: z.int(),
    topics: z.array(z.strictObject({ topic: z.string(), sizeBytes: z.int() })),
  }),
});

/** The schema of `LogDirPartition`. */
export const logDirPartition = z.strictObject({ partition: z.int(), sizeBytes: z.int(), offsetLag: z.int() });

/** The schema of `DescribeLogDirsResponse`. */
export const describeLogDirsResponse = z.strictObject({
  logDirs: z.array(
    z.strictObject({
      path: z.string(),
      totalBytes: z.int(),
      usableBytes: z.int(),
      topics: z.array(z.strictObject({ topic: z.string(), partitions: z.array(logDirPartition) })),
    }),
  ),
});

/** The schema of `DeleteRecordsResponse`. */
export const deleteRecordsResponse = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  logStartOffset: z.int(),
});
