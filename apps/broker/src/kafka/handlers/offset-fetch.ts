/**
 * OffsetFetch (9) v0–8: a group's committed offsets (either kind of group), -1 with empty
 * metadata and no error where nothing is committed; `topics: null` (v2+) asks for every
 * committed one. An invalid group id (24) or a coordinator shutting down (15) is answered
 * on every requested partition, and at the top from v2. v8 asks for several groups at once
 * and gets an answer per group (the coordinator answers both shapes; the codec writes the
 * version's).
 */
import { OffsetFetch } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const offsetFetchHandler = defineHandler({
  codec: OffsetFetch,
  minVersion: 0,
  maxVersion: 8,
  handle: async (request, _source, ctx) => ctx.coordinator.kafkaOffsetFetch(request),
});
