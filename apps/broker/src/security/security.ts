/**
 * The broker's security parts, opened from its configuration: whether clients must
 * authenticate, the credentials they authenticate with, the ACLs and the authorizer that
 * enforces them, the failure pause, and the TLS material both listeners use.
 *
 * With `auth` off (the default) every client is `User:ANONYMOUS` and may do anything, and
 * the ACL APIs answer SECURITY_DISABLED, as Kafka's do without an authorizer: ACLs are
 * managed by a super user once authentication is on.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '@mini-kafka/protocol/core';
import type { FileSystem } from '@mini-kafka/storage';
import type { BrokerConfig } from '../config/broker-config.js';
import { AclStore } from './acl-store.js';
import { AuthFailures } from './auth-failures.js';
import { Authorizer } from './authorizer.js';
import { CredentialStore, credentialsPath, emptyCredentials } from './credential-store.js';

export type KafkaSecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export type ClientAuth = 'none' | 'requested' | 'required';
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** CAs client certificates must chain to (mTLS). */
  ca?: Buffer;
  clientAuth: ClientAuth;
}

export interface Security {
  /** Clients must authenticate (SASL or a client certificate on Kafka; a token, a certificate or a console login on HTTP) and ACLs are enforced. */
  enabled: boolean;
  authorizer: Authorizer;
  acls: AclStore;
  credentials: CredentialStore;
  failures: AuthFailures;
  /** The Kafka listener's protocol, as Kafka names it. */
  kafkaProtocol: KafkaSecurityProtocol;
  saslMechanisms: readonly SaslMechanism[];
  /** How a client certificate becomes a principal: its subject's CN (`User:alice`) or whole DN. */
  principalFromCertificate: 'cn' | 'dn';
  /** Both listeners serve TLS with this, when set. */
  tls: TlsMaterial | undefined;
}

/** The Kafka listener's protocol: the configured one, else what the settings imply. */
export function kafkaProtocolOf(config: BrokerConfig): KafkaSecurityProtocol {
  if (config.kafkaSecurityProtocol !== undefined) return config.kafkaSecurityProtocol;
  const tls = config.tlsCertFile !== undefined;
  if (config.auth) return tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return tls ? 'SSL' : 'PLAINTEXT';
}

/** The TLS material both listeners serve with (read from the configured files), or undefined for plain text. */
export async function tlsMaterial(
  config: BrokerConfig,
  protocol: KafkaSecurityProtocol = kafkaProtocolOf(config),
): Promise<TlsMaterial | undefined> {
  if (config.tlsCertFile === undefined || config.tlsKeyFile === undefined) {
    if (config.tlsCertFile !== undefined || config.tlsKeyFile !== undefined)
      throw new Error('TLS needs both --tls-cert-file and --tls-key-file');
    if (protocol === 'SSL' || protocol === 'SASL_SSL')
      throw new Error(`kafkaSecurityProtocol ${protocol} needs --tls-cert-file and --tls-key-file`);
    return undefined;
  }
  const [cert, key, ca] = await Promise.all([
    readFile(config.tlsCertFile),
    readFile(config.tlsKeyFile),
    config.tlsCaFile === undefined ? undefined : readFile(config.tlsCaFile),
  ]);
  // With SSL and authentication on, the certificate is the only credential: it is required.
  const clientAuth: ClientAuth =
    config.tlsClientAuth ?? (ca === undefined ? 'none' : protocol === 'SSL' && config.auth ? 'required' : 'requested');
  if (clientAuth !== 'none' && ca === undefined) throw new Error('client certificates need --tls-ca-file');
  if (protocol === 'SSL' && config.auth && clientAuth === 'none')
    throw new Error(
      'with --auth, SSL Kafka clients authenticate by certificate: set --tls-ca-file (and not --tls-client-auth none)',
    );
  return { cert, key, clientAuth, ...(ca === undefined ? {} : { ca }) };
}

export async function openSecurity(config: BrokerConfig, fs: FileSystem, clock: Clock): Promise<Security> {
  const acls = await AclStore.open({ fs, ...(config.inMemory ? {} : { dataDir: config.dataDir }) });
  const credentials =
    config.inMemory && config.credentialsFile === undefined
      ? CredentialStore.of(emptyCredentials())
      : await CredentialStore.open(credentialsPath(config.dataDir, config.credentialsFile));
  const kafkaProtocol = kafkaProtocolOf(config);
  return {
    enabled: config.auth,
    authorizer: new Authorizer(acls, {
      enabled: config.auth,
      superUsers: config.superUsers,
      allowEveryoneIfNoAclFound: config.allowEveryoneIfNoAclFound,
    }),
    acls,
    credentials,
    failures: new AuthFailures(clock, config.authFailureDelayMs),
    kafkaProtocol,
    saslMechanisms: config.saslMechanisms,
    principalFromCertificate: config.principalFromCertificate,
    tls: await tlsMaterial(config, kafkaProtocol),
  };
}

/**
 * The start-up warnings for a broker others can reach with something left open: authentication
 * off; or on, but with passwords and tokens crossing the network in clear (no TLS), or a
 * PLAINTEXT Kafka listener whose clients are all anonymous. Loopback addresses (127.0.0.0/8,
 * ::1, localhost) are safe to leave open.
 */
export function exposureWarnings(config: BrokerConfig): string[] {
  const host = config.host.toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
  if (loopback) return [];
  if (!config.auth) {
    return [
      `authentication is off and the broker listens on ${config.host}: anyone who can reach its ports can read, write and delete every topic and group (turn on --auth, see the README's Security section)`,
    ];
  }
  const warnings: string[] = [];
  if (config.tlsCertFile === undefined)
    warnings.push(
      `authentication is on without TLS on ${config.host}: passwords (SASL PLAIN) and API tokens cross the network in clear (give --tls-cert-file and --tls-key-file)`,
    );
  if (config.kafkaPort >= 0 && kafkaProtocolOf(config) === 'PLAINTEXT')
    warnings.push(
      'the Kafka listener is PLAINTEXT with authentication on: its clients are all User:ANONYMOUS, and only the ACLs of User:ANONYMOUS limit them',
    );
  return warnings;
}
