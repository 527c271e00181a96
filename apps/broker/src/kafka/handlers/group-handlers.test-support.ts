/**
 * Test support for the group handlers' tests (not built: see tsconfig.build.json): a
 * handler context around a real GroupCoordinator (in-memory offsets, a ManualScheduler so
 * no real timer runs, no initial rebalance delay) over an in-memory LogManager, and
 * `serve()`, which runs one request through a handler the way the Kafka listener does:
 * encoded at a version, decoded, handled, and the response encoded and decoded back as a
 * client reads it.
 */
import { GroupCoordinator, MemoryOffsetStore } from '@mini-kafka/coordinator';
import {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
} from '@mini-kafka/kafka-protocol';
import { ManualClock, ManualScheduler } from '@mini-kafka/protocol';
import { LogManager } from '@mini-kafka/storage';
import { brokerConfigSchema } from '../../config/broker-config.js';
import { createLogger } from '../../logger.js';
import { ProduceService } from '../../services/produce-service.js';
import type { KafkaHandler } from '../handler-registry.js';
import type { KafkaContext } from '../kafka-context.js';

/** Where FindCoordinator sends clients in these tests. */
export const ADVERTISED = { host: 'broker.test', port: 9092 };

export interface GroupHandlerWorld {
  ctx: KafkaContext;
  coordinator: GroupCoordinator;
  logs: LogManager;
  scheduler: ManualScheduler;
  close(): Promise<void>;
}

/** A context with the given topics (name -> partitions) and records (`topic-partition` -> count). */
export async function groupHandlerWorld(
  topics: Record<string, number> = { orders: 2 },
  records: Record<string, number> = {},
): Promise<GroupHandlerWorld> {
  const clock = new ManualClock();
  const scheduler = new ManualScheduler(clock);
  const config = brokerConfigSchema.parse({ inMemory: true });
  const logs = await LogManager.open({ inMemory: true, clock });
  for (const [topic, partitions] of Object.entries(topics)) await logs.createTopic(topic, { partitions });
  for (const [key, count] of Object.entries(records)) {
    const at = key.lastIndexOf('-');
    const log = logs.getLog(key.slice(0, at), Number(key.slice(at + 1)));
    await log.append(Array.from({ length: count }, (_, i) => ({ value: `v${i}` })));
  }
  const coordinator = await GroupCoordinator.open({
    clock,
    scheduler,
    offsetStore: new MemoryOffsetStore(),
    initialRebalanceDelayMs: 0,
    partitionCount: (topic) => logs.getTopic(topic)?.partitions,
    logOffsets: (topic, partition) => {
      const log = logs.getLog(topic, partition);
      return { logStartOffset: log.logStartOffset, logEndOffset: log.highWatermark };
    },
  });
  const ctx: KafkaContext = {
    config,
    logs,
    coordinator,
    produce: new ProduceService(logs, config, clock),
    logger: createLogger('silent'),
    clock,
    advertised: () => ADVERTISED,
  };
  return {
    ctx,
    coordinator,
    logs,
    scheduler,
    close: async () => {
      await coordinator.close();
      await logs.close();
    },
  };
}

/** Who sends the request: the header's client id and the connection's address. */
export interface TestSource {
  clientId?: string | null;
  clientHost?: string;
}

/** One request through `handler` at `version`, over the codec both ways, as the listener serves it. */
export async function serve<Request, Response>(
  ctx: KafkaContext,
  handler: KafkaHandler<Request, Response>,
  version: number,
  request: Request,
  source: TestSource = {},
): Promise<Response> {
  const { clientId = 'test-client', clientHost = '/127.0.0.1' } = source;
  const frame = encodeRequestFrame(handler.codec, version, { correlationId: 7, clientId }, request);
  const { header, body } = decodeRequestFrame(frame.subarray(4));
  const decoded = handler.codec.decodeRequest(body, header.apiVersion);
  const response = await handler.handle(
    decoded,
    { clientId: header.clientId, clientHost, apiVersion: header.apiVersion, correlationId: header.correlationId },
    ctx,
    new AbortController().signal,
  );
  if (response === undefined) throw new Error(`${handler.codec.name} gave no response`);
  const encoded = encodeResponseFrame(handler.codec, version, header.correlationId, response);
  return decodeResponseFrame(handler.codec, version, encoded.subarray(4)).response;
}
