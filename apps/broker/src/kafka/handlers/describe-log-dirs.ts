/**
 * DescribeLogDirs (35) v0–4: the one log directory (the data directory) with each
 * partition's size, from the AdminService as GET /v1/log-dirs answers.
 *
 * Behaviour: a null topic list asks for every partition; topics and partitions that do not
 * exist are left out, as Kafka does. The offset lag is 0 (the only replica is the leader),
 * no log is a future one. An in-memory broker answers the directory "(memory)". Without
 * Describe on the cluster the answer lists no directory (v3+: CLUSTER_AUTHORIZATION_FAILED).
 * Version notes: v3+ a top-level error code; v4+ the file system's total and usable
 * bytes (from statfs; -1 in memory).
 */
import { DescribeLogDirs } from '@mini-kafka/kafka-protocol';
import { mayOnCluster } from '../access.js';
import { adminService } from '../admin-answers.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const describeLogDirsHandler = defineHandler({
  codec: DescribeLogDirs,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, source, ctx) {
    // As Kafka: without Describe on the cluster, no directories (and, v3+, the error).
    if (!mayOnCluster(ctx, source, 'Describe'))
      return { throttleTimeMs: 0, errorCode: code('CLUSTER_AUTHORIZATION_FAILED'), results: [] };
    const dir = await adminService(ctx).describeLogDirs(
      request.topics?.map(({ topic, partitions }) => ({ topic, partitions })) ?? null,
    );
    return {
      throttleTimeMs: 0,
      errorCode: NONE,
      results: [
        {
          errorCode: NONE,
          logDir: dir.path,
          topics: dir.topics.map(({ topic, partitions }) => ({
            name: topic,
            partitions: partitions.map((p) => ({
              partitionIndex: p.partition,
              partitionSize: p.sizeBytes,
              offsetLag: p.offsetLag,
              isFutureKey: false,
            })),
          })),
          totalBytes: dir.totalBytes,
          usableBytes: dir.usableBytes,
        },
      ],
    };
  },
});
