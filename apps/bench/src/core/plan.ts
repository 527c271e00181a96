/**
 * How big a run is: the counts and sizes every scenario uses, for a full run and for
 * `--quick`. Every system gets the same records (count and value size) in a run.
 */

export interface RunPlan {
  quick: boolean;
  rounds: number;
  /** Records each throughput scenario produces and consumes (per round). */
  records: number;
  valueBytes: number;
  /** Records per batch for every batching client (a POST, a pipeline, sendBatch, a fetch). */
  batchRecords: number;
  /** Batches a batching producer keeps in flight. */
  inFlightBatches: number;
  /** Most outstanding asynchronous publishes of the NATS producer. */
  natsOutstanding: number;
  /** Records produced and consumed untimed before each throughput measurement. */
  warmupRecords: number;
  /** The disk ceiling: bytes written between two fdatasyncs. */
  diskChunkBytes: number;
  /** Members of the SDK consumer groups, one group per count. */
  sdkMembers: number[];
  latencyRate: number;
  latencyWarmupSeconds: number;
  latencySeconds: number;
  startupTopics: number;
  /** Records spread over the start-up topics. */
  startupRecords: number;
  /** Records of the one-partition log whose fetch cost is measured at start, middle and end. */
  bigLogRecords: number;
  /** Fetches timed at each position of the big log (after as many untimed). */
  fetchSamples: number;
  bigReads: number;
  bigReadMaxBytes: number;
  /** How often the /health probe asks during the big reads. */
  healthProbeIntervalMs: number;
  /** One-record requests timed one at a time, direct and through the gateway (each way: POST, GET). */
  hopRequests: number;
}

export function makePlan(quick: boolean, rounds: number): RunPlan {
  const common = {
    quick,
    rounds,
    valueBytes: 100,
    batchRecords: 1_000,
    inFlightBatches: 4,
    natsOutstanding: 1_000,
    diskChunkBytes: 100 * 1024,
    sdkMembers: [1, 2, 4],
    latencyRate: 10_000,
    startupTopics: 10,
    bigReadMaxBytes: 64 * 1024 * 1024,
    healthProbeIntervalMs: 10,
  };
  if (quick) {
    return {
      ...common,
      records: 20_000,
      warmupRecords: 2_000,
      latencyWarmupSeconds: 1,
      latencySeconds: 2,
      bigReads: 4,
      startupRecords: 50_000,
      bigLogRecords: 200_000,
      fetchSamples: 5,
      hopRequests: 300,
    };
  }
  return {
    ...common,
    records: 1_000_000,
    warmupRecords: 50_000,
    latencyWarmupSeconds: 2,
    latencySeconds: 20,
    bigReads: 16,
    startupRecords: 1_000_000,
    bigLogRecords: 10_000_000,
    fetchSamples: 30,
    hopRequests: 3_000,
  };
}
