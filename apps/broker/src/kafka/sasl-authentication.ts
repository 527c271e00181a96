/**
 * A Kafka connection's SASL authentication on a SASL_PLAINTEXT or SASL_SSL listener, as
 * Kafka's SaslServerAuthenticator runs it. State only: the connection does the I/O, the
 * pause after a failure, the logs and the metrics.
 *
 *   handshake     (start) ApiVersions and SaslHandshake are served, nothing else.
 *   authenticate  after SaslHandshake v1 named an enabled mechanism: SaslAuthenticate only,
 *                 each carrying one token of the exchange.
 *   raw           after SaslHandshake v0: the next frames are bare SASL tokens, each answered
 *                 by a bare size-prefixed token, without Kafka headers (clients before 1.0).
 *   complete      authenticated: every API is served (a further SaslHandshake or
 *                 SaslAuthenticate goes to its handler, which answers ILLEGAL_SASL_STATE).
 *   failed        the connection answers once more, if it can, and closes.
 *
 * A mechanism that is not enabled gets UNSUPPORTED_SASL_MECHANISM (33) with the enabled list,
 * then the connection closes, as in Kafka; so does any request out of order.
 */
import { API_KEYS, type SaslAuthenticateResponse, type SaslHandshakeResponse } from '@mini-kafka/kafka-protocol';
import { saslServerFor } from '../security/sasl-mechanisms.js';
import { type CredentialSource, SaslFailure, type SaslServer } from '../security/sasl-server.js';
import type { SaslMechanism } from '../security/security.js';
import { code, NONE } from './error-codes.js';

export type SaslState = 'handshake' | 'authenticate' | 'raw' | 'complete' | 'failed';

/** The outcome of one token: the answer, and once the exchange is over, who authenticated or why not. */
export type TokenOutcome =
  | { kind: 'challenge'; token: Buffer }
  | { kind: 'authenticated'; token: Buffer; user: string }
  | { kind: 'failed'; message: string };

export class SaslAuthentication {
  private current: SaslState = 'handshake';
  private server: SaslServer | undefined;

  constructor(
    private readonly mechanisms: readonly SaslMechanism[],
    private readonly credentials: CredentialSource,
  ) {}

  get state(): SaslState {
    return this.current;
  }

  /** The mechanism being used, once the handshake chose one. */
  get mechanism(): SaslMechanism | undefined {
    return this.server?.mechanism;
  }

  /** The user the client claims to be (for logs), once a token named one. */
  get claimedUser(): string | undefined {
    return this.server?.claimedUser;
  }

  /** Whether a request with this API key may be served now (before `complete`, anything else closes the connection). */
  admits(apiKey: number): boolean {
    switch (this.current) {
      case 'handshake':
        return apiKey === API_KEYS.ApiVersions || apiKey === API_KEYS.SaslHandshake;
      case 'authenticate':
        return apiKey === API_KEYS.SaslAuthenticate;
      case 'complete':
        return true;
      default:
        return false;
    }
  }

  /** The answer to SaslHandshake v`version` naming `mechanism`. */
  handshake(mechanism: string, version: number): SaslHandshakeResponse {
    const enabled = (this.mechanisms as readonly string[]).includes(mechanism);
    if (this.current !== 'handshake' || !enabled) {
      this.current = 'failed';
      return {
        errorCode: code(enabled ? 'ILLEGAL_SASL_STATE' : 'UNSUPPORTED_SASL_MECHANISM'),
        mechanisms: [...this.mechanisms],
      };
    }
    this.server = saslServerFor(mechanism as SaslMechanism, this.credentials);
    this.current = version === 0 ? 'raw' : 'authenticate';
    return { errorCode: NONE, mechanisms: [...this.mechanisms] };
  }

  /** Evaluates the client's next token (from SaslAuthenticate, or a bare frame after a v0 handshake). */
  async token(bytes: Buffer): Promise<TokenOutcome> {
    const server = this.server;
    if (server === undefined || (this.current !== 'authenticate' && this.current !== 'raw')) {
      this.current = 'failed';
      return { kind: 'failed', message: 'Unexpected SASL token' };
    }
    try {
      const step = await server.evaluate(bytes);
      if (!step.complete) return { kind: 'challenge', token: step.challenge };
      this.current = 'complete';
      return { kind: 'authenticated', token: step.final, user: step.user };
    } catch (error) {
      this.current = 'failed';
      if (error instanceof SaslFailure) return { kind: 'failed', message: error.message };
      throw error;
    }
  }
}

/** The SaslAuthenticate answer to a token's outcome. */
export function authenticateResponse(outcome: TokenOutcome): SaslAuthenticateResponse {
  if (outcome.kind === 'failed')
    return {
      errorCode: code('SASL_AUTHENTICATION_FAILED'),
      errorMessage: outcome.message,
      authBytes: Buffer.alloc(0),
      sessionLifetimeMs: 0,
    };
  return { errorCode: NONE, errorMessage: null, authBytes: outcome.token, sessionLifetimeMs: 0 };
}
