/**
 * One line of help for each broker setting, shown by `mini-kafka --help` and
 * `mini-kafka serve --help` beside the flag, its environment variable and its default.
 * Kept apart from broker-config.ts so that starting the broker loads none of it.
 */
import type { BrokerConfig } from './broker-config.js';

export const CONFIG_DESCRIPTIONS: Record<keyof BrokerConfig, string> = {
  host: 'interface the HTTP API listens on',
  port: 'HTTP port; 0 picks a free one',
  kafkaPort: 'Kafka-protocol port (kafkajs, kcat, librdkafka); 0 picks a free one, -1 turns the listener off',
  advertisedHost: 'host that Metadata and FindCoordinator give Kafka clients (default: the listen host)',
  dataDir: 'where topics and group offsets live',
  inMemory: 'keep everything in memory; nothing survives a restart',
  flush: 'when an append is acknowledged: after fsync (always), on a timer (interval), or by the OS (never)',
  flushIntervalMs: 'the timer of --flush interval, in ms',
  segmentBytes: 'size at which a partition rolls to a new segment',
  segmentMs: 'age at which a partition rolls to a new segment, in ms',
  retentionMs: 'how long records are kept, in ms; -1 forever',
  retentionBytes: 'most bytes a partition keeps; -1 no limit',
  retentionCheckIntervalMs: 'how often retention runs, in ms',
  scrubOnStart: 'once serving, read every stored batch in the background for damage (--no-scrub-on-start: off)',
  defaultPartitions: 'partitions of a topic created without a count (auto-created ones too)',
  autoCreateTopics: 'create a topic on first produce (--no-auto-create-topics: off)',
  maxTopics: 'most topics the broker holds',
  maxPartitions: 'most partitions across all topics',
  maxMessageBytes: 'largest record (key + value + headers) accepted',
  maxRequestBytes: 'largest HTTP request body accepted',
  fetchMemoryBytes: 'broker-wide budget for bytes held by reads in flight',
  fetchMaxBytes: 'most bytes one read takes (Kafka fetch.max.bytes)',
  connectionsMaxIdleMs: 'close a Kafka connection idle this long, in ms; -1 never',
  requestReadTimeoutMs:
    'close a Kafka connection whose request is not whole this long after its first bytes, in ms; -1 never',
  sessionTimeoutMs: 'a group member silent this long is removed, in ms',
  groupInitialRebalanceDelayMs:
    'how long the first rebalance of an empty Kafka-protocol group waits for more members, in ms',
  transactionMaxTimeoutMs: 'the longest transaction timeout a transactional producer may ask for, in ms',
  allowedOrigins: 'web origins whose pages may call the HTTP API (comma-separated; * for any)',
  auth: 'require authentication on both listeners and enforce ACLs (SASL or client certificates, bearer tokens)',
  credentialsFile: 'users and API tokens file (mini-kafka users / tokens); default <data-dir>/credentials.json',
  superUsers: 'principals allowed everything, e.g. User:admin (comma-separated)',
  allowEveryoneIfNoAclFound: 'allow requests on resources no ACL names (default: denied)',
  saslMechanisms: 'SASL mechanisms the Kafka listener offers (comma-separated)',
  kafkaSecurityProtocol: 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (default: from --auth and --tls-cert-file)',
  tlsCertFile: 'TLS certificate (PEM); both listeners serve TLS when set',
  tlsKeyFile: 'private key of the TLS certificate (PEM)',
  tlsCaFile: 'CA certificates (PEM) client certificates must chain to (mTLS)',
  tlsClientAuth: 'client certificates: none, requested or required (default: from the other TLS settings)',
  principalFromCertificate: "a client certificate's principal: its subject's CN (cn) or its whole DN (dn)",
  authFailureDelayMs: 'pause before answering a failed authentication, doubling per failure in a row, in ms',
  logLevel: 'how much the broker logs (one JSON line per event, on stdout)',
};
