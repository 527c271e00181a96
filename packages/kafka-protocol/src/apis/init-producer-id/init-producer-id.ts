/**
 * InitProducerId (API key 22), versions 0-1 here (flexible from 2: those come with the
 * schema-driven codecs). An idempotent producer's first request: it gets a producer id and
 * epoch for its batches.
 *
 * Request:
 *   transactional_id       nullable string   null for an idempotent (non-transactional) producer
 *   transaction_timeout_ms int32
 *   producer_id            int64  (v3+, default -1)
 *   producer_epoch         int16  (v3+, default -1)
 *
 * Response:
 *   throttle_time_ms int32
 *   error_code       int16
 *   producer_id      int64   -1 on error
 *   producer_epoch   int16
 */
import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
  /** v3+; -1 before. The producer id a producer already has, when it asks for a new epoch. */
  producerId: number;
  /** v3+; -1 before. */
  producerEpoch: number;
}

export interface InitProducerIdResponse {
  throttleTimeMs?: number;
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export const InitProducerId = defineApi<InitProducerIdRequest, InitProducerIdResponse>({
  apiKey: API_KEYS.InitProducerId,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,
  decodeRequest: (r: Reader) => ({
    transactionalId: r.nullableString(),
    transactionTimeoutMs: r.int32(),
    producerId: -1,
    producerEpoch: -1,
  }),
  encodeRequest: (w: Writer, _version: number, request: InitProducerIdRequest) => {
    w.nullableString(request.transactionalId).int32(request.transactionTimeoutMs);
  },
  encodeResponse: (w: Writer, _version: number, response: InitProducerIdResponse) => {
    w.int32(response.throttleTimeMs ?? 0)
      .int16(response.errorCode)
      .int64(response.producerId)
      .int16(response.producerEpoch);
  },
  decodeResponse: (r: Reader) => ({
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
  }),
});
