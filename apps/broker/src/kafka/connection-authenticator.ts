/**
 * The SASL side of one Kafka connection on a SASL listener: feeds the client's SaslHandshake
 * and SaslAuthenticate requests (or, after a v0 handshake, its bare tokens) to the exchange's
 * state (sasl-authentication.ts), and does what surrounds it: the log lines (client address,
 * mechanism and user name only; successes at debug, failures at info), the authentications
 * metric and the pause before a failure is answered. The connection writes each answer, takes
 * the principal once there is one, and closes after the answer when told to.
 */
import { type SaslAuthenticateRequest, SaslHandshake, type SaslHandshakeRequest } from '@mini-kafka/kafka-protocol';
import { pause } from '../security/auth-failures.js';
import { principalOf, USER_NAME } from '../security/credential-store.js';
import type { KafkaContext } from './kafka-context.js';
import { authenticateResponse, SaslAuthentication, type TokenOutcome } from './sasl-authentication.js';

export interface SaslAnswer<T> {
  answer: T;
  /** Close the connection once the answer is written (the exchange failed). */
  end: boolean;
  /** Who the client is now, once it has authenticated (`User:<name>`). */
  principal?: string;
}

/** A user name as logs may show it: one the credentials file could hold, else nothing (it may be a mistyped secret). */
const loggable = (user: string | undefined): string | undefined =>
  user !== undefined && USER_NAME.test(user) ? user : undefined;

export class ConnectionAuthenticator {
  private readonly sasl: SaslAuthentication;

  constructor(
    private readonly ctx: KafkaContext,
    private readonly clientHost: string,
  ) {
    this.sasl = new SaslAuthentication(ctx.security.saslMechanisms, ctx.security.credentials);
  }

  /** The client has authenticated: every API is served. */
  get complete(): boolean {
    return this.sasl.state === 'complete';
  }

  /** The next frame is a bare token (after a v0 handshake). */
  get expectsBareToken(): boolean {
    return this.sasl.state === 'raw';
  }

  /** Whether a request with this API key may be served before authentication completes. */
  admits(apiKey: number): boolean {
    return this.sasl.admits(apiKey);
  }

  /** The answer to a SaslHandshake or SaslAuthenticate request before authentication. */
  async request(apiKey: number, version: number, request: unknown): Promise<SaslAnswer<unknown>> {
    if (apiKey === SaslHandshake.apiKey) {
      const { mechanism } = request as SaslHandshakeRequest;
      const answer = this.sasl.handshake(mechanism, version);
      const end = this.sasl.state === 'failed';
      if (end) {
        this.ctx.logger.info(
          { client: this.clientHost, mechanism: loggable(mechanism) ?? '(other)' },
          'kafka SASL handshake refused: mechanism not enabled',
        );
        this.ctx.metrics.authentication('kafka', 'unsupported', 'failed');
      }
      return { answer, end };
    }
    const { outcome, ...rest } = await this.evaluate((request as SaslAuthenticateRequest).authBytes);
    return { answer: authenticateResponse(outcome), ...rest };
  }

  /** The answer to a bare token: a bare size-prefixed token, or none on failure (the connection just closes, as in Kafka). */
  async bareToken(frame: Buffer): Promise<SaslAnswer<Buffer[] | undefined>> {
    const { outcome, ...rest } = await this.evaluate(frame);
    if (outcome.kind === 'failed') return { answer: undefined, ...rest };
    const size = Buffer.alloc(4);
    size.writeInt32BE(outcome.token.length, 0);
    return { answer: [size, outcome.token], ...rest };
  }

  /** One token: a success is counted and logged; a failure is counted, logged and paused. */
  private async evaluate(token: Buffer): Promise<{ outcome: TokenOutcome; end: boolean; principal?: string }> {
    const outcome = await this.sasl.token(token);
    const mechanism = this.sasl.mechanism ?? 'none';
    const fields = { client: this.clientHost, mechanism, user: loggable(this.sasl.claimedUser) };
    const { failures } = this.ctx.security;
    if (outcome.kind === 'authenticated') {
      failures.succeeded(this.clientHost);
      this.ctx.metrics.authentication('kafka', mechanism, 'succeeded');
      this.ctx.logger.debug(fields, 'kafka client authenticated');
      return { outcome, end: false, principal: principalOf(outcome.user) };
    }
    if (outcome.kind === 'failed') {
      this.ctx.metrics.authentication('kafka', mechanism, 'failed');
      this.ctx.logger.info({ ...fields, reason: outcome.message }, 'kafka authentication failed');
      await pause(failures.failed(this.clientHost));
      return { outcome, end: true };
    }
    return { outcome, end: false };
  }
}
