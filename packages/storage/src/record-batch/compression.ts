// The injected inflaters of compressed batches (gzip built in): defined in @mini-kafka/protocol/record-batch (shared with the SDK).
export {
  CODEC_NAMES,
  DEFAULT_INFLATERS,
  type Inflate,
  type Inflaters,
  inflaterFor,
} from '@mini-kafka/protocol/record-batch';
