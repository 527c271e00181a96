// Public surface of the API codecs and their table.

export * from './add-offsets-to-txn/index.js';
export * from './add-partitions-to-txn/index.js';
export * from './alter-configs/index.js';
export {
  type ApiCodec,
  type DecodedResponseOf,
  type RequestInputOf,
  type RequestOf,
  type ResponseOf,
  supportsVersion,
} from './api-codec.js';
export { API_TABLE, type ApiTableEntry, apiCodecFor, apiVersionsFrom, KAFKA_APIS, type KafkaApi } from './api-table.js';
export * from './api-versions/index.js';
export * from './create-acls/index.js';
export * from './create-partitions/index.js';
export * from './create-topics/index.js';
export * from './delete-acls/index.js';
export * from './delete-groups/index.js';
export * from './delete-records/index.js';
export * from './delete-topics/index.js';
export * from './describe-acls/index.js';
export * from './describe-cluster/index.js';
export * from './describe-configs/index.js';
export * from './describe-groups/index.js';
export * from './describe-log-dirs/index.js';
export * from './describe-producers/index.js';
export * from './describe-transactions/index.js';
export * from './end-txn/index.js';
export * from './fetch/index.js';
export * from './find-coordinator/index.js';
export * from './heartbeat/index.js';
export * from './incremental-alter-configs/index.js';
export * from './init-producer-id/index.js';
export * from './join-group/index.js';
export * from './leave-group/index.js';
export * from './list-groups/index.js';
export * from './list-offsets/index.js';
export * from './list-transactions/index.js';
export * from './metadata/index.js';
export * from './offset-commit/index.js';
export * from './offset-delete/index.js';
export * from './offset-fetch/index.js';
export * from './produce/index.js';
export * from './sasl-authenticate/index.js';
export * from './sasl-handshake/index.js';
export * from './sync-group/index.js';
export * from './txn-offset-commit/index.js';
