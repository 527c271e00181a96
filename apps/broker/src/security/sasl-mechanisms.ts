/** The SASL mechanisms the broker offers, by Kafka's names, and a server for one exchange of each. */
import { PlainServer } from './sasl-plain.js';
import { ScramServer } from './sasl-scram.js';
import type { CredentialSource, SaslServer } from './sasl-server.js';
import type { SaslMechanism } from './security.js';

export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

export function isSaslMechanism(name: string): name is SaslMechanism {
  return (SASL_MECHANISMS as readonly string[]).includes(name);
}

/** A fresh server for one exchange of `mechanism`. */
export function saslServerFor(mechanism: SaslMechanism, credentials: CredentialSource): SaslServer {
  return mechanism === 'PLAIN' ? new PlainServer(credentials) : new ScramServer(mechanism, credentials);
}
