/**
 * Real contexts for Kafka handler tests, built by the functions createBroker builds its
 * parts with (broker-parts.ts): the broker's settings (its config schema, with test
 * overrides), the logs and the group and transaction coordinators in memory or in a temporary data directory,
 * and the broker's ProduceService. `callHandler` drives a handler as a connection does: the
 * request goes through the real codec at the given version, and the answer is encoded
 * and decoded back, so a test sees what a client would. Test-only; not built or published.
 */

import {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
} from '@mini-kafka/kafka-protocol';
import { type Clock, type Scheduler, systemClock } from '@mini-kafka/protocol/core';
import { nodeFileSystem } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { openCoordinator, openLogs, openProducerIds, openTransactions } from '../../broker-parts.js';
import { type BrokerConfigInput, brokerConfigSchema } from '../../config/broker-config.js';
import { createLogger, type Logger } from '../../logger.js';
import { BrokerMetrics } from '../../metrics/broker-metrics.js';
import { ANONYMOUS } from '../../security/authorizer.js';
import { openSecurity } from '../../security/security.js';
import { fetchMemoryFor } from '../../services/fetch-memory.js';
import { ProduceService } from '../../services/produce-service.js';
import type { KafkaHandler } from '../handler-registry.js';
import type { KafkaContext, RequestSource } from '../kafka-context.js';

export const ADVERTISED = { host: '127.0.0.1', port: 19092 };

export interface HandlerContextOptions {
  /** Broker settings over the defaults (in memory, silent). */
  config?: BrokerConfigInput;
  /** Keep the logs in a temporary data directory (removed by `close()`) instead of in memory. */
  onDisk?: boolean;
  clock?: Clock;
  /** Drives the Kafka groups' deadlines (give a ManualScheduler); default real timers. */
  scheduler?: Scheduler;
  logger?: Logger;
}

export interface TestHandlerContext extends KafkaContext {
  /** Closes the coordinator and the logs, and removes the data directory. */
  close(): Promise<void>;
}

export async function handlerContext(options: HandlerContextOptions = {}): Promise<TestHandlerContext> {
  const dirs = new TempDirs();
  const dataDir = options.onDisk === true ? await dirs.make('mini-kafka-broker-test-') : undefined;
  const config = brokerConfigSchema.parse({
    inMemory: dataDir === undefined,
    logLevel: 'silent',
    ...(dataDir === undefined ? {} : { dataDir }),
    ...options.config,
  });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger('silent');
  const logs = await openLogs(config, clock);
  const coordinator = await openCoordinator(config, logs, clock, logger, { scheduler: options.scheduler });
  const producerIds = await openProducerIds(config);
  const transactions = await openTransactions(config, logs, coordinator, producerIds, clock);
  return {
    config,
    logs,
    coordinator,
    transactions,
    produce: new ProduceService(logs, config, producerIds),
    fetchMemory: fetchMemoryFor(config),
    logger,
    metrics: new BrokerMetrics(),
    clock,
    security: await openSecurity(config, nodeFileSystem, clock),
    advertised: () => ADVERTISED,
    close: async () => {
      await transactions.close();
      await coordinator.close();
      await logs.close();
      await dirs.cleanup();
    },
  };
}

/** Who sends a request: the header's client id and the connection's address. */
export interface TestSource {
  clientId?: string | null;
  clientHost?: string;
  /** Who the connection authenticated as; default `User:ANONYMOUS`. */
  principal?: string;
  signal?: AbortSignal;
}

/**
 * Sends `request` to `handler` at `version` through the real codecs and returns the
 * answer as a client decodes it, or `undefined` when the handler gives none.
 */
export async function callHandler<Request, Response, RequestInput, DecodedResponse>(
  handler: KafkaHandler<Request, Response, RequestInput, DecodedResponse>,
  ctx: KafkaContext,
  version: number,
  request: RequestInput,
  from: TestSource = {},
): Promise<DecodedResponse | undefined> {
  const {
    clientId = 'test',
    clientHost = '127.0.0.1',
    principal = ANONYMOUS,
    signal = new AbortController().signal,
  } = from;
  const correlationId = 7;
  const frame = encodeRequestFrame(handler.codec, version, { correlationId, clientId }, request);
  const { header, body } = decodeRequestFrame(frame.subarray(4));
  const decoded = handler.codec.decodeRequest(body, header.apiVersion);
  const source: RequestSource = {
    clientId: header.clientId,
    clientHost,
    session: { principal, host: clientHost },
    apiVersion: version,
    correlationId,
  };
  const written: (() => void)[] = [];
  try {
    const response = await handler.handle(decoded, source, ctx, signal, { afterWrite: (done) => written.push(done) });
    if (response === undefined) return undefined;
    const answer = encodeResponseFrame(handler.codec, version, correlationId, response);
    return decodeResponseFrame(handler.codec, version, answer.subarray(4)).response;
  } finally {
    // As a connection does once the socket has taken the answer.
    for (const done of written) done();
  }
}

/** `callHandler` for handlers that always answer: fails the test when there is no answer. */
export async function serve<Request, Response, RequestInput, DecodedResponse>(
  ctx: KafkaContext,
  handler: KafkaHandler<Request, Response, RequestInput, DecodedResponse>,
  version: number,
  request: RequestInput,
  from: TestSource = {},
): Promise<DecodedResponse> {
  const response = await callHandler(handler, ctx, version, request, from);
  if (response === undefined) throw new Error(`${handler.codec.name} gave no response`);
  return response;
}
