/**
 * One client connection on the Kafka port. Bytes are gathered until a whole size-prefixed
 * frame is there (each frame is copied together once, however many chunks it came in),
 * then requests are handled strictly one at a time, in arrival order, and answered in that
 * order, as Kafka clients (which pipeline) require. Produce with acks = 0 is not answered.
 * An answer is written as chunks in one gathered write (cork, then writev): the stored
 * batches of a Fetch answer go out as the read returned them, never copied into one buffer;
 * the next request is handled once the socket has taken the answer (backpressure).
 *
 * Anything malformed on the wire (a bad size prefix, a frame over the limit, a header or
 * body that does not decode, an API we do not serve) closes this connection with one log
 * line; the broker and every other connection carry on. An ApiVersions request of a
 * version we do not serve gets Kafka's answer: error 35 with the supported list, in v0.
 *
 * Authentication: on a SASL listener, a connection serves only ApiVersions and the SASL
 * exchange (see connection-authenticator.ts) until the client has authenticated; anything else
 * closes it, with one log line. Frames before then are bounded at 64 KiB. A failed
 * exchange is answered SASL_AUTHENTICATION_FAILED after the failure pause (AuthFailures),
 * then the connection closes. Success makes the connection's session `User:<name>`, which
 * every later request carries. On SSL, the listener gives the certificate's principal.
 *
 * Time limits (the listener calls `expire` on a timer): a connection idle for the idle
 * limit (no bytes and no request being handled; Kafka's `connections.max.idle.ms`) is
 * closed, and so is one whose request started arriving but is not whole within the read
 * limit (a client sending a byte a second holds nothing for long).
 */
import type { Socket } from 'node:net';
import {
  ApiVersions,
  decodeRequestFrame,
  encodeResponseFrame,
  encodeResponseFrameChunks,
  extractFrames,
  supportsVersion,
} from '@mini-kafka/kafka-protocol';
import { anonymousSession, type Session } from '../security/authorizer.js';
import { ConnectionAuthenticator, type SaslAnswer } from './connection-authenticator.js';
import { code } from './error-codes.js';
import type { AnswerHooks, HandlerRegistry } from './handler-registry.js';
import type { KafkaContext, RequestSource } from './kafka-context.js';

/** Frames waiting while one is handled; past this the socket stops reading. */
const MAX_QUEUED_FRAMES = 64;
/** The largest frame before the client has authenticated (Kafka bounds these too: sasl.server.max.receive.size). */
export const MAX_UNAUTHENTICATED_FRAME_BYTES = 64 * 1024;
/** How long a connection closing after its last answer waits for the client to hang up. */
const LINGER_MS = 1000;

export interface ConnectionLimits {
  /** The largest request frame; a larger size prefix closes the connection. */
  maxFrameBytes: number;
  /** Close a connection idle this long (ms); -1 never. */
  connectionsMaxIdleMs: number;
  /** Close a connection whose request is not whole this long (ms) after its first bytes; -1 never. */
  requestReadTimeoutMs: number;
}

