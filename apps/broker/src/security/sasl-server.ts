/**
 * The server side of a SASL exchange, one per authenticating connection: it is given the
 * client's tokens one at a time and answers each with a challenge, with its final message
 * and the authenticated user, or by throwing SaslFailure. Mechanisms are pure code: they
 * read credentials from a CredentialSource and never touch a socket.
 *
 * A failure's message is what the client is told: it names the mechanism or the step that
 * went wrong, never a password, a proof or any other part of a token.
 */
import type { ScramCredential, ScramMechanism } from './scram-credential.js';
import type { SaslMechanism } from './security.js';

/** Where mechanisms look up users (the broker's CredentialStore). */
export interface CredentialSource {
  /** Picks up a changed credentials file (at most a cheap stat; at most once a second unless `force`). */
  refresh(force?: boolean): Promise<void>;
  scramCredential(user: string, mechanism: ScramMechanism): ScramCredential | undefined;
  verifyPassword(user: string, password: string): Promise<boolean>;
}

export type SaslStep =
  | { complete: false; challenge: Buffer }
  | { complete: true /** The authenticated user (its principal is `User:<user>`). */; user: string; final: Buffer };

export interface SaslServer {
  readonly mechanism: SaslMechanism;
  /** The user the client says it is, once a token named one (for logs; not yet authenticated). */
  readonly claimedUser: string | undefined;
  /** The answer to the client's next token; throws SaslFailure when authentication fails. */
  evaluate(token: Buffer): Promise<SaslStep>;
}

/** Authentication failed; `message` is safe to send to the client and to log. */
export class SaslFailure extends Error {
  override readonly name = 'SaslFailure';
}

/** Kafka's message for a wrong user name or password. */
export const invalidCredentials = (mechanism: SaslMechanism): SaslFailure =>
  new SaslFailure(
    `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`,
  );
