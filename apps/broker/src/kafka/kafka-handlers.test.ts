import { ApiVersions, Fetch, Metadata, Produce } from '@mini-kafka/kafka-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineHandler, HandlerRegistry } from './handler-registry.js';
import { apiVersionsHandler } from './handlers/api-versions.js';
import { fetchHandler } from './handlers/fetch.js';
import { metadataHandler } from './handlers/metadata.js';
import { kafkaHandlers } from './kafka-handlers.js';
import { callHandler, handlerContext, type TestHandlerContext } from './testing/handler-context.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
});
afterEach(() => ctx.close());

describe('the handler registry', () => {
  it('derives the ApiVersions answer from the registrations, sorted by key', () => {
    const registry = kafkaHandlers();
    const versions = registry.apiVersions();
    expect(versions.map((v) => v.apiKey)).toEqual([
      0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26, 28, 29, 30, 31, 32, 33, 35, 36,
      37, 42, 44, 47, 60, 61, 65, 66,
    ]);
    for (const { apiKey, minVersion, maxVersion } of versions) {
      const handler = registry.get(apiKey)!;
      expect([minVersion, maxVersion], handler.codec.name).toEqual([handler.minVersion, handler.maxVersion]);
      expect(handler.minVersion).toBeGreaterThanOrEqual(handler.codec.minVersion);
      expect(handler.maxVersion).toBeLessThanOrEqual(handler.codec.maxVersion);
    }
    // The minimums librdkafka needs to turn on RecordBatch v2, compression and offsets by time.
    const range = (apiKey: number) => versions.find((v) => v.apiKey === apiKey);
    expect(range(Produce.apiKey)).toEqual({ apiKey: 0, minVersion: 0, maxVersion: 9 });
    expect(range(Fetch.apiKey)).toEqual({ apiKey: 1, minVersion: 0, maxVersion: 13 });
    expect(range(2)).toEqual({ apiKey: 2, minVersion: 0, maxVersion: 7 });
    expect(range(Metadata.apiKey)).toEqual({ apiKey: 3, minVersion: 0, maxVersion: 12 });
    expect(range(ApiVersions.apiKey)).toEqual({ apiKey: 18, minVersion: 0, maxVersion: 3 });
    expect(range(19)).toEqual({ apiKey: 19, minVersion: 0, maxVersion: 7 });
  });

  it('answers ApiVersions, at every version it serves, with what is registered and nothing else', async () => {
    const registry = new HandlerRegistry().register(fetchHandler).register(metadataHandler);
    registry.register(apiVersionsHandler(registry));
    for (const version of [0, 1, 2, 3]) {
      const response = await callHandler(apiVersionsHandler(registry), ctx, version, {
        clientSoftwareName: 'test',
        clientSoftwareVersion: '1',
      });
      expect(response?.errorCode, `v${version}`).toBe(0);
      expect(response?.apiKeys, `v${version}`).toEqual([
        { apiKey: 1, minVersion: 0, maxVersion: 13 },
        { apiKey: 3, minVersion: 0, maxVersion: 12 },
        { apiKey: 18, minVersion: 0, maxVersion: 3 },
      ]);
    }
  });

  it('refuses an API registered twice and a range wider than the codec serves', () => {
    expect(() => new HandlerRegistry().register(fetchHandler).register(fetchHandler)).toThrow(/registered twice/);
    expect(() => defineHandler({ ...metadataHandler, maxVersion: Metadata.maxVersion + 1 })).toThrow(
      /exceeds its codec/,
    );
    expect(() => defineHandler({ ...fetchHandler, minVersion: Fetch.minVersion - 1 })).toThrow(/exceeds its codec/);
  });
});
