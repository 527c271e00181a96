/**
 * DeleteRecords (21) v0–2: moves each partition's log start offset, through the
 * AdminService as POST /v1/topics/{topic}/partitions/{partition}/delete-records does.
 *
 * Behaviour: records before `offset` are deleted (-1: every record below the high
 * watermark); the answer's low watermark is the new log start offset, durable before the
 * answer. An offset past the high watermark (or below -1) is OFFSET_OUT_OF_RANGE; one at or
 * below the current start changes nothing. Unknown topics and partitions are
 * UNKNOWN_TOPIC_OR_PARTITION. Failed partitions answer low watermark -1.
 * Version notes: every version has the same fields (v2 flexible).
 */
import { DeleteRecords, type DeleteRecordsTopicResult } from '@mini-kafka/kafka-protocol';
import { mayOnTopic } from '../access.js';
import { adminService } from '../admin-answers.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const deleteRecordsHandler = defineHandler({
  codec: DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const topics: DeleteRecordsTopicResult[] = [];
    for (const { name, partitions } of request.topics) {
      const answers: DeleteRecordsTopicResult['partitions'] = [];
      const deletable = mayOnTopic(ctx, source, 'Delete', name);
      for (const { partitionIndex, offset } of partitions) {
        if (!deletable) {
          answers.push({ partitionIndex, lowWatermark: -1, errorCode: code('TOPIC_AUTHORIZATION_FAILED') });
          continue;
        }
        try {
          const lowWatermark = await admin.deleteRecords(name, partitionIndex, offset);
          answers.push({ partitionIndex, lowWatermark, errorCode: NONE });
        } catch (error) {
          answers.push({ partitionIndex, lowWatermark: -1, errorCode: errorCodeOf(error) });
        }
      }
      topics.push({ name, partitions: answers });
    }
    return { throttleTimeMs: 0, topics };
  },
});