export class KafkaConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closed = false;
  private readonly aborter = new AbortController();
  private readonly clientHost: string;
  /** Who this connection authenticated as. */
  private session: Session;
  /** The SASL exchange, on a SASL listener; undefined on others. */
  private readonly sasl: ConnectionAuthenticator | undefined;
  /** Close once the answer being written is written (a failed authentication). */
  private endAfterAnswer = false;
  /** Since when nothing has arrived and nothing is being handled; undefined while busy. */
  private idleSince: number | undefined;
  /** Since when the frame now arriving has been arriving; undefined between frames. */
  private partialSince: number | undefined;
  /** After-write hooks of answers not yet taken by the socket: run at the latest when the connection closes. */
  private readonly unwritten = new Set<() => void>();

  constructor(
    private readonly socket: Socket,
    private readonly registry: HandlerRegistry,
    private readonly ctx: KafkaContext,
    private readonly limits: ConnectionLimits,
    /** Who the listener already knows the client to be (a verified client certificate on SSL). */
    principal?: string,
  ) {
    this.idleSince = ctx.clock.now();
    this.clientHost = socket.remoteAddress ?? 'unknown';
    this.session = principal === undefined ? anonymousSession(this.clientHost) : { principal, host: this.clientHost };
    this.sasl = ctx.security.kafkaProtocol.startsWith('SASL_')
      ? new ConnectionAuthenticator(ctx, this.clientHost)
      : undefined;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Aborts waiting requests and destroys the socket. */
  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (reason !== undefined) this.ctx.logger.warn({ client: this.clientHost, reason }, 'kafka connection closed');
    this.aborter.abort();
    this.socket.destroy();
    for (const done of [...this.unwritten]) done();
  }

  /** The largest frame accepted now: small until the client has authenticated. */
  private get maxFrameBytes(): number {
    const { maxFrameBytes } = this.limits;
    return this.sasl === undefined || this.sasl.complete
      ? maxFrameBytes
      : Math.min(maxFrameBytes, MAX_UNAUTHENTICATED_FRAME_BYTES);
  }

  /** Closes once what was written has gone (a FIN after the last answer), or after a short linger. */
  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.aborter.abort();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
    for (const done of [...this.unwritten]) done();
  }

  /** Closes the connection when it has been idle, or its request arriving, for too long by `now`. */
  expire(now: number): void {
    if (this.closed) return;
    const { connectionsMaxIdleMs, requestReadTimeoutMs } = this.limits;
    if (
      this.partialSince !== undefined &&
      requestReadTimeoutMs >= 0 &&
      now - this.partialSince >= requestReadTimeoutMs
    ) {
      this.close(`request not received whole within ${requestReadTimeoutMs} ms`);
    } else if (
      this.idleSince !== undefined &&
      connectionsMaxIdleMs >= 0 &&
      now - this.idleSince >= connectionsMaxIdleMs
    ) {
      this.ctx.logger.debug({ client: this.clientHost }, 'idle kafka connection closed');
      this.close();
    }
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.idleSince = undefined;
    if (this.buffered === 0) this.partialSince = this.ctx.clock.now();
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < 4) return;
    const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const size = head.readInt32BE(0);
    if (size < 0 || size > this.maxFrameBytes) {
      this.close(`frame size ${size} outside 0..${this.maxFrameBytes}`);
      return;
    }
    if (this.buffered < size + 4) return;
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    let frames: Buffer[];
    let rest: Buffer;
    try {
      ({ frames, rest } = extractFrames(all, this.maxFrameBytes));
    } catch (error) {
      this.close(error instanceof Error ? error.message : 'invalid frame');
      return;
    }
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    // What is left is the start of the next frame: its time starts now.
    this.partialSince = rest.length > 0 ? this.ctx.clock.now() : undefined;
    this.queue.push(...frames);
    if (this.queue.length > MAX_QUEUED_FRAMES) this.socket.pause();
    void this.drainQueue();
  }

  private async drainQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (!this.closed && this.queue.length > 0) {
        const frame = this.queue.shift()!;
        if (this.queue.length <= MAX_QUEUED_FRAMES / 2 && this.socket.isPaused()) this.socket.resume();
        const written = this.afterWriteHooks();
        let answer: Buffer[] | undefined;
        try {
          answer = await this.handleFrame(frame, written.hooks);
        } finally {
          if (answer === undefined || this.closed) written.run();
        }
        if (answer !== undefined && !this.closed && !this.write(answer, written.run)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              this.socket.off('drain', done);
              this.socket.off('close', done);
              resolve();
            };
            this.socket.once('drain', done);
            this.socket.once('close', done);
          });
        }
        if (this.endAfterAnswer) this.end();
      }
    } finally {
      this.processing = false;
      if (this.buffered === 0 && this.queue.length === 0) this.idleSince = this.ctx.clock.now();
    }
  }

  /**
   * Writes an answer's chunks in one gathered write, running `written` once the socket has
   * taken the last; false when the socket wants a 'drain' before more.
   */
  private write(chunks: readonly Buffer[], written: () => void): boolean {
    const last = chunks.length - 1;
    if (last === 0) return this.socket.write(chunks[0]!, written);
    this.socket.cork();
    let room = true;
    chunks.forEach((chunk, i) => {
      room = i === last ? this.socket.write(chunk, written) : this.socket.write(chunk);
    });
    this.socket.uncork();
    return room;
  }

  /**
   * A request's after-write hooks, and `run`, which runs them once; a hook added after that
   * (the connection closed while the handler was still at work) runs at once.
   */
  private afterWriteHooks(): { hooks: AnswerHooks; run: () => void } {
    let pending: (() => void)[] | undefined = [];
    const run = (): void => {
      this.unwritten.delete(run);
      const hooks = pending ?? [];
      pending = undefined;
      for (const done of hooks) done();
    };
    this.unwritten.add(run);
    const afterWrite = (done: () => void): void => {
      if (pending === undefined) done();
      else pending.push(done);
    };
    return { hooks: { afterWrite }, run };
  }

  /** Kafka's answer to an ApiVersions version it does not serve: v0, error 35, the supported list. */
  private unsupportedApiVersions(correlationId: number): Buffer[] {
    return [
      encodeResponseFrame(ApiVersions, 0, correlationId, {
        errorCode: code('UNSUPPORTED_VERSION'),
        apiKeys: this.registry.apiVersions(),
      }),
    ];
  }

  /**
   * Runs a SASL step and takes its outcome: the principal once authenticated, and whether to
   * close after the answer. A step that throws (not a failed authentication: a fault) closes.
   */
  private async saslStep<T>(step: () => Promise<SaslAnswer<T>>): Promise<T | undefined> {
    let outcome: SaslAnswer<T>;
    try {
      outcome = await step();
    } catch (error) {
      this.ctx.logger.error({ err: error, client: this.clientHost }, 'kafka SASL step failed');
      this.close('SASL step failed');
      return undefined;
    }
    if (outcome.principal !== undefined) this.session = { principal: outcome.principal, host: this.clientHost };
    if (outcome.end) this.endAfterAnswer = true;
    return outcome.answer;
  }

  private async handleFrame(frame: Buffer, hooks: AnswerHooks): Promise<Buffer[] | undefined> {
    const sasl = this.sasl;
    if (sasl?.expectsBareToken) {
      const answer = await this.saslStep(() => sasl.bareToken(frame));
      if (answer === undefined) this.close();
      return answer;
    }
    let decoded: ReturnType<typeof decodeRequestFrame>;
    try {
      decoded = decodeRequestFrame(frame);
    } catch {
      // A newer client's ApiVersions may carry a header we cannot read: still tell it what we serve.
      if (frame.length >= 8 && frame.readInt16BE(0) === ApiVersions.apiKey)
        return this.unsupportedApiVersions(frame.readInt32BE(4));
      this.close('request header does not decode');
      return undefined;
    }
    const { header, body } = decoded;
    const handler = this.registry.get(header.apiKey);
    const served =
      handler !== undefined && header.apiVersion >= handler.minVersion && header.apiVersion <= handler.maxVersion;
    if (!served) {
      if (header.apiKey === ApiVersions.apiKey) return this.unsupportedApiVersions(header.correlationId);
      this.close(`unsupported API ${header.apiKey} v${header.apiVersion}`);
      return undefined;
    }
    const authenticating = sasl !== undefined && !sasl.complete ? sasl : undefined;
    if (authenticating !== undefined && !authenticating.admits(header.apiKey)) {
      this.close(`${handler.codec.name} before SASL authentication completed`);
      return undefined;
    }
    let request: unknown;
    try {
      if (!supportsVersion(handler.codec, header.apiVersion)) throw new Error('codec range');
      request = handler.codec.decodeRequest(body, header.apiVersion);
    } catch {
      this.close(`${handler.codec.name} v${header.apiVersion} request does not decode`);
      return undefined;
    }
    if (authenticating !== undefined && header.apiKey !== ApiVersions.apiKey) {
      const response = await this.saslStep(() => authenticating.request(header.apiKey, header.apiVersion, request));
      if (response === undefined || this.closed) return undefined;
      return encodeResponseFrameChunks(handler.codec, header.apiVersion, header.correlationId, response);
    }
    const source: RequestSource = {
      clientId: header.clientId,
      clientHost: this.clientHost,
      session: this.session,
      apiVersion: header.apiVersion,
      correlationId: header.correlationId,
    };
    let response: unknown;
    const start = performance.now();
    const api = handler.codec.name;
    try {
      response = await handler.handle(request, source, this.ctx, this.aborter.signal, hooks);
    } catch (error) {
      this.ctx.metrics.kafkaRequest(api, 'failed', (performance.now() - start) / 1000);
      if (!this.closed) this.ctx.logger.error({ err: error, api }, 'kafka request failed');
      this.close(`${api} handler failed`);
      return undefined;
    }
    this.ctx.metrics.kafkaRequest(
      api,
      response === undefined ? 'unanswered' : 'answered',
      (performance.now() - start) / 1000,
    );
    if (response === undefined || this.closed) return undefined;
    return encodeResponseFrameChunks(handler.codec, header.apiVersion, header.correlationId, response);
  }
}
