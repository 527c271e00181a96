/**
 * OffsetFetch (9) v1–4: a group's committed offsets (either kind of group), -1 with empty
 * metadata and no error where nothing is committed; `topics: null` (v2+) asks for every
 * committed one. An invalid group id (24) or a coordinator shutting down (15) is answered
 * on every requested partition, and at the top from v2.
 */
import { OffsetFetch } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const offsetFetchHandler = defineHandler({
  codec: OffsetFetch,
  minVersion: 1,
  maxVersion: 4,
  handle: async (request, _source, ctx) => ctx.coordinator.kafkaOffsetFetch(request),
});
