/**
 * The broker's settings: every one has a default, a command-line flag (--kebab-case),
 * an environment variable (MINI_KAFKA_UPPER_SNAKE) and a key in the optional JSON config
 * file (camelCase). Precedence: flag > environment > file > default.
 */
import { DEFAULT_MAX_PARTITIONS, DEFAULT_MAX_TOPICS } from '@mini-kafka/storage';
import * as z from 'zod';

const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().pipe(z.int().min(min).max(max));
const unlimitedOr = (min: number) =>
  z.coerce.number().pipe(z.union([z.literal(-1), z.int().min(min).max(Number.MAX_SAFE_INTEGER)]));
const bool = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v)),
]);

/** A list: an array in a config file, comma-separated on the command line and in the environment. */
const commaList = z
  .union([z.array(z.string()), z.string().transform((list) => list.split(','))])
  .transform((list) => list.map((item) => item.trim()).filter((item) => item !== ''));

export const brokerConfigSchema = z.strictObject({
  /** Interface the HTTP API listens on. */
  host: z.string().min(1).default('127.0.0.1'),
  /** HTTP port; 0 picks a free one. */
  port: int(0, 65535).default(8000),
  /** Kafka-protocol port (kafkajs, kcat, librdkafka); 0 picks a free one, -1 turns the listener off. */
  kafkaPort: z.coerce.number().pipe(z.int().min(-1).max(65535)).default(9092),
  /** The host Metadata and FindCoordinator give Kafka clients; default: the listen host (127.0.0.1 for a wildcard). */
  advertisedHost: z.string().min(1).optional(),
  /** Where topics and group offsets live. */
  dataDir: z.string().min(1).default('./data'),
  /** Keep everything in memory; nothing survives a restart. */
  inMemory: bool.default(false),
  /** When an append is acknowledged: after fsync (`always`), on a timer (`interval`), or by the OS (`never`). */
  flush: z.enum(['always', 'interval', 'never']).default('always'),
  flushIntervalMs: int(1).default(1000),
  segmentBytes: int(1024, 0x7fffffff).default(1024 * MIB),
  segmentMs: int(1).default(7 * DAY_MS),
  retentionMs: unlimitedOr(0).default(7 * DAY_MS),
  retentionBytes: unlimitedOr(0).default(-1),
  retentionCheckIntervalMs: int(0).default(5 * 60 * 1000),
  /**
   * Once serving, read every stored batch and index entry in the background (a few partitions
   * at a time) for damage the start did not look for: found damage is logged, described and
   * kept aside, bad indexes are rebuilt.
   */
  scrubOnStart: bool.default(true),
  /** Partitions of a topic created without a count (including auto-created ones). */
  defaultPartitions: int(1, 10_000).default(1),
  /** Create a topic on first produce. */
  autoCreateTopics: bool.default(true),
  /** The most topics the broker holds; creating one more (any API, auto-creation too) is POLICY_VIOLATION. */
  maxTopics: int(1).default(DEFAULT_MAX_TOPICS),
  /** The most partitions across all topics (each keeps a file open per segment): beyond is POLICY_VIOLATION. */
  maxPartitions: int(1).default(DEFAULT_MAX_PARTITIONS),
  /** The largest record (key + value + headers) accepted. */
  maxMessageBytes: int(1, 256 * MIB).default(MIB),
  /** The largest HTTP request body accepted. */
  maxRequestBytes: int(1024, 1024 * MIB).default(64 * MIB),
  /**
   * The broker-wide budget for bytes held by reads in flight (Kafka Fetch answers until the
   * socket takes them, HTTP reads until their answer is written): past it, reads wait or
   * answer with fewer bytes (services/fetch-memory.ts).
   */
  fetchMemoryBytes: int(64 * 1024, 16 * 1024 * MIB).default(64 * MIB),
  /**
   * The most one read takes (Kafka's broker fetch.max.bytes): a Kafka Fetch answer's bytes, an
   * HTTP read's stored bytes and its share of the fetch memory budget. Small enough that an
   * answer is quick to send and to decode (librdkafka pauses fetching for up to a second once a
   * 16 MiB answer of small records overfills its queue) and that no read holds the event loop long.
   */
  fetchMaxBytes: int(1024, 1024 * MIB).default(4 * MIB),
  /** Close a Kafka connection idle this long, in ms (Kafka's connections.max.idle.ms); -1 never. */
  connectionsMaxIdleMs: unlimitedOr(1).default(10 * 60 * 1000),
  /** Close a Kafka connection whose request is not whole this long after its first bytes, in ms; -1 never. */
  requestReadTimeoutMs: unlimitedOr(1).default(60_000),
  /** A group member silent this long is removed and its partitions move to the others. */
  sessionTimeoutMs: int(1).default(10_000),
  /** How long the first rebalance of an empty Kafka-protocol group waits for more members (Kafka's group.initial.rebalance.delay.ms). */
  groupInitialRebalanceDelayMs: int(0).default(1000),
  /** The longest transaction timeout a transactional producer may ask for, in ms (Kafka's transaction.max.timeout.ms). */
  transactionMaxTimeoutMs: int(1).default(900_000),
  /**
   * Web origins (`scheme://host[:port]`) whose pages may call the HTTP API from a browser;
   * `*` for any. Comma-separated on the command line and in the environment. Default none:
   * cross-site browser requests are refused.
   */
  allowedOrigins: commaList
    .pipe(z.array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'an origin is scheme://host[:port], or *')))
    .default([]),
  /**
   * Require authentication on both listeners and enforce ACLs: SASL (or a client certificate)
   * on the Kafka port, a bearer token (or a client certificate, or a console login) over HTTP.
   */
  auth: bool.default(false),
  /** The users and API tokens file (`mini-kafka users`, `mini-kafka tokens`); default `<dataDir>/credentials.json`. */
  credentialsFile: z.string().min(1).optional(),
  /** Principals (`User:admin`) allowed everything, whatever the ACLs say. Comma-separated on the command line. */
  superUsers: commaList.pipe(z.array(z.string().regex(/^User:[^\s,]+$/, 'a principal is User:<name>'))).default([]),
  /** Allow a request on a resource no ACL names (Kafka's allow.everyone.if.no.acl.found); off: denied. */
  allowEveryoneIfNoAclFound: bool.default(false),
  /** The SASL mechanisms the Kafka listener offers. */
  saslMechanisms: commaList
    .pipe(z.array(z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])).min(1))
    .default(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
  /**
   * The Kafka listener's security protocol. Default: SASL_SSL with auth and a certificate,
   * SASL_PLAINTEXT with auth, SSL with a certificate, else PLAINTEXT.
   */
  kafkaSecurityProtocol: z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']).optional(),
  /** The broker's TLS certificate (PEM): both listeners serve TLS when it is set. */
  tlsCertFile: z.string().min(1).optional(),
  /** The private key of the TLS certificate (PEM). */
  tlsKeyFile: z.string().min(1).optional(),
  /** CA certificates (PEM) that client certificates must chain to (mTLS). */
  tlsCaFile: z.string().min(1).optional(),
  /**
   * Whether clients must present a certificate: default `required` for SSL with auth (the
   * certificate is then the credential), `requested` when a CA file is given, else `none`.
   */
  tlsClientAuth: z.enum(['none', 'requested', 'required']).optional(),
  /** A client certificate's principal: `User:` and its subject's CN, or its whole subject DN (Kafka's default). */
  principalFromCertificate: z.enum(['cn', 'dn']).default('cn'),
  /** The pause before answering a failed authentication, doubling with each failure in a row from one address (ms). */
  authFailureDelayMs: int(0, 10_000).default(100),
  /**
   * Where the data lives: `local` (this process's data directory, the default) or `kafka`: a
   * stateless gateway serving the HTTP API over a Kafka-protocol cluster (`bootstrapServers`).
   */
  backend: z.enum(['local', 'kafka']).default('local'),
  /** The cluster a `kafka` backend serves: host:port, comma-separated. */
  bootstrapServers: commaList
    .pipe(z.array(z.string().regex(/^\S+:\d+$/, 'a bootstrap server is host:port')))
    .default([]),
  /** The URL group members are told to send their requests to (the join answer's baseUrl); default the listen URL. */
  gatewayUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** How a `kafka` backend connects to its cluster. */
  clusterSecurityProtocol: z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']).default('PLAINTEXT'),
  clusterSaslMechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']).default('SCRAM-SHA-512'),
  clusterSaslUsername: z.string().min(1).optional(),
  /** Best given in the environment (MINI_KAFKA_CLUSTER_SASL_PASSWORD) or the config file; never logged. */
  clusterSaslPassword: z.string().min(1).optional(),
  /** CA certificates (PEM) the cluster's certificates must chain to; default the system's. */
  clusterCaFile: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BrokerConfig = z.output<typeof brokerConfigSchema>;
export type BrokerConfigInput = z.input<typeof brokerConfigSchema>;

export const CONFIG_KEYS = Object.keys(brokerConfigSchema.shape) as (keyof BrokerConfig)[];

export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function envName(key: string): string {
  return `MINI_KAFKA_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}
