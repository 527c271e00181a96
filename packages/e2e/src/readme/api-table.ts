/**
 * The README's table of Kafka APIs and versions, rendered from what the broker advertises:
 * its ApiVersions answer, which the broker derives from its handler registry
 * (`apps/broker/src/kafka/kafka-handlers.ts`), read over a real socket so the table is what
 * a client sees. Names come from the codec table of `@mini-kafka/kafka-protocol`.
 */

import { createBroker } from '@mini-kafka/broker';
import { apiCodecFor } from '@mini-kafka/kafka-protocol';
import { openKafkaSocket, roundTrip } from '../support/raw-kafka.js';

export interface AdvertisedApi {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/** ApiVersions v0 (no body; the answer: int16 error, [int16 key, int16 min, int16 max]). */
export async function advertisedApis(kafkaPort: number): Promise<AdvertisedApi[]> {
  const socket = await openKafkaSocket(kafkaPort);
  try {
    const clientId = Buffer.from('api-table');
    const frame = Buffer.alloc(4 + 10 + clientId.length);
    frame.writeInt32BE(frame.length - 4, 0);
    frame.writeInt16BE(18, 4); // ApiVersions
    frame.writeInt16BE(0, 6); // v0
    frame.writeInt32BE(1, 8); // correlation id
    frame.writeInt16BE(clientId.length, 12);
    clientId.copy(frame, 14);
    const response = await roundTrip(socket, frame);
    const errorCode = response.readInt16BE(4);
    if (errorCode !== 0) throw new Error(`ApiVersions answered error ${errorCode}`);
    const count = response.readInt32BE(6);
    return Array.from({ length: count }, (_, i) => ({
      apiKey: response.readInt16BE(10 + i * 6),
      minVersion: response.readInt16BE(12 + i * 6),
      maxVersion: response.readInt16BE(14 + i * 6),
    }));
  } finally {
    socket.destroy();
  }
}

/** What a fresh in-memory broker advertises. */
export async function brokerApis(): Promise<AdvertisedApi[]> {
  const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  try {
    return await advertisedApis(broker.kafkaPort);
  } finally {
    await broker.close();
  }
}

/** The markdown table: one row per API key. */
export function renderApiTable(apis: readonly AdvertisedApi[]): string {
  const rows = [...apis]
    .sort((a, b) => a.apiKey - b.apiKey)
    .map(({ apiKey, minVersion, maxVersion }) => {
      const name = apiCodecFor(apiKey)?.name ?? `(key ${apiKey})`;
      const versions = minVersion === maxVersion ? `${minVersion}` : `${minVersion}–${maxVersion}`;
      return `| ${apiKey} | ${name} | ${versions} |`;
    });
  return ['| key | API | versions served |', '| --: | --- | --- |', ...rows].join('\n');
}
