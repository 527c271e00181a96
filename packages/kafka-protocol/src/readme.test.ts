// The README's usage block, run against the public entry point, with the output it shows.
import { describe, expect, it } from 'vitest';
import {
  API_TABLE,
  ApiVersions,
  apiVersionsFrom,
  decodeRequestFrame,
  encodeResponseFrame,
  extractFrames,
  Metadata,
  supportsVersion,
} from './index.js';

describe('README usage', () => {
  it('decodes a request and encodes the answer as printed', () => {
    const socketBytes = Buffer.from('00000016000300040000000100076b61666b616a73ffffffff00', 'hex');
    const { frames, rest } = extractFrames(socketBytes, 100 * 1024 * 1024);
    const { header, body } = decodeRequestFrame(frames[0] as Buffer);
    expect(header).toEqual({ apiKey: 3, apiVersion: 4, correlationId: 1, clientId: 'kafkajs' });
    expect(header.apiKey === Metadata.apiKey && supportsVersion(Metadata, header.apiVersion)).toBe(true);
    expect(Metadata.decodeRequest(body, header.apiVersion)).toMatchObject({
      topics: null,
      allowAutoTopicCreation: false,
    });
    const answer = encodeResponseFrame(Metadata, header.apiVersion, header.correlationId, {
      brokers: [{ nodeId: 0, host: 'localhost', port: 9092 }],
      controllerId: 0,
      topics: [
        {
          errorCode: 0,
          name: 'orders',
          partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 0, replicaNodes: [0], isrNodes: [0] }],
        },
      ],
    });
    expect([answer.length, answer.toString('hex', 0, 12)]).toEqual([88, '000000540000000100000000']);
    expect(rest.length).toBe(0);
    expect(encodeResponseFrame(ApiVersions, 3, 1, { errorCode: 0, apiKeys: apiVersionsFrom(API_TABLE) }).length).toBe(
      282,
    );
  });
});
