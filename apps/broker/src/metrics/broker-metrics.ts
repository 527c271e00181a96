/**
 * BrokerMetrics: what the broker counts as it works, in Prometheus terms (prom-client),
 * one registry per broker so that several brokers in one process keep apart. The hot path
 * updates these once per request or per partition of a request, never per record: requests
 * by listener and outcome with their latency, records and bytes in and out per topic, fsync
 * latency, connections, rebalances and storage I/O failures. What the broker already knows
 * (log offsets and sizes, groups and their lag) is read when scraped (scrape-metrics.ts),
 * and so are the process's own figures (process-metrics.ts).
 */
import type { Counter as CounterType, Gauge as GaugeType, Histogram as HistogramType } from 'prom-client';
import { Counter, Gauge, Histogram, Registry } from './prom.js';

/** Request latencies, seconds: from a cached read to a long poll's full wait. */
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** fdatasync latencies, seconds: a fast SSD's 100 µs to a stalled disk's second. */
const FSYNC_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Where records came in or went out. */
export type Listener = 'http' | 'kafka';

/** How a Kafka request ended: answered, not answered by design (acks=0), or the connection closed over it. */
export type KafkaOutcome = 'answered' | 'unanswered' | 'failed';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export class BrokerMetrics {
  readonly registry = new Registry();

  private readonly httpRequests: CounterType<'method' | 'route' | 'status'>;
  private readonly httpDuration: HistogramType<'method' | 'route'>;
  private readonly kafkaRequests: CounterType<'api' | 'outcome'>;
  private readonly kafkaDuration: HistogramType<'api'>;
  private readonly recordsIn: CounterType<'topic' | 'listener'>;
  private readonly bytesIn: CounterType<'topic' | 'listener'>;
  private readonly recordsOut: CounterType<'topic' | 'listener'>;
  private readonly bytesOut: CounterType<'topic' | 'listener'>;
  private readonly fsyncDuration: HistogramType<never>;
  private readonly connections: GaugeType<'listener'>;
  private readonly connectionsAccepted: CounterType<'listener'>;
  private readonly rebalances: CounterType<'group' | 'reason'>;
  private readonly storageErrors: CounterType<'operation' | 'code'>;
  private readonly authentications: CounterType<'listener' | 'mechanism' | 'outcome'>;

  constructor() {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'mini_kafka_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'mini_kafka_http_request_duration_seconds',
      help: 'Time from an HTTP request to its answer (a streamed body: to its start), long polls included',
      labelNames: ['method', 'route'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.kafkaRequests = new Counter({
      name: 'mini_kafka_kafka_requests_total',
      help: 'Kafka-protocol requests handled, by API and outcome (answered, unanswered: acks=0, failed: the connection was closed)',
      labelNames: ['api', 'outcome'],
      registers,
    });
    this.kafkaDuration = new Histogram({
      name: 'mini_kafka_kafka_request_duration_seconds',
      help: 'Time a Kafka-protocol request took to handle, by API, long polls included',
      labelNames: ['api'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.recordsIn = new Counter({
      name: 'mini_kafka_topic_records_in_total',
      help: 'Records appended, by topic and the listener they came through',
      labelNames: ['topic', 'listener'],
      registers,
    });
    this.bytesIn = new Counter({
      name: 'mini_kafka_topic_bytes_in_total',
      help: 'Bytes of record batches appended, by topic and listener',
      labelNames: ['topic', 'listener'],
      registers,
    });
    this.recordsOut = new Counter({
      name: 'mini_kafka_topic_records_out_total',
      help: 'Records served to readers, by topic and listener',
      labelNames: ['topic', 'listener'],
      registers,
    });
    this.bytesOut = new Counter({
      name: 'mini_kafka_topic_bytes_out_total',
      help: 'Bytes of stored record batches served to readers, by topic and listener',
      labelNames: ['topic', 'listener'],
      registers,
    });
    this.fsyncDuration = new Histogram({
      name: 'mini_kafka_log_fsync_duration_seconds',
      help: 'fdatasync calls on log, index and offsets files, and how long each took',
      buckets: FSYNC_BUCKETS,
      registers,
    });
    this.connections = new Gauge({
      name: 'mini_kafka_connections',
      help: 'Open client connections, by listener',
      labelNames: ['listener'],
      registers,
    });
    this.connectionsAccepted = new Counter({
      name: 'mini_kafka_connections_accepted_total',
      help: 'Client connections accepted, by listener',
      labelNames: ['listener'],
      registers,
    });
    this.authentications = new Counter({
      name: 'mini_kafka_authentications_total',
      help: 'Client authentications, by listener, mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, ...) and outcome (succeeded, failed)',
      labelNames: ['listener', 'mechanism', 'outcome'],
      registers,
    });
    this.rebalances = new Counter({
      name: 'mini_kafka_group_rebalances_total',
      help: 'Consumer group rebalances completed, by group and reason',
      labelNames: ['group', 'reason'],
      registers,
    });
    this.storageErrors = new Counter({
      name: 'mini_kafka_storage_errors_total',
      help: 'File operations of the storage engine that failed, by operation and error code (ENOSPC, EIO, ...)',
      labelNames: ['operation', 'code'],
      registers,
    });
    for (const listener of ['http', 'kafka'] as const) {
      this.connections.set({ listener }, 0);
      this.connectionsAccepted.inc({ listener }, 0);
    }
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status });
    this.httpDuration.observe({ method, route }, seconds);
  }

  kafkaRequest(api: string, outcome: KafkaOutcome, seconds: number): void {
    this.kafkaRequests.inc({ api, outcome });
    this.kafkaDuration.observe({ api }, seconds);
  }

  /** `records` records in `bytes` bytes of batches were appended to `topic`. */
  appended(listener: Listener, topic: string, records: number, bytes: number): void {
    if (records === 0) return;
    this.recordsIn.inc({ topic, listener }, records);
    this.bytesIn.inc({ topic, listener }, bytes);
  }

  /** `records` records in `bytes` bytes of stored batches were served from `topic`. */
  served(listener: Listener, topic: string, records: number, bytes: number): void {
    if (records === 0) return;
    this.recordsOut.inc({ topic, listener }, records);
    this.bytesOut.inc({ topic, listener }, bytes);
  }

  fsynced(seconds: number): void {
    this.fsyncDuration.observe(seconds);
  }

  connectionOpened(listener: Listener): void {
    this.connections.inc({ listener });
    this.connectionsAccepted.inc({ listener });
  }

  /** A client authenticated, or failed to (`mechanism`: a bounded name, 'unsupported' for one not enabled). */
  authentication(listener: Listener, mechanism: string, outcome: 'succeeded' | 'failed'): void {
    this.authentications.inc({ listener, mechanism, outcome });
  }

  connectionClosed(listener: Listener): void {
    this.connections.dec({ listener });
  }

  rebalanced(group: string, reason: string): void {
    this.rebalances.inc({ group, reason });
  }

  storageFailed(operation: string, code: string): void {
    this.storageErrors.inc({ operation, code });
  }

  /** The exposition text, after running every collector. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
