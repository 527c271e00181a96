// The varints of records and big-endian int64s: defined in @mini-kafka/protocol/record-batch (shared with the SDK).
export {
  readInt64,
  VarintReader,
  varintSize,
  varlongSize,
  writeInt64,
  writeVarint,
  writeVarlong,
} from '@mini-kafka/protocol/record-batch';
